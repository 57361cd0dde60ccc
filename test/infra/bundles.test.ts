/**
 * The Lambda bundles carry the files they read beside them: a handler that prints a PDF
 * (the certificates worker, the tickets handler's payment receipt, the supervision reports) has the Extension B
 * fallback font in `fonts/`, as a deployed function has no node_modules to find it in.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extBFontFiles } from '../../functions/results/ext-b-font.js';
import { buildBundles } from '../../infra/bundles.js';

let outdir: string;
let bundles: Record<string, string>;

beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), 'onetrip-bundles-'));
  bundles = await buildBundles({ outdir });
}, 300_000);

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('buildBundles', () => {
  it('puts every file of the Extension B font beside the bundles that print PDFs', () => {
    for (const name of ['certificates', 'tickets', 'notices', 'supervision', 'supervision-archive']) {
      // Assess
      expect(readdirSync(join(bundles[name]!, 'fonts')).sort(), name).toEqual(extBFontFiles().sort());
    }
  });
});
