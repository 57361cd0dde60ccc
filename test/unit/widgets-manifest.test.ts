import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const out = mkdtempSync(join(tmpdir(), 'onetrip-cem-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface Declaration {
  name: string;
  tagName?: string;
  summary?: string;
  attributes?: { name: string; description?: string }[];
  events?: { name: string; description?: string }[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string; default?: string }[];
}

describe('the custom-elements manifest', () => {
  it('describes every citizen element with its attributes, events, parts and custom properties', async () => {
    // Act: what `npm run manifest` runs, into a scratch directory (the analyzer joins --outdir to its cwd)
    await promisify(execFile)(
      join(ROOT, 'node_modules', '.bin', 'cem'),
      ['analyze', '--litelement', '--globs', 'widgets/src/**/*.element.ts', '--outdir', relative(ROOT, out)],
      { cwd: ROOT },
    );
    const manifest = JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8')) as { modules: { declarations?: Declaration[] }[] };
    const elements = new Map(manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName).map((d) => [d.tagName!, d]));

    // Assess
    expect([...elements.keys()]).toEqual(expect.arrayContaining(['onetrip-service-guide', 'onetrip-apply', 'onetrip-track', 'onetrip-verify']));
    const names = (list: { name: string }[] | undefined) => (list ?? []).map((x) => x.name);
    const guide = elements.get('onetrip-service-guide')!;
    const apply = elements.get('onetrip-apply')!;
    const track = elements.get('onetrip-track')!;
    const verify = elements.get('onetrip-verify')!;
    expect(names(guide.attributes)).toEqual(['item', 'api-base', 'locale']);
    expect(names(track.attributes)).toEqual(['receipt', 'query-code', 'api-base', 'locale']);
    expect(names(apply.attributes)).toEqual(expect.arrayContaining(['item', 'api-base', 'locale']));
    expect(names(guide.events)).toEqual(['onetrip-guide-loaded']);
    expect(names(track.events)).toEqual(expect.arrayContaining(['onetrip-tracked', 'onetrip-corrected']));
    expect(names(apply.events)).toContain('onetrip-submitted');
    expect(names(verify.attributes)).toEqual(['code', 'api-base', 'locale']);
    expect(names(verify.events)).toEqual(['onetrip-verified']);
    for (const element of [guide, apply, track, verify]) {
      // Internal state (`state: true`) is not an attribute
      expect(names(element.attributes).every((a) => /^[a-z-]+$/.test(a))).toBe(true);
      expect(element.attributes!.every((a) => a.description)).toBe(true);
      expect(element.events!.every((e) => e.description)).toBe(true);
      expect(names(element.cssProperties)).toEqual(expect.arrayContaining(['--onetrip-accent', '--onetrip-font']));
      expect(element.cssParts!.length).toBeGreaterThan(3);
    }
    expect(names(guide.cssParts)).toEqual(expect.arrayContaining(['title', 'trips', 'materials', 'retry-button']));
    expect(names(track.cssParts)).toEqual(expect.arrayContaining(['form', 'result', 'notice', 'correction', 'tasks', 'timeline']));
    expect(names(verify.cssParts)).toEqual(expect.arrayContaining(['form', 'input', 'result', 'status', 'facts', 'fingerprint']));
  });
});
