/**
 * The supervision board and the periodic reports (docs/reports.md): supervisors and admins
 * see the county, a chief their own department, anyone else is refused. A report answers in
 * JSON, CSV (`Accept: text/csv`) or PDF (`Accept: application/pdf`); an archived one carries
 * its file's SHA-256 in `X-Report-SHA256`.
 */
import { supervisionBoard, supervisionReportFile } from '../app/supervision.js';
import { download, httpHandler, json, pathParameter, preferredType } from '../lambda/http.js';
import { staffOf } from '../lambda/staff-auth.js';

const FORMATS = { 'application/json': 'json', 'text/csv': 'csv', 'application/pdf': 'pdf' } as const;
const CONTENT_TYPES = { json: 'application/json; charset=utf-8', csv: 'text/csv; charset=utf-8', pdf: 'application/pdf' } as const;

/** The header an archived report's SHA-256 (hex, of the file in the requested format) travels in. */
export const REPORT_SHA256_HEADER = 'x-report-sha256';

export const handler = httpHandler({
  'GET /v1/staff/supervision/board': async (event) => json(200, await supervisionBoard(staffOf(event))),
  'GET /v1/staff/supervision/reports/{period}': async (event) => {
    const format = FORMATS[preferredType(event, ['application/json', 'text/csv', 'application/pdf'])];
    const file = await supervisionReportFile(staffOf(event), pathParameter(event, 'period'), format);
    const archived: Record<string, string> = file.sha256 ? { [REPORT_SHA256_HEADER]: file.sha256 } : {};
    if (format === 'json') return { statusCode: 200, headers: { 'content-type': CONTENT_TYPES.json, 'cache-control': 'no-store', ...archived }, body: new TextDecoder().decode(file.body) };
    // The file's bytes as archived (the CSV's BOM included), so the body's SHA-256 is the header's.
    return download(file.body, CONTENT_TYPES[format], file.fileName, archived);
  },
});
