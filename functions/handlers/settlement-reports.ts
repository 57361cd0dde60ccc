/**
 * The daily settlement report (docs/fees.md): what each department's account receives for
 * a Shanghai day and whether every ticket reconciles. Supervisors and admins see every
 * department, a chief their own. JSON, or CSV for `Accept: text/csv`.
 */
import { isLocalDate } from '../domain/calendar.js';
import { settlementCsv, settlementReport, settlementScope } from '../domain/settlement.js';
import { servedCatalog } from '../app/served-catalog.js';
import { ValidationError } from '../domain/errors.js';
import { csv, httpHandler, json, pathParameter, queryParameter, wantsCsv } from '../lambda/http.js';
import { staffOf } from '../lambda/staff-auth.js';
import { ledgerOfDay } from '../store/ledger.js';

export const handler = httpHandler({
  'GET /v1/staff/settlement/{day}': async (event) => {
    const department = settlementScope(staffOf(event), queryParameter(event, 'department'));
    const day = pathParameter(event, 'day');
    if (!isLocalDate(day)) {
      throw new ValidationError(`day must be a date YYYY-MM-DD, got ${JSON.stringify(day)}`, [{ path: 'path:day', message: 'is not a date YYYY-MM-DD' }]);
    }
    const { source } = servedCatalog();
    if (department !== undefined && !source.departments.some((d) => d.code === department)) {
      throw new ValidationError(`department ${JSON.stringify(department)} is not a department of catalog ${source.manifest.version}`, [
        { path: 'query:department', message: 'is not a department code' },
      ]);
    }
    const report = settlementReport(await ledgerOfDay(day), {
      day,
      generatedAt: new Date().toISOString(),
      departments: source.departments,
      department,
    });
    if (wantsCsv(event)) return csv(200, settlementCsv(report), `settlement-${day}${department === undefined ? '' : `-${department}`}.csv`);
    return json(200, report);
  },
});
