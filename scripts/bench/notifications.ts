/**
 * Notifications: the delay from an event to the provider's hands, measured end to end on
 * the local platform — from the submit's answer (its `case.submitted` event is written in
 * the submit's transaction) to the message sandbox's capture of the applicant's
 * "application received" text (the relay, the `notifications` queue and consumer, the
 * template, the SMS adapter's POST). One applicant phone per case (no daily cap), the
 * platform's clock at noon (no quiet hours), cases one after another.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { shanghaiDate } from '../../contracts/dates.js';
import { startPlatform } from '../../local/platform.js';
import { Api } from '../../test/support/api.js';
import { acceptedCase } from '../../test/support/cases.js';
import { FOOD_LICENCE } from '../../test/support/fixtures.js';
import type { TestPlatform } from '../../test/support/platform.js';
import { fixed, median, percentile, table } from './stats.js';

export interface NotificationDelayResult {
  cases: number;
  delaysMs: number[];
  median: number;
  p95: number;
}

export async function benchNotificationDelay(cases = 30): Promise<NotificationDelayResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'onetrip-bench-notify-'));
  const platform = await startPlatform({ port: 0, dataDir, fresh: true, log: () => {} });
  try {
    const api = new Api(platform.url);
    const t = { api, platform } as unknown as TestPlatform;
    await api.post('/local/clock', { at: `${shanghaiDate()}T12:00:00+08:00` });
    const delaysMs: number[] = [];
    // One untimed case: every function's first invocation pays its start.
    for (let i = 0; i <= cases; i++) {
      const phone = `1390730${String(1000 + i).padStart(4, '0')}`;
      const c = await acceptedCase(t, { itemCode: FOOD_LICENCE }, { accept: false, applicant: { phone } });
      const answered = Date.now();
      let captured: string | undefined;
      for (const started = Date.now(); !captured && Date.now() - started < 30_000; await sleep(20)) {
        const messages = (await api.get(`/local/messages?receiptNumber=${c.receiptNumber}`)).body.messages as { template: string; at: string }[];
        captured = messages.find((m) => m.template === 'submitted')?.at;
      }
      if (!captured) throw new Error(`No "submitted" text for ${c.receiptNumber} within 30 s`);
      if (i > 0) delaysMs.push(Date.parse(captured) - answered);
    }
    return { cases, delaysMs, median: median(delaysMs), p95: percentile(delaysMs, 95) };
  } finally {
    await platform.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function notificationDelayTable(r: NotificationDelayResult): string {
  return table(
    ['event → sandbox capture (the "submitted" SMS)', 'median ms', 'p95 ms', 'min ms', 'max ms'],
    [[`${r.cases} cases, one after another`, fixed(r.median), fixed(r.p95), fixed(Math.min(...r.delaysMs)), fixed(Math.max(...r.delaysMs))]],
  );
}
