/**
 * The official notices (docs/notices.md): which notices an event of a case issues, and the
 * record of each on the case. A notice is named by its kind and the event that issued it,
 * so a redelivered event names the same notice and the case records it once, in whatever
 * order the events arrive.
 */
import { NOTICE_KINDS, type CaseDocument, type DeferredMaterial, type NoticeKind } from '../../contracts/cases.js';
import type { OutboxEvent } from '../../contracts/events.js';
import type { CaseRecord, Change } from './records.js';

/** `<kind>-<event id>`: event ids are UUIDs. */
export const NOTICE_ID_PATTERN = new RegExp(`^(${NOTICE_KINDS.join('|')})-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$`);

export const noticeIdOf = (kind: NoticeKind, eventId: string): string => `${kind}-${eventId}`;

export interface NoticeToIssue {
  noticeId: string;
  kind: NoticeKind;
}

/**
 * The deferred materials an acceptance at `at` accepted under the applicant's commitment:
 * those committed by then and not supplied before (a correction may have supplied one).
 */
export function deferredAt(c: Pick<CaseRecord, 'deferred'>, at: string): DeferredMaterial[] {
  return c.deferred.filter((d) => d.commitmentAcceptedAt <= at && !(d.suppliedAt !== undefined && d.suppliedAt < at));
}

/**
 * The notices an event issues: an acceptance its notice, and the commitment when it
 * deferred materials; a deficiency its one-time notice; a rejection at pre-review the
 * refusal to accept, one after review the refusal to approve. Nothing for other events.
 */
export function noticesOn(event: Pick<OutboxEvent, 'type' | 'eventId' | 'occurredAt' | 'data'>, c: Pick<CaseRecord, 'deferred'>): NoticeToIssue[] {
  const kinds: NoticeKind[] = (() => {
    switch (event.type) {
      case 'case.accepted':
        return deferredAt(c, event.occurredAt).length > 0 ? ['acceptance', 'commitment'] : ['acceptance'];
      case 'case.deficient':
        return ['deficiency'];
      case 'case.rejected':
        return [event.data.stage === 'pre-review' ? 'refusal' : 'rejection'];
      default:
        return [];
    }
  })();
  return kinds.map((kind) => ({ kind, noticeId: noticeIdOf(kind, event.eventId) }));
}

/** Records an issued notice on the case, once (null when it is recorded already), the case's documents oldest first. */
export function withDocument(c: CaseRecord, document: CaseDocument): Change | null {
  const documents = c.documents ?? [];
  if (documents.some((d) => d.noticeId === document.noticeId)) return null;
  const order = (d: CaseDocument) => `${d.issuedAt}#${NOTICE_KINDS.indexOf(d.kind)}`;
  const next = [...documents, document].sort((a, b) => order(a).localeCompare(order(b)));
  return { case: { next: { ...c, documents: next, version: c.version + 1 }, expectedVersion: c.version }, tasks: [], timeline: [], events: [] };
}
