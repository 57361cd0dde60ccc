/**
 * Verifying the hash-chained timelines (docs/oversight.md): of named cases, of a random sample
 * of a day's cases, and the daily audit that raises an alert for each broken one. No scan:
 * a day's cases are the receipt numbers its counter's blocks record as used, each resolved
 * through its `RECEIPT#` lookup.
 */
import { randomInt } from 'node:crypto';
import { receiptNumber } from '../domain/codes.js';
import { sampleSequences, verifyChain, type ChainVerdict, type VerifyRequest } from '../domain/integrity.js';
import { requireRole, type Staff } from '../domain/staff.js';
import { fromDayNumber, dayNumber } from '../domain/calendar.js';
import { clock } from '../lambda/clock.js';
import { logger } from '../lambda/logger.js';
import { getCase, getTimeline } from '../store/data-table.js';
import { raiseIntegrityAlert } from '../store/integrity.js';
import { caseIdByReceipt, receiptSequencesUsed } from '../store/submissions.js';
import { servedCatalog } from './served-catalog.js';

/** How many of yesterday's cases the daily audit verifies. */
export const DAILY_SAMPLE_SIZE = 50;

export type CaseVerdict = { caseId: string; receiptNumber: string } & ChainVerdict;

export interface VerifyReport {
  cases: CaseVerdict[];
  /** The case ids or receipt numbers asked for that name no case. */
  unknown: string[];
  /** For a sample: the day, how many cases it had, how many were drawn. */
  sample?: { day: string; casesThatDay: number; drawn: number };
}

/** One case's verdict: its stored timeline against the head stored on the case; undefined when there is no such case. */
export async function verifyCase(caseId: string): Promise<CaseVerdict | undefined> {
  const c = await getCase(caseId);
  if (!c) return undefined;
  const verdict = verifyChain(await getTimeline(caseId), c.timeline);
  return { caseId, receiptNumber: c.receiptNumber, ...verdict };
}

async function verifyAll(caseIds: readonly (string | undefined)[], asked: readonly string[]): Promise<Pick<VerifyReport, 'cases' | 'unknown'>> {
  const verdicts: (CaseVerdict | undefined)[] = [];
  // Ten cases at a time: each is a GetItem and a Query.
  for (let i = 0; i < caseIds.length; i += 10) {
    verdicts.push(...(await Promise.all(caseIds.slice(i, i + 10).map((id) => (id ? verifyCase(id) : undefined)))));
  }
  return {
    cases: verdicts.filter((v): v is CaseVerdict => v !== undefined),
    unknown: asked.filter((_, i) => verdicts[i] === undefined),
  };
}

/** A random sample of a day's cases: `size` of its receipt numbers, resolved to their cases. */
async function verifySample(day: string, size: number): Promise<VerifyReport> {
  const { county } = servedCatalog();
  const used = await receiptSequencesUsed(county, day);
  const count = used.length;
  const receipts = sampleSequences(count, size, (n) => randomInt(n)).map((i) => receiptNumber(county, day, used[i - 1]!));
  const caseIds = await Promise.all(receipts.map(caseIdByReceipt));
  // A number of a day from before the blocks whose submit failed after taking it is no case: not a finding.
  const found = caseIds.filter((id): id is string => id !== undefined);
  const { cases } = await verifyAll(found, found);
  return { cases, unknown: [], sample: { day, casesThatDay: count, drawn: receipts.length } };
}

export async function verifyTimelines(staff: Staff, request: VerifyRequest): Promise<VerifyReport> {
  requireRole(staff, 'supervisor', 'admin');
  if ('caseIds' in request) return verifyAll(request.caseIds, request.caseIds);
  if ('receiptNumbers' in request) return verifyAll(await Promise.all(request.receiptNumbers.map(caseIdByReceipt)), request.receiptNumbers);
  return verifySample(request.sample.day, request.sample.size);
}

/**
 * The daily audit, for the run at `at`: verifies a sample of the previous Shanghai day's cases
 * and raises, once per case and day, an `integrity.broken` event and an error log line (the
 * `TimelinesBroken` metric and its alarm read that line, infra/county-stack.ts).
 */
export async function auditYesterday(at: Date): Promise<{ day: string; verified: number; broken: number; raised: number }> {
  const today = clock(at).today;
  const day = fromDayNumber(dayNumber(today) - 1);
  const report = await verifySample(day, DAILY_SAMPLE_SIZE);
  let raised = 0;
  const broken = report.cases.filter((c) => !c.intact);
  for (const verdict of broken) {
    if (verdict.intact) continue;
    const { seq, problem } = verdict.firstBroken;
    logger.error('timeline broken', { caseId: verdict.caseId, receiptNumber: verdict.receiptNumber, seq, problem, day });
    if (await raiseIntegrityAlert({ day: today, caseId: verdict.caseId, receiptNumber: verdict.receiptNumber, county: servedCatalog().county, seq, problem }, at)) raised++;
  }
  logger.info('timelines audited', { day, verified: report.cases.length, broken: broken.length, raised });
  return { day, verified: report.cases.length, broken: broken.length, raised };
}
