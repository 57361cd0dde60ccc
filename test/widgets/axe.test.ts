/**
 * The widget tests trust `axeViolations` to look inside shadow roots, where every OneTrip
 * widget renders. This shows that it does: a violation planted in a shadow root (and in a
 * shadow root inside another) is reported, with the path through the host, while the same
 * markup made accessible is clean. Chromium only: no platform is needed for a static page.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, axeViolations } from './harness.js';

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
});
afterAll(async () => {
  await browser?.close();
});

/**
 * A page whose `<x-outer>` renders `inner` in its open shadow root, and whose `<x-inner>`
 * (if `inner` uses it) renders `nested` in its own.
 */
async function pageWith(inner: string, nested = ''): Promise<Page> {
  const page = await browser.newPage();
  await page.setContent(`<!doctype html><html lang="en"><head><title>axe in shadow roots</title></head>
    <body><main><h1>Shadow roots</h1><x-outer></x-outer></main>
    <script>
      const define = (name, markup) => customElements.define(name, class extends HTMLElement {
        connectedCallback() { this.attachShadow({ mode: 'open' }).innerHTML = markup; }
      });
      define('x-inner', ${JSON.stringify(nested)});
      define('x-outer', ${JSON.stringify(inner)});
    </script></body></html>`);
  return page;
}

describe('axeViolations', () => {
  it('finds a violation planted in a shadow root, and names the path through the host', async () => {
    // Prepare: a button with no accessible name, and an image with no text alternative
    const page = await pageWith('<p>Form</p><button type="button"></button><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">');

    // Act
    const violations = await axeViolations(page);

    // Assess
    expect(violations.map((v) => v.id).sort()).toEqual(['button-name', 'image-alt']);
    expect(violations.find((v) => v.id === 'button-name')!.nodes.map((n) => n.target)).toEqual([[['x-outer', 'button']]]);
    expect(await axeViolations(page, 'x-outer')).toHaveLength(2);
    await page.close();
  });

  it('finds one planted in a shadow root inside another', async () => {
    const page = await pageWith('<p>Outer</p><x-inner></x-inner>', '<label>Name</label><input type="text">');
    const violations = await axeViolations(page);
    expect(violations.map((v) => v.id)).toEqual(['label']);
    expect(violations[0]!.nodes.map((n) => n.target)).toEqual([[['x-outer', 'x-inner', 'input']]]);
    await page.close();
  });

  it('finds nothing in the same shadow roots made accessible', async () => {
    const page = await pageWith(
      '<p>Form</p><button type="button">Continue</button><img alt="" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><x-inner></x-inner>',
      '<label for="n">Name</label><input id="n" type="text">',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
