/** What each audience sees of a case: applicants get their data masked, staff see what they act on. */
import type { CaseRecord, Certificate, Handover, TaskRecord, Ticket } from './records.js';
import type { Department, LocalizedText } from '../../contracts/catalog.js';
import type { TimelineEntry } from './timeline.js';
import type { CaseView, TaskSummary } from '../../contracts/cases.js';
import type { CertificateView } from '../../contracts/certificates.js';
import type { HandoverView } from '../../contracts/delivery.js';
import type { FeeEstimate, FeeLine, TicketView } from '../../contracts/tickets.js';
import { ticketTotal, type DepartmentSplit } from './fees.js';
import type { FeePlan } from './tickets.js';
import { maskAddress, maskEmail, maskIdNumber, maskName, maskPhone } from './masking.js';
import { resultsIssued } from './results.js';
import { flaggedFields } from './corrections.js';
import { ratingRound, type Rectification } from './ratings.js';

export function taskSummary(
  t: Pick<TaskRecord, 'taskId' | 'department' | 'itemCode' | 'itemName' | 'assigns' | 'stage' | 'status' | 'deadline' | 'legalDeadline' | 'level' | 'transferred' | 'referral' | 'decision'>,
): TaskSummary {
  return {
    taskId: t.taskId,
    department: t.department,
    itemCode: t.itemCode,
    itemName: t.itemName,
    ...(t.assigns ? { assigns: t.assigns } : {}),
    stage: t.stage,
    status: t.status,
    deadline: t.deadline,
    ...(t.legalDeadline ? { legalDeadline: t.legalDeadline } : {}),
    ...(t.level ? { level: t.level } : {}),
    ...(t.transferred ? { transferred: t.transferred } : {}),
    ...(t.referral ? { referral: t.referral } : {}),
    decision: t.decision ? { decision: t.decision.decision, opinion: t.decision.opinion, signedAt: t.decision.signedAt, ...(t.decision.signedRole ? { signedRole: t.decision.signedRole } : {}) } : undefined,
  };
}

/** Fee lines and each department's share, with the departments' names from the catalog version. */
function namedFees<L extends FeeLine>(fees: { lines: readonly L[]; splits: readonly DepartmentSplit[] }, departments: readonly Department[]) {
  const name = (code: string): LocalizedText => departments.find((d) => d.code === code)?.name ?? { zh: code, en: code };
  return {
    lines: fees.lines.map((l) => ({ ...l, departmentName: name(l.department) })),
    departments: fees.splits.map((s) => ({ department: s.department, departmentName: name(s.department), amountFen: s.amountFen })),
  };
}

/**
 * What an application would be charged (API.md `POST /v1/fee-estimates`): the lines of the
 * ticket its fee plan would issue, by department, with the total; nothing for no plan.
 */
export function feeEstimateView(plan: FeePlan | undefined, departments: readonly Department[], catalogVersion: string): FeeEstimate {
  if (!plan) return { catalogVersion, feePoint: null, totalFen: 0, lines: [], departments: [] };
  return { catalogVersion, feePoint: plan.point, totalFen: ticketTotal(plan.lines), ...namedFees(plan, departments) };
}

/**
 * The fee ticket as the applicant sees it (API.md `GET /v1/tickets/{ticketNumber}`): its
 * lines with the rule and inputs behind each amount, each department's share, the
 * payments and refunds. Department names come from the case's catalog version.
 */
export function ticketView(c: CaseRecord, ticket: Ticket, departments: readonly Department[]): TicketView {
  const { lines, departments: shares } = namedFees(ticket, departments);
  return {
    ticketNumber: ticket.ticketNumber,
    receiptNumber: c.receiptNumber,
    itemName: c.itemName,
    status: ticket.status,
    feePoint: ticket.feePoint,
    issuedOn: ticket.issuedOn,
    dueDate: ticket.dueDate,
    totalFen: ticket.totalFen,
    paidAt: ticket.paidAt,
    lines,
    departments: shares,
    payments: ticket.payments.map((p) => ({ paymentId: p.paymentId, amountFen: p.amountFen, status: p.status, startedAt: p.startedAt })),
    refunds: ticket.refunds.map((r) => ({ refundId: r.refundId, amountFen: r.amountFen, reason: r.reason, status: r.status })),
  };
}

/**
 * The applicant's view of a case. `verifyPage` is the public page that verifies a certificate
 * (the address its QR code carries), which only the deployment knows.
 */
