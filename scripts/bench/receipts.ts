/**
 * The receipt oracle (issue 12, hole 6): `GET /v1/applications/{receipt}?queryCode=` for a
 * receipt number that does not exist and for a real one with a wrong code, through the
 * local platform's HTTP API. Both must do the same work; the ratio of their median times
 * should sit near 1 (the probe that found the hole saw 8.9 ms against 5.4 ms, 1.65x; this
 * bench, before the fix, 1.81x, and after it 1.04x, on a loaded two-core machine). The
 * tests check the work (test/integration/receipt-lookup.test.ts); this shows the time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultCalendar } from '../../functions/domain/calendar.js';
import { shanghaiDate } from '../../contracts/dates.js';
import { startPlatform, type Platform } from '../../local/platform.js';
import { Api } from '../../test/support/api.js';
import { foodLicenceApplication } from '../../test/support/fixtures.js';
import { fixed, measure, pool, ratio, table, type Measurement } from './stats.js';

export interface ReceiptsOptions {
  /** Timed lookups per path, split over the rounds. @default 300 */
  count?: number;
  /** Untimed lookups per path first. @default 30 */
  warmup?: number;
  /** Rounds alternate the two paths so a noisy machine's drift falls on both alike. @default 5 */
  rounds?: number;
}

export interface ReceiptsResult {
  unknownReceipt: Measurement;
  wrongCode: Measurement;
  /** Median time of a wrong code on a real receipt over that of an unknown receipt. */
  ratioOfMedians: number;
}

export async function benchReceipts(options: ReceiptsOptions = {}): Promise<ReceiptsResult> {
  const count = options.count ?? 300;
  const warmup = options.warmup ?? 30;
  const rounds = options.rounds ?? 5;
  const perRound = Math.ceil(count / rounds);
  const dataDir = mkdtempSync(join(tmpdir(), 'onetrip-bench-'));
  let platform: Platform | undefined;
  try {
    platform = await startPlatform({ port: 0, dataDir, fresh: true, log: () => {} });
    const api = new Api(platform.url);
    const dueDate = defaultCalendar.addWorkingDays(shanghaiDate(new Date()), 3);
    const submitted = await api.submit(await foodLicenceApplication((content, type) => api.upload(content, type), dueDate));
    if (submitted.status !== 201) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
    await platform.idle();
    // One at a time: the figure is each lookup's own latency, as a prober sees it.
    const lookup = (receipt: string) => async () => {
      const reply = await api.get(`/v1/applications/${receipt}?queryCode=WRONG234`);
      if (reply.status !== 404) throw new Error(`lookup of ${receipt}: ${reply.status}`);
    };
    const unknownOne = lookup('430600-20991231-999999');
    const wrongOne = lookup(submitted.body.receiptNumber as string);
    await measure({ count: warmup, concurrency: 1, op: unknownOne });
    await measure({ count: warmup, concurrency: 1, op: wrongOne });
    const unknownParts: Measurement[] = [];
    const wrongParts: Measurement[] = [];
    for (let r = 0; r < rounds; r++) {
      unknownParts.push(await measure({ count: perRound, concurrency: 1, op: unknownOne }));
      wrongParts.push(await measure({ count: perRound, concurrency: 1, op: wrongOne }));
    }
    const unknownReceipt = pool(unknownParts);
    const wrongCode = pool(wrongParts);
    return { unknownReceipt, wrongCode, ratioOfMedians: wrongCode.p50Ms / unknownReceipt.p50Ms };
  } finally {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function receiptsTable(r: ReceiptsResult): string {
  const row = (label: string, m: Measurement) => [label, fixed(m.p50Ms, 2), fixed(m.p99Ms, 2)];
  return [
    table(
      ['GET /v1/applications/{receipt}?queryCode=WRONG234', 'p50 ms', 'p99 ms'],
      [
        row('unknown receipt', r.unknownReceipt),
        row('real receipt, wrong code', r.wrongCode),
        ['wrong code / unknown (ratio of medians; 1.00x: nothing to tell apart)', ratio(r.ratioOfMedians), ''],
      ],
    ),
    `${r.unknownReceipt.count} timed lookups per path, one at a time, in interleaved rounds`,
  ].join('\n');
}
