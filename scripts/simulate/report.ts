/**
 * The simulated month's report, as the supervisor reads it (`GET
 * /v1/staff/supervision/reports/{month}` in JSON and PDF), and its headline indicators
 * beside the reform's own figures as a plain table.
 */
import type { Json, PlatformClient } from './client.js';

export async function monthlyReport(api: PlatformClient, month: string): Promise<{ json: Json; pdf: Buffer }> {
  const path = `/v1/staff/supervision/reports/${month}`;
  const json = await api.expect(200, 'GET', path, { as: 'supervisor', accept: 'application/json' });
  const pdf = await api.expect<Buffer>(200, 'GET', path, { as: 'supervisor', accept: 'application/pdf' });
  return { json, pdf };
}

interface Headline {
  indicator: string;
  name: { zh: string; en: string };
  value: number | null;
  reform: number | null;
}

/** Working days and trips are numbers; everything else is a rate (as the report's CSV shows them). */
const shown = (indicator: string, value: number | null) => {
  if (value === null) return '—';
  return /Days$/.test(indicator) || indicator === 'tripsPerCase' ? value.toFixed(2) : `${(value * 100).toFixed(1)}%`;
};

/** One line per headline indicator of a monthly report: its name, this month's value, the reform's figure. */
export function headlineTable(report: { headline?: Headline[] }): string {
  const rows = (report.headline ?? []).map((h) => [`${h.name.zh} (${h.name.en})`, shown(h.indicator, h.value), shown(h.indicator, h.reform)]);
  const header = ['indicator', 'simulated month', 'the reform'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  return [header, ...rows].map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')).join('\n');
}
