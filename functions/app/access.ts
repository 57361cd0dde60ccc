/**
 * Who may read a case: the applicant with its receipt or ticket number and query code, or
 * staff by its id. An unknown number and a wrong code get the same 404 after the same
 * work, so nothing is revealed either way, not even by the time the answer takes.
 */
import { hashQueryCode, queryCodeMatches } from '../domain/codes.js';
import { NotFoundError } from '../domain/errors.js';
import type { CaseRecord, Ticket } from '../domain/records.js';
import { TICKET_PATTERN } from '../domain/tickets.js';
import { getCase } from '../store/data-table.js';
import { caseOfTicket } from '../store/lookups.js';
import { caseIdByReceipt } from '../store/submissions.js';

/**
 * What an unknown number is checked against: a case id no case has (case ids are UUIDs)
 * and a hash no code of it matches. An unknown number thus reads a case and compares a
 * code hash in constant time like a known one with a wrong code; answering it without
 * that work told the two apart by timing (issue 12, hole 6).
 */
const ABSENT_CASE_ID = 'absent';
const ABSENT_HASH = hashQueryCode(ABSENT_CASE_ID, '');

async function withQueryCode(caseId: string | undefined, code: string, notFound: () => NotFoundError): Promise<CaseRecord> {
  const found = await getCase(caseId ?? ABSENT_CASE_ID);
  const matches = queryCodeMatches(caseId ?? ABSENT_CASE_ID, code, found?.queryCodeHash ?? ABSENT_HASH);
  if (!found || !matches) throw notFound();
  return found;
}

/** The case behind a receipt number, only for the holder of its query code. */
export async function applicantCase(receiptNumber: string, code: string): Promise<CaseRecord> {
  return withQueryCode(await caseIdByReceipt(receiptNumber), code, () =>
    new NotFoundError('No application matches this receipt number and query code', 'APPLICATION_NOT_FOUND'));
}

/** The case behind a fee ticket, only for the holder of its query code. */
export async function ticketCase(ticketNumber: string, code: string): Promise<CaseRecord & { ticket: Ticket }> {
  const notFound = () => new NotFoundError('No fee ticket matches this ticket number and query code', 'TICKET_NOT_FOUND');
  const ref = TICKET_PATTERN.test(ticketNumber) ? await caseOfTicket(ticketNumber) : undefined;
  const found = await withQueryCode(ref?.caseId, code, notFound);
  if (found.ticket?.ticketNumber !== ticketNumber) throw notFound();
  return found as CaseRecord & { ticket: Ticket };
}

/** A case by its id, for staff (whose role the use case checks). */
export async function caseById(caseId: string): Promise<CaseRecord> {
  const found = await getCase(caseId);
  if (!found) throw new NotFoundError(`No case ${caseId}`, 'CASE_NOT_FOUND', { params: { caseId } });
  return found;
}
