/**
 * The daily settlement report (docs/fees.md): what each department's account receives for
 * a Shanghai day and whether every ticket reconciles. Supervisors and admins see every
 * department, a chief their own. JSON, or CSV for `Accept: text/csv`.
 */
import { settlementOf } from '../app/settlement-report.js';
import { csv, httpHandler, json, pathParameter, queryParameter, wantsCsv } from '../lambda/http.js';
import { staffOf } from '../lambda/staff-auth.js';

export const handler = httpHandler({
  'GET /v1/staff/settlement/{day}': async (event) => {
    const settlement = await settlementOf(staffOf(event), pathParameter(event, 'day'), queryParameter(event, 'department'));
    return wantsCsv(event) ? csv(200, settlement.csv(), settlement.fileName) : json(200, settlement.report);
  },
});
