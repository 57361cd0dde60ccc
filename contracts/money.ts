/** Money is integer fen on the wire; these write it as yuan, with integer arithmetic only. */

/**
 * An amount in fen as yuan for reports: `123456` → `¥1,234.56`, `-5` → `-¥0.05`. Integer
 * arithmetic only (no `Intl`, so every runtime writes the same). The comma means a CSV
 * writer must quote the cell. Throws a RangeError for a number that is not a safe integer.
 */
export function formatFen(amount: number | bigint): string {
  if (typeof amount === 'number' && !Number.isSafeInteger(amount)) {
    throw new RangeError(`Not a whole number of fen: ${String(amount)}`);
  }
  const value = BigInt(amount);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const yuan = (abs / 100n).toString().replace(/\B(?=(\d{3})+$)/g, ',');
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}¥${yuan}.${cents}`;
}

/**
 * An amount in fen as plain yuan for spreadsheets: `123456` → `1234.56`, `-5` → `-0.05`.
 * Integer arithmetic only; no thousands separator (see `formatFen` for display).
 */
export function yuan(amount: number | bigint): string {
  if (typeof amount === 'number' && !Number.isSafeInteger(amount)) throw new RangeError(`Not a whole number of fen: ${String(amount)}`);
  const value = BigInt(amount);
  const abs = value < 0n ? -value : value;
  return `${value < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}
