/** Driving a case through the public API, as the applicant and the staff would. */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { signatureHeader } from '../../contracts/signature.js';
import { defaultCalendar } from '../../functions/domain/calendar.js';
import { shanghaiDate } from '../../contracts/dates.js';
import { applicantCompany, CATALOG_VERSION } from './fixtures.js';
import { caseItems, type TestPlatform } from './platform.js';
import { sampleFor } from '../../scripts/simulate/sample-form.js';

export interface SubmittedCase {
  caseId: string;
  receiptNumber: string;
  queryCode: string;
  promisedDate: string;
  guide: any;
}

/** The query form of situation answers (`needsSeals:yes,…`), as `GET /v1/catalog/bundles/{code}?answers=` reads it. */
export const answersQuery = (answers: Record<string, boolean>) =>
  Object.entries(answers).map(([code, yes]) => `${code}:${yes ? 'yes' : 'no'}`).join(',');

/** The unified social credit code the registration reviewers in these tests assign when approving. */
export const ASSIGNED_CREDIT_CODE = '91430600MA4T8K2L39';

/**
 * Applies for an item or a bundle (with `answers` to its situation questions: every
 * question's default when not given) with every required material uploaded once (except
 * `defer`, deferred under a commitment, and `materials`, given as they are), the form a
 * sample of its schema with `form` laid over it, and has the clerk accept it unless
 * `accept` is false.
 */
export async function acceptedCase(
  t: TestPlatform,
  target: { itemCode: string } | { bundleCode: string },
  options: { defer?: string[]; form?: Record<string, unknown>; accept?: boolean; delivery?: Record<string, unknown>; materials?: Record<string, { certificateCode: string }>; applicant?: Record<string, unknown>; answers?: Record<string, boolean> } = {},
): Promise<SubmittedCase> {
  const today = shanghaiDate(new Date());
  const defer = options.defer ?? [];
  let answers = options.answers;
  if ('bundleCode' in target && !answers) {
    const questions = (await t.api.get(`/v1/catalog/bundles/${target.bundleCode}`)).body.situations as { code: string; default?: boolean }[];
    answers = questions.length > 0 ? Object.fromEntries(questions.map((q) => [q.code, q.default ?? false])) : undefined;
  }
  const path = 'itemCode' in target
    ? `/v1/catalog/items/${target.itemCode}`
    : `/v1/catalog/bundles/${target.bundleCode}${answers ? `?answers=${answersQuery(answers)}` : ''}`;
  const guide = (await t.api.get(path)).body;
  const materials = [];
  for (const m of guide.materials.filter((x: { required: boolean; code: string }) => x.required && !defer.includes(x.code))) {
    const instead = options.materials?.[m.code];
    materials.push(instead ? { materialCode: m.code, ...instead } : { materialCode: m.code, uploadId: await t.api.upload(`%PDF-1.4 ${m.code}`) });
  }
  const submitted = await t.api.submit({
    catalogVersion: CATALOG_VERSION,
    ...target,
    ...(answers ? { answers } : {}),
    applicant: { ...applicantCompany, ...options.applicant },
    form: { ...(sampleFor(guide.formSchema, today) as Record<string, unknown>), ...options.form },
    materials,
    deferred: defer.map((materialCode) => ({ materialCode, dueDate: defaultCalendar.addWorkingDays(today, 2), commitmentAccepted: true })),
    delivery: options.delivery ?? { mode: guide.deliveryModes.includes('electronic') ? 'electronic' : 'pickup' },
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  if (options.accept !== false) {
    const accepted = await t.api.post(`/v1/staff/cases/${submitted.body.caseId}/pre-review`, { decision: 'accept' }, { token: await t.api.token('clerk') });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    await t.platform.idle();
  }
  return { ...submitted.body, guide };
}

export const tasksOf = async (t: TestPlatform, caseId: string) => (await caseItems(t, caseId, 'TASK#')) as any[];
export const timelineOf = async (t: TestPlatform, caseId: string) => (await caseItems(t, caseId, 'TL#')) as any[];

/**
 * Every open task of a stage: its department's reviewer decides (an approval assigning what
 * the task `assigns`, the credit code), then the chiefs sign, the approvals at once before any rejection.
 */
export async function decideStage(t: TestPlatform, caseId: string, stage: number, decision: (department: string) => 'approve' | 'reject' = () => 'approve') {
  const open = (await tasksOf(t, caseId)).filter((x) => x.stage === stage && x.status === 'pending');
  for (const task of open) {
    const reviewer = await t.api.token(`reviewer-${task.department}`);
    const chosen = decision(task.department);
    const assigned = chosen === 'approve' && task.assigns ? { assigned: Object.fromEntries(task.assigns.map((field: string) => [field, ASSIGNED_CREDIT_CODE])) } : {};
    const reply = await t.api.post(`/v1/staff/tasks/${task.taskId}/decision`, { decision: chosen, opinion: `${task.department} 审查意见`, ...assigned }, { token: reviewer });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  }
  // The approvals are signed first: a signed rejection withdraws the case's other open tasks.
  const sign = (tasks: typeof open) =>
    Promise.all(tasks.map(async (task) => t.api.post(`/v1/staff/tasks/${task.taskId}/decision`, { decision: 'sign' }, { token: await t.api.token(`chief-${task.department}`) })));
  const rejecting = (task: (typeof open)[number]) => decision(task.department) === 'reject';
  const signed = [...(await sign(open.filter((x) => !rejecting(x)))), ...(await sign(open.filter(rejecting)))];
  expect(signed.map((r) => r.status)).toEqual(open.map(() => 200));
  await t.platform.idle();
  return open;
}

/** Polls `read` until `done` holds (every 100 ms), failing with what was last read after `timeoutMs`. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The case's ticket paid, as the provider reports a payment (a signed callback); resolves once everything has settled. */
export async function payTicket(t: TestPlatform, c: SubmittedCase): Promise<void> {
  const view = (await t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`)).body;
  const { ticketNumber, totalFen } = view.ticket;
  const { paymentId } = (await t.api.post(`/v1/tickets/${ticketNumber}/payments?queryCode=${c.queryCode}`, {})).body;
  const raw = JSON.stringify({ eventId: randomUUID(), paymentId, ticketNumber, status: 'succeeded', amountFen: totalFen, occurredAt: new Date().toISOString() });
  const paid = await t.api.request('POST', '/v1/callbacks/payment', {
    body: raw,
    headers: { 'content-type': 'application/json', 'x-onetrip-signature': signatureHeader(t.platform.secrets.payment, raw, Math.floor(Date.now() / 1000)) },
  });
  expect(paid.status).toBe(200);
  await t.platform.idle();
}
