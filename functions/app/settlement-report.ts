/** A day's settlement per department (docs/fees.md), reconciled to the fen, as the asking staff member may see it. */
import { isLocalDate } from '../domain/calendar.js';
import { ValidationError } from '../domain/errors.js';
import { settlementCsv, settlementReport, settlementScope } from '../domain/settlement.js';
import type { SettlementReport } from '../../contracts/staff.js';
import type { Staff } from '../domain/staff.js';
import { ledgerOfDay } from '../store/ledger.js';
import { servedCatalog, servedDepartment } from './served-catalog.js';
import { clock } from '../lambda/clock.js';

/** A day's settlement as `staff` may see it: every department, or their own. */
export async function settlementOf(staff: Staff, day: string, requested: string | undefined): Promise<{ report: SettlementReport; csv: () => string; fileName: string }> {
  const department = settlementScope(staff, requested);
  if (!isLocalDate(day)) {
    throw new ValidationError(`day must be a date YYYY-MM-DD, got ${JSON.stringify(day)}`, [{ path: 'path:day', message: 'is not a date YYYY-MM-DD', rule: 'not_date' }]);
  }
  if (department !== undefined) servedDepartment(department);
  const { source } = servedCatalog();
  const report = settlementReport(await ledgerOfDay(day), { day, generatedAt: clock().now, departments: source.departments, department });
  return { report, csv: () => settlementCsv(report), fileName: `settlement-${day}${department === undefined ? '' : `-${department}`}.csv` };
}
