/** Dates and money for people, through Intl in the widget's language. Money is integer fen. */
import { intlLocale } from './localize.js';

/** A local date `YYYY-MM-DD` (a deadline in Asia/Shanghai) as people read it. */
export function formatDate(localDate: string): string {
  const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(intlLocale(), { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(new Date(iso));
}

/**
 * Integer fen as money for people, in the widget's language: 12345 → ¥123.45. (Reports
 * write fen with contracts/money.ts `formatFen`, integer arithmetic and no `Intl`.)
 */
export function formatMoney(fen: number): string {
  return new Intl.NumberFormat(intlLocale(), { style: 'currency', currency: 'CNY' }).format(fen / 100);
}

export function formatBytes(bytes: number): string {
  // Under a kilobyte, bytes: a small file is never "0 kB".
  if (bytes < 1024) return new Intl.NumberFormat(intlLocale(), { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(bytes);
  const unit = bytes >= 1048576 ? 'megabyte' : 'kilobyte';
  const value = bytes / (unit === 'megabyte' ? 1048576 : 1024);
  return new Intl.NumberFormat(intlLocale(), { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

/** A quantity read from a form (1234.5 → 1,234.5), as precise as it was given. */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 20 }).format(value);
}
