/** The applicant's access to their case: the receipt or ticket number plus the query code. */
import type { CaseRecord } from '../domain/case.js';
import { queryCodeMatches } from '../domain/codes.js';
import { getCase } from '../store/data-table.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { queryParameter, type HttpEvent } from '../lambda/http.js';

export function requireQueryCode(event: HttpEvent): string {
  const code = queryParameter(event, 'queryCode');
  if (!code) {
    throw new ValidationError('Give the query code you received at submission', [{ path: 'query:queryCode', message: 'is required' }]);
  }
  return code;
}

/**
 * The case, only for the holder of its query code. An unknown number and a wrong code get
 * the same `notFound`, so nothing is revealed either way.
 */
export async function caseWithQueryCode(caseId: string | undefined, code: string, notFound: () => NotFoundError): Promise<CaseRecord> {
  const found = caseId ? await getCase(caseId) : undefined;
  if (!found || !queryCodeMatches(found.caseId, code, found.queryCodeHash)) throw notFound();
  return found;
}
