/**
 * `npm run simulate -- --days 30 --cases-per-day 40`: a month of a county's work driven
 * through the real API of a running local platform (`npm start` first; `--fresh` gives a
 * clean month), on its virtual clock. At the end it prints the monthly report's headline
 * indicators beside the reform's own figures and writes the report (JSON and PDF).
 *
 *   npm run simulate -- [--url http://localhost:3000] [--days 30] [--cases-per-day 40]
 *                       [--start YYYY-MM-DD] [--seed 1] [--out build/simulate]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { LocalDate } from '../contracts/dates.js';
import { simulateMonth } from './simulate/month.js';
import { headlineTable, monthlyReport } from './simulate/report.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:3000' },
    days: { type: 'string', default: '30' },
    'cases-per-day': { type: 'string', default: '40' },
    start: { type: 'string' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: 'build/simulate' },
  },
});

const whole = (name: string, text: string, min: number) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}, got "${text}"`);
  return n;
};
if (values.start !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.start)) throw new Error(`--start must be YYYY-MM-DD, got "${values.start}"`);

const started = Date.now();
const result = await simulateMonth({
  url: values.url,
  days: whole('days', values.days, 1),
  casesPerDay: whole('cases-per-day', values['cases-per-day'], 0),
  ...(values.start ? { start: values.start as LocalDate } : {}),
  seed: whole('seed', values.seed, 0),
  log: (line) => console.log(line),
});
console.log(`\nSimulated ${result.start} to ${result.end} in ${Math.round((Date.now() - started) / 1000)} s, ${result.requests} API requests.`);
for (const [what, n] of Object.entries(result.counts).sort()) console.log(`  ${what}: ${n}`);

const report = await monthlyReport(result.client, result.month);
console.log(`\nMonthly report ${result.month}: the headline indicators beside the reform's figures\n`);
console.log(headlineTable(report.json));
const out = resolve(values.out);
mkdirSync(out, { recursive: true });
writeFileSync(join(out, `report-${result.month}.json`), `${JSON.stringify(report.json, null, 2)}\n`);
writeFileSync(join(out, `report-${result.month}.pdf`), report.pdf);
console.log(`\nWritten: ${join(out, `report-${result.month}.json`)} and .pdf`);
