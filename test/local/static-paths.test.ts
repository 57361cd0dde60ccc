/**
 * Static paths whose percent-encoding is not UTF-8 (issue 12, hole 2): the local gateway
 * answers them 400 naming the problem instead of failing with a 500, and, under a root at
 * `/` as the demo portal's (local/start.ts), still hands API paths to the API.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixturePlatform, type FixturePlatform } from './fixture/platform.js';

let t: FixturePlatform;
const widgetsDir = mkdtempSync(join(tmpdir(), 'onetrip-static-widgets-'));
const portalDir = mkdtempSync(join(tmpdir(), 'onetrip-static-portal-'));

beforeAll(async () => {
  writeFileSync(join(widgetsDir, 'onetrip.js'), 'export {};');
  writeFileSync(join(portalDir, 'index.html'), '<!doctype html><title>portal</title>');
  t = await startFixturePlatform({ staticRoots: [{ prefix: '/widgets/', dir: widgetsDir }, { prefix: '/', dir: portalDir }] });
});
afterAll(async () => {
  await t?.stop();
});

const get = (path: string, method = 'GET') => fetch(`${t.platform.url}${path}`, { method });

describe('a static path that is not valid percent-encoded UTF-8', () => {
  it.each(['/widgets/%E0%A4%A', '/%C0%AF', '/%FF', '/widgets/a%ZZ'])('answers %s with 400 naming the problem', async (path) => {
    // Act
    const reply = await get(path);

    // Assess
    expect(reply.status).toBe(400);
    expect((await reply.json()).message).toMatch(/percent-encoded UTF-8/);
  });

  it('answers a HEAD of it with 400 too', async () => {
    expect((await get('/%FF', 'HEAD')).status).toBe(400);
  });

  it('still serves the files and hands API paths under the root to the API', async () => {
    // Act
    const widget = await get('/widgets/onetrip.js');
    const api = await get('/echo/%FF');
    const unknown = await get('/nothing-here');

    // Assess
    expect(widget.status).toBe(200);
    expect(api.status).toBe(200);
    expect((await api.json()).event.pathParameters).toEqual({ id: '%FF' });
    expect(unknown.status).toBe(404);
  });
});
