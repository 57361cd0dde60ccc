/**
 * The contract is served: `GET /v1/openapi.json` answers the document through the same
 * Lambda bundle and route CDK deploys, and the local runtime's reference page
 * (`/docs/api`) loads, with everything it needs from this machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../contracts/openapi.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform();
});

afterAll(async () => {
  await t?.stop();
});

describe('GET /v1/openapi.json', () => {
  it('answers the bundled document, public and cacheable', async () => {
    // Act
    const reply = await t.api.get('/v1/openapi.json');

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(openApiDocument);
    expect(reply.headers.get('cache-control')).toBe('public, max-age=300');
  });
});

describe('/docs/api', () => {
  it('serves the reference page, pointed at the served document', async () => {
    // Act
    const page = await fetch(new URL('/docs/api', t.api.base));
    const html = await page.text();

    // Assess
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(html).toContain("url: '/v1/openapi.json'");
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
  });

  it('serves the Scalar bundle the page loads, from node_modules', async () => {
    // Prepare
    const html = await (await fetch(new URL('/docs/api', t.api.base))).text();
    const src = /<script src="([^"]+)"><\/script>/.exec(html)?.[1];

    // Act
    const script = await fetch(new URL(src!, t.api.base));

    // Assess
    expect(src).toBe('/docs/api/scalar/standalone.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(await script.text()).toContain('createApiReference');
  });
});
