/**
 * Key design of the data table (see docs/access-patterns.md). One table holds cases,
 * their timelines and tasks, and the small lookup items that keep requests Query-only.
 */
export const caseKey = (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' });
export const taskKey = (caseId: string, index: number) => ({
  pk: `CASE#${caseId}`,
  sk: `TASK#${String(index).padStart(3, '0')}`,
});
export const timelineKey = (caseId: string, seq: number) => ({
  pk: `CASE#${caseId}`,
  sk: `TL#${String(seq).padStart(6, '0')}`,
});
export const deferredKey = (caseId: string, materialCode: string) => ({ pk: `CASE#${caseId}`, sk: `DEFER#${materialCode}` });
export const receiptKey = (receiptNumber: string) => ({ pk: `RECEIPT#${receiptNumber}`, sk: 'RECEIPT' });
export const idempotencyKey = (key: string) => ({ pk: `IDEMPOTENCY#${key}`, sk: 'IDEMPOTENCY' });
export const uploadKey = (uploadId: string) => ({ pk: `UPLOAD#${uploadId}`, sk: 'UPLOAD' });
export const counterKey = (name: string) => ({ pk: `COUNTER#${name}`, sk: 'COUNTER' });

/** The work queues, on the overloaded GSI `byQueue`. */
export const caseQueue = (status: string) => `CASES#${status}`;
export const taskQueue = (department: string) => `TASKS#${department}`;

export const QUEUE_INDEX = 'byQueue';