export function caseView(
  c: CaseRecord,
  tasks: TaskRecord[],
  timeline: TimelineEntry[],
  departments: readonly Department[],
  verifyPage: (verificationCode: string) => string,
  rectifications: readonly Rectification[] = [],
): CaseView {
  const a = c.applicant;
  const departmentName = (code: string): LocalizedText => departments.find((d) => d.code === code)?.name ?? { zh: code, en: code };
  const round = ratingRound(c, rectifications);
  return {
    caseId: c.caseId,
    receiptNumber: c.receiptNumber,
    status: c.status,
    itemCode: c.itemCode,
    ...(c.bundleCode !== undefined ? { bundleCode: c.bundleCode, ...(c.answers ? { answers: c.answers } : {}) } : {}),
    itemName: c.itemName,
    catalogVersion: c.catalogVersion,
    applicant: {
      type: a.type,
      name: a.type === 'company' ? a.name : maskName(a.name),
      idNumber: maskIdNumber(a.idNumber),
      phone: maskPhone(a.phone),
    },
    submittedAt: c.submittedAt,
    acceptedOn: c.acceptedOn,
    promisedDate: c.promisedDate,
    completedAt: c.completedAt,
    trips: c.trips,
    tasks: tasks.map(taskSummary),
    notices: c.notices.map((n) => ({ kind: n.kind, issuedAt: n.issuedAt, deficiencies: n.deficiencies })),
    documents: c.documents ?? [],
    correctionAllowed: c.status === 'deficient' && c.correctionsUsed === 0,
    flaggedFields: flaggedFields(c),
    materials: [
      ...c.materials.map((m) => ({ materialCode: m.materialCode, fileName: m.fileName })),
      ...(c.reused ?? []).map((r) => ({ materialCode: r.materialCode, certificateCode: r.certificateCode, itemName: r.itemName, issuedOn: r.issuedOn })),
    ],
    deferred: c.deferred,
    delivery: {
      mode: c.delivery.mode,
      address: c.delivery.address
        ? { city: c.delivery.address.city, district: c.delivery.address.district, detail: maskAddress(c.delivery.address.detail) }
        : undefined,
    },
    rejection: c.rejection ? { reason: c.rejection.reason, departments: c.rejection.departments } : undefined,
    timeline: timeline.map((e) => ({
      seq: e.seq,
      at: e.at,
      action: e.action,
      actor: { type: e.actor.type, role: e.actor.role, department: e.actor.department },
      // A notification's entry says which message, on which channel, to which (masked) address; no other entry's detail is the applicant's to read.
      ...(e.action.startsWith('notification.') && e.detail ? { detail: e.detail } : {}),
    })),
    ticket: c.ticket ? ticketView(c, c.ticket, departments) : null,
    // Listed once issued, all together: before that none may be downloaded or shown as valid.
    results: (resultsIssued(c) ? (c.results ?? []) : []).map((r) => ({
      verificationCode: r.verificationCode,
      itemCode: r.itemCode,
      itemName: r.itemName,
      department: r.department,
      departmentName: departments.find((d) => d.code === r.department)?.name ?? { zh: r.department, en: r.department },
      issuedOn: r.issuedOn,
      ...(r.licenceNumber ? { licenceNumber: r.licenceNumber } : {}),
      validTo: r.validTo ?? null,
      verifyUrl: verifyPage(r.verificationCode),
    })),
    handover: c.handover ? handoverView(c.handover) : null,
    resultDelayed: (c.delayedResults ?? []).length > 0,
    ratings: c.ratings ?? [],
    ratingRound: 'round' in round ? round.round : null,
    rectifications: rectifications.map((r) => ({
      department: r.department,
      departmentName: departmentName(r.department),
      round: r.round,
      status: r.status,
      openedAt: r.openedAt,
      dueDate: r.dueDate,
      // What the applicant is told, never who at the department wrote it.
      ...(r.response && r.callback ? { response: { at: r.response.at, calledBackAt: r.callback.at, changed: r.response.changed, text: r.response.text } } : {}),
    })),
  };
}

/** How the results travel: the mode, where it stands, and the courier's progress. */
export function handoverView(h: Handover): HandoverView {
  return {
    mode: h.mode,
    status: h.status,
    startedAt: h.startedAt,
    completedAt: h.completedAt,
    notice: h.notice,
    attempt: h.attempt,
    shipment: h.shipment
      ? { waybillNumber: h.shipment.waybillNumber, status: h.shipment.status, history: h.shipment.history.map((e) => ({ status: e.status, occurredAt: e.occurredAt, detail: e.detail })) }
      : undefined,
    failedShipments: (h.failedShipments ?? []).map((s) => ({ waybillNumber: s.waybillNumber, status: s.status })),
  };
}

