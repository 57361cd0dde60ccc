/**
 * Receipt numbers people can read aloud, and query codes that make them useless to
 * anyone who does not also hold the code.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** `430600-20261128-000042`: region, local date of submission, daily sequence. */
export function receiptNumber(regionCode: string, localDate: string, sequence: number): string {
  return `${regionCode}-${localDate.replaceAll('-', '')}-${String(sequence).padStart(6, '0')}`;
}

export const RECEIPT_PATTERN = /^[0-9a-z]{6}(?:-[a-z]+)?-\d{8}-\d{6}$/;

/** No 0/O, 1/I/L: the code is read from paper and typed on phones. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** Eight characters from 31 (≈ 8.5e11 codes), from the caller's random bytes. */
export function queryCode(random: Uint8Array): string {
  if (random.length < 8) throw new RangeError('queryCode needs 8 random bytes');
  return [...random.slice(0, 8)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

export function hashQueryCode(caseId: string, code: string): string {
  return createHash('sha256').update(`${caseId}:${code.toUpperCase()}`).digest('hex');
}

export function queryCodeMatches(caseId: string, code: string, storedHash: string): boolean {
  const a = Buffer.from(hashQueryCode(caseId, code), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Tasks are addressed by the case they belong to and their position in it. */
export function taskId(caseId: string, index: number): string {
  return `${caseId}-t${index}`;
}

export function caseIdOfTask(id: string): string | undefined {
  const at = id.lastIndexOf('-t');
  return at > 0 && /^\d+$/.test(id.slice(at + 2)) ? id.slice(0, at) : undefined;
}
