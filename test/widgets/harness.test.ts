import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations, startWidgetEnv, type WidgetEnv } from './harness.js';

let env: WidgetEnv;
beforeAll(async () => {
  env = await startWidgetEnv();
});
afterAll(async () => {
  await env?.stop();
});

describe('the browser harness', () => {
  it('serves pages and the widget bundle from the local platform, and runs axe', async () => {
    const page = await env.open('/smoke.html');
    expect(await page.textContent('#ready')).toBe('ready');
    const bundle = await page.evaluate(async () => (await fetch('/widgets/onetrip.js')).status);
    expect(bundle).toBe(200);
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.context().close();
  });
});