/** A clerk's or reviewer's view: the full application, without the query-code hash. */
export function staffCaseView(c: CaseRecord) {
  const { queryCodeHash: _hash, timeline: _head, ...rest } = c;
  return rest;
}

/** A resident ID number or a unified social credit code (18), a mainland mobile number (11). */
const ID_SHAPE = /^[0-9A-Z]{18}$/;
const MOBILE_SHAPE = /^1\d{10}$/;

/** `value` with every string in it passed through `f`. */
function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)]));
  return value;
}

/**
 * How the applicant's personal data of case `c` reads masked: each value (a person's name,
 * the legal representative, the ID number, phone and email, the delivery's recipient, phone
 * and address) wherever it stands whole, the address also inside a longer text. A company's
 * name is public and stays.
 */
function personalDataMask(c: CaseRecord): (s: string) => string {
  const a = c.applicant;
  const address = c.delivery.address;
  const masked = new Map<string, string>();
  const add = (value: string | undefined, mask: (v: string) => string) => {
    if (value) masked.set(value, mask(value));
  };
  if (a.type === 'person') add(a.name, maskName);
  add(a.legalRepresentative, maskName);
  add(a.idNumber, maskIdNumber);
  add(a.phone, maskPhone);
  add(a.email, maskEmail);
  add(address?.recipient, maskName);
  add(address?.phone, maskPhone);
  add(address?.detail, maskAddress);
  return (s) => masked.get(s) ?? (address?.detail && s.includes(address.detail) ? s.replaceAll(address.detail, maskAddress(address.detail)) : s);
}

/**
 * The one staff view of a case (docs/need-to-know.md): the case, its tasks by stage then
 * department, and what `more` adds (timeline, orders, rectifications). Unless `unmasked`
 * (the reader handles the case), the applicant's personal data is masked wherever it stands,
 * and in the form also every other ID number, credit code and mobile number.
 */
export function staffCaseDetail<More extends object>(c: CaseRecord, tasks: readonly TaskRecord[], unmasked: boolean, more: More) {
  const ordered = [...tasks].sort((x, y) => x.stage - y.stage || x.department.localeCompare(y.department) || x.index - y.index);
  const view = { case: staffCaseView(c), tasks: ordered, ...more, unmasked };
  if (unmasked) return view;
  const mask = personalDataMask(c);
  const shaped = (s: string) => (ID_SHAPE.test(s) ? maskIdNumber(s) : MOBILE_SHAPE.test(s) ? maskPhone(s) : s);
  const masked = mapStrings(view, mask) as typeof view;
  return { ...masked, case: { ...masked.case, form: mapStrings(masked.case.form, shaped) as typeof view.case.form } };
}

/**
 * What anyone may know of a certificate: enough to trust it, not a person's identity (a
 * company's name and credit code are public, as in the national enterprise credit register).
 * `today` (Asia/Shanghai) decides whether a certificate with a validity has lapsed: then it is not current.
 */
export function certificateView(c: Certificate, departments: readonly Department[], today: string): CertificateView {
  const issuer = departments.find((d) => d.code === c.issuer)?.name ?? { zh: c.issuer, en: c.issuer };
  return {
    verificationCode: c.verificationCode,
    genuine: true,
    status: c.status,
    issued: c.status !== 'pending',
    current: c.status === 'valid' && (c.validTo === undefined || c.validTo >= today),
    itemCode: c.itemCode,
    itemName: c.itemName,
    issuer: { code: c.issuer, name: issuer },
    issuedOn: c.issuedOn,
    ...(c.licenceNumber ? { licenceNumber: c.licenceNumber } : {}),
    validFrom: c.issuedOn,
    validTo: c.validTo ?? null,
    holder: { type: c.holder.type, name: c.holder.type === 'company' ? c.holder.name : maskName(c.holder.name), idNumber: c.holder.type === 'company' ? c.holder.idNumber : maskIdNumber(c.holder.idNumber) },
    sha256: c.sha256,
    ...(c.revoked ? { revoked: { at: c.revoked.at, reason: c.revoked.reason } } : {}),
  };
}
