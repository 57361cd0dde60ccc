/**
 * The Lambda bundles carry the files they read beside them: a handler that prints a PDF
 * (the certificates worker, the tickets handler's payment receipt, the supervision reports) has
 * the certificate font (its subset made at build time, and the whole font) and the Extension B
 * fallback font (as TrueType) in `fonts/`, as a deployed function has no node_modules to find it in, and
 * none of them carries a font inline.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create as createFont } from 'fontkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extBFontFiles } from '../../functions/results/ext-b-font.js';
import { buildBundles, ROOT } from '../../infra/bundles.js';
import { CERTIFICATE_FONT_FILES, extBTrueTypeName } from '../../infra/pdf-fonts.js';

let outdir: string;
let bundles: Record<string, string>;

beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), 'onetrip-bundles-'));
  bundles = await buildBundles({ outdir });
}, 300_000);

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('buildBundles', () => {
  it('puts the certificate font and every file of the Extension B font beside the bundles that print PDFs, and no font inside them', () => {
    for (const name of ['certificates', 'tickets', 'notices', 'supervision', 'supervision-archive']) {
      const fonts = join(bundles[name]!, 'fonts');

      // Assess
      expect(readdirSync(fonts).sort(), name).toEqual([...extBFontFiles().map(extBTrueTypeName), ...Object.values(CERTIFICATE_FONT_FILES)].sort());
      expect(statSync(join(fonts, CERTIFICATE_FONT_FILES.subset)).size, name).toBeLessThan(statSync(join(fonts, CERTIFICATE_FONT_FILES.whole)).size / 3);
      // Inline, the whole font was 19.7 MB of base64, the subset would be 4.9 MB: a bundle under a third of the font has neither.
      expect(statSync(join(bundles[name]!, 'index.mjs')).size, name).toBeLessThan(statSync(join(fonts, CERTIFICATE_FONT_FILES.whole)).size / 3);
    }
  });

  it('cuts the certificate font to every character of GB 2312 and of the published catalogs', () => {
    // Prepare: GB 2312's 6,763 hanzi (rows 0xB0–0xF7 of EUC-CN), and every character of every published catalog
    const decoder = new TextDecoder('gbk');
    const hanzi = new Set<string>();
    for (let row = 0xb0; row <= 0xf7; row++) for (let cell = 0xa1; cell <= 0xfe; cell++) hanzi.add(decoder.decode(new Uint8Array([row, cell])));
    // The cells GB 2312 leaves empty (0xD7FA–0xD7FE), which GBK gives to private use.
    for (const ch of hanzi) if (/\p{Co}/u.test(ch)) hanzi.delete(ch);
    const versions = join(ROOT, 'catalog', 'versions');
    const catalogs = new Set(readdirSync(versions, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'))
      .flatMap((f) => [...JSON.stringify(JSON.parse(readFileSync(join(versions, f), 'utf8')))]));

    // Act
    const font = createFont(readFileSync(join(bundles.certificates!, 'fonts', CERTIFICATE_FONT_FILES.subset)));
    const has = new Set('characterSet' in font ? font.characterSet : []);

    // Assess
    expect(hanzi.size).toBe(6763);
    expect([...hanzi, ...catalogs].filter((ch) => !has.has(ch.codePointAt(0)!))).toEqual([]);
  });
});
