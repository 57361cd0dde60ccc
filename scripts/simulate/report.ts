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
  key: string;
  name: { zh: string; en: string };
  value: number | null;
  reform?: number | string | null;
  unit?: string;
}

const shown = (value: unknown, unit?: string) => {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'number') return String(value);
  return unit === 'rate' || unit === 'share' ? `${(value * 100).toFixed(1)}%` : value.toFixed(2);
};

/** One line per headline indicator: its name, this month's value, the reform's figure. */
export function headlineTable(report: { indicators?: Headline[] }): string {
  const rows = (report.indicators ?? []).map((i) => [`${i.name.zh} ${i.name.en}`, shown(i.value, i.unit), shown(i.reform, i.unit)]);
  const header = ['indicator', 'simulated month', 'the reform'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  return [header, ...rows].map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')).join('\n');
}
