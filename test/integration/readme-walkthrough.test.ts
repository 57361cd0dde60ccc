/**
 * The README's walk-through runs as written: its shell block, taken from README.md as it
 * is, against a fresh platform (only `API` points it there), with curl and jq as a reader
 * would. A step the code no longer supports fails the script, and what the last steps print
 * (the fee, the payment, the parcel, the verification, the library's code) is checked.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

const run = promisify(execFile);

/** The shell block under "## Walk-through" in README.md. */
function walkthrough(): string {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Walk-through'));
  const block = /```sh\n([\s\S]*?)\n```/.exec(section)?.[1];
  if (!block) throw new Error('README.md has no ```sh block under "## Walk-through"');
  return block;
}

let t: TestPlatform;

beforeAll(async () => {
  // The courier walks its route quickly here, as `npm start`'s would in 1.5 s steps.
  process.env.ONETRIP_SANDBOX_COURIER_STEP_MS = '200';
  t = await startTestPlatform();
});
afterAll(async () => {
  await t?.stop();
});

it('runs from the application to the delivered, verifiable certificate', { timeout: 300_000 }, async () => {
  // Act
  const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', walkthrough()], {
    env: { ...process.env, API: t.platform.url },
    maxBuffer: 16 * 1024 * 1024,
    timeout: 280_000,
  }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(`The walk-through stopped: ${error.message}\n--- stdout ---\n${error.stdout}\n--- stderr ---\n${error.stderr}`);
  });

  // Assess: what the fee-bearing case's last steps print
  const ticket = /"totalFen": (\d+)/.exec(stdout)?.[1];
  expect(ticket, stdout).toBe('60000'); // two lifts at ¥300, estimated
  // The parcel's steps in route order, ending delivered; under load a step the courier reported
  // just before the next one can arrive after it, and is then rightly not recorded (README, Courier).
  const parcel = /"handover": "delivered",\s*"parcel": (\[[^\]]*\])/.exec(stdout)?.[1];
  expect(parcel, stdout).toBeDefined();
  const steps = JSON.parse(parcel!) as string[];
  const route = ['accepted', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered'];
  expect(steps.at(-1)).toBe('delivered');
  expect(steps.map((step) => route.indexOf(step))).toEqual(steps.map((step) => route.indexOf(step)).filter((i) => i >= 0).sort((a, b) => a - b));
  const verifyUrl = new RegExp(`^${t.platform.url.replace('127.0.0.1', 'localhost')}/verify\\.html\\?code=[2-9A-Z-]{14}$`, 'm');
  expect(stdout).toMatch(verifyUrl);
  expect(stdout).toMatch(/"genuine": true,\s*"status": "valid",\s*"current": true,\s*"licenceNumber": "430600-/);
  // The estimate before applying is the ticket after approval
  expect([...stdout.matchAll(/"totalFen": (\d+)/g)].map((m) => m[1])).toEqual(['60000', '60000']);
  // The receipt is a PDF; the downloaded certificate verifies as signed, and not once altered
  expect(stdout).toContain('%PDF-1.');
  expect(stdout).toMatch(/"genuine": true,\s*"signature": "valid",\s*"signedByCounty": true/);
  expect(stdout).toMatch(/"genuine": false,\s*"signature": "invalid"/);
  // The library opens with the code texted to the phone on file (the company holds no asked proof), never with the identity alone
  expect(stdout).toMatch(/^【岳阳政务服务】您正在使用证照库，验证码\d{6}，10分钟内有效。/m);
  expect(stdout).toMatch(/"held": \[\]/);
  expect(stdout).toContain('"VALIDATION_FAILED"');
});
