/**
 * A case (办件) and its department tasks: the states they pass through and the rules of
 * the reform that move them. Pure: every function takes what it needs and returns the
 * change to persist; the store writes a change atomically (case, tasks, timeline, outbox).
 */
import type { DeliveryMode } from '../../catalog/types.js';
import { ConflictError, ValidationError } from '../shared/errors.js';
import type { EventType } from '../../events/contracts.js';
import type { LocalDate, WorkingCalendar } from './calendar.js';
import { requireDepartment, requireRole, type Staff } from './staff.js';
import type { Actor, TimelineInput } from './timeline.js';

export type CaseStatus = 'submitted' | 'deficient' | 'accepted' | 'in_review' | 'completed' | 'rejected';
export type TaskStatus = 'pending' | 'suspended' | 'awaiting_signature' | 'approved' | 'rejected';

export interface Applicant {
  type: 'person' | 'company';
  name: string;
  idType: 'resident_id' | 'credit_code';
  idNumber: string;
  phone: string;
  email?: string;
  legalRepresentative?: string;
}

export interface Address {
  recipient: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
  postalCode?: string;
}

export interface Delivery {
  mode: DeliveryMode;
  address?: Address;
}

export interface CaseMaterial {
  materialCode: string;
  uploadId: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface DeferredMaterial {
  materialCode: string;
  dueDate: LocalDate;
  commitmentAcceptedAt: string;
  status: 'open' | 'supplied';
}

export interface Deficiency {
  /** A material that is missing or unusable. */
  materialCode?: string;
  /** A form field (JSON pointer into the application) that needs correcting. */
  path?: string;
  message: string;
}

export interface Notice {
  kind: 'deficiency';
  issuedAt: string;
  issuedBy: string;
  deficiencies: Deficiency[];
}

export interface CaseRecord {
  caseId: string;
  receiptNumber: string;
  queryCodeHash: string;
  county: string;
  catalogVersion: string;
  itemCode: string;
  itemName: { zh: string; en: string };
  /** Departments that review the case, in task order. */
  departments: string[];
  status: CaseStatus;
  applicant: Applicant;
  form: Record<string, unknown>;
  materials: CaseMaterial[];
  deferred: DeferredMaterial[];
  delivery: Delivery;
  submittedAt: string;
  submittedOn: LocalDate;
  acceptedOn?: LocalDate;
  promisedLimitDays: number;
  promisedDate: LocalDate;
  /** Trips to the service hall this case costs the applicant (0 or 1). */
  trips: 0 | 1;
  notices: Notice[];
  correctionsUsed: number;
  rejection?: { reason: string; by: string; at: string; departments?: { department: string; opinion: string }[] };
  completedAt?: string;
  version: number;
  timeline: { seq: number; hash: string };
}

export interface TaskRecord {
  taskId: string;
  caseId: string;
  receiptNumber: string;
  index: number;
  department: string;
  itemCode: string;
  itemName: { zh: string; en: string };
  stage: number;
  status: TaskStatus;
  createdAt: string;
  deadline: LocalDate;
  proposal?: { decision: 'approve' | 'reject'; opinion: string; by: string; at: string };
  decision?: { decision: 'approve' | 'reject'; opinion: string; proposedBy: string; signedBy: string; signedAt: string };
  version: number;
}

export interface DomainEvent {
  type: EventType;
  data: Record<string, unknown>;
}

/** What one decision changes; the store applies it in one transaction or not at all. */
export interface Change {
  case?: { next: CaseRecord; expectedVersion: number | null };
  tasks: { next: TaskRecord; expectedVersion: number | null }[];
  timeline: TimelineInput[];
  events: DomainEvent[];
}

const staffActor = (staff: Staff, role: string): Actor => ({
  type: 'staff',
  id: staff.username,
  role,
  department: staff.department,
});

function bump(c: CaseRecord, patch: Partial<CaseRecord>): CaseRecord {
  return { ...c, ...patch, version: c.version + 1 };
}

// ---- pre-review at the comprehensive window -------------------------------------------

export type PreReviewInput =
  | { decision: 'accept' }
  | { decision: 'deficient'; deficiencies: Deficiency[] }
  | { decision: 'reject'; reason: string };

export function preReview(
  c: CaseRecord,
  staff: Staff,
  input: PreReviewInput,
  now: string,
  today: LocalDate,
  calendar: WorkingCalendar,
): Change {
  requireRole(staff, 'clerk');
  if (c.status !== 'submitted') {
    throw new ConflictError('CASE_NOT_AWAITING_PRE_REVIEW', `Case ${c.receiptNumber} is ${c.status}, not awaiting pre-review`);
  }
  const actor = staffActor(staff, 'clerk');
  switch (input.decision) {
    case 'accept': {
      // The promised time runs from acceptance (受理), in working days.
      const promisedDate = calendar.addWorkingDays(today, c.promisedLimitDays);
      return {
        case: { next: bump(c, { status: 'accepted', acceptedOn: today, promisedDate }), expectedVersion: c.version },
        tasks: [],
        timeline: [{ at: now, actor, action: 'case.accepted', detail: { promisedDate } }],
        events: [{ type: 'case.accepted', data: { promisedDate } }],
      };
    }
    case 'deficient': {
      if (c.correctionsUsed > 0) {
        throw new ConflictError(
          'DEFICIENCY_ALREADY_NOTIFIED',
          'Deficiencies are told all at once: this case was already corrected once, so accept or reject it',
        );
      }
      if (input.deficiencies.length === 0) {
        throw new ValidationError('A deficiency notice lists at least one deficiency', [
          { path: '/deficiencies', message: 'must not be empty' },
        ]);
      }
      const notice: Notice = { kind: 'deficiency', issuedAt: now, issuedBy: staff.username, deficiencies: input.deficiencies };
      return {
        case: { next: bump(c, { status: 'deficient', notices: [...c.notices, notice] }), expectedVersion: c.version },
        tasks: [],
        timeline: [{ at: now, actor, action: 'case.deficient', detail: { deficiencies: input.deficiencies } }],
        events: [{ type: 'case.deficient', data: { deficiencies: input.deficiencies.length } }],
      };
    }
    case 'reject': {
      const rejection = { reason: input.reason, by: staff.username, at: now };
      return {
        case: { next: bump(c, { status: 'rejected', rejection }), expectedVersion: c.version },
        tasks: [],
        timeline: [{ at: now, actor, action: 'case.rejected', detail: { reason: input.reason } }],
        events: [{ type: 'case.rejected', data: { stage: 'pre-review' } }],
      };
    }
  }
}

// ---- the applicant's one-time correction ------------------------------------------------

export interface CorrectionInput {
  form?: Record<string, unknown>;
  materials?: CaseMaterial[];
  note?: string;
}

export function correct(c: CaseRecord, input: CorrectionInput, now: string): Change {
  if (c.status !== 'deficient') {
    throw new ConflictError('NO_DEFICIENCY_NOTICE', `Case ${c.receiptNumber} is ${c.status}; there is nothing to correct`);
  }
  const replaced = new Set((input.materials ?? []).map((m) => m.materialCode));
  const materials = [...c.materials.filter((m) => !replaced.has(m.materialCode)), ...(input.materials ?? [])];
  const next = bump(c, {
    status: 'submitted',
    form: input.form ?? c.form,
    materials,
    correctionsUsed: c.correctionsUsed + 1,
  });
  return {
    case: { next, expectedVersion: c.version },
    tasks: [],
    timeline: [
      {
        at: now,
        actor: { type: 'applicant', id: c.receiptNumber },
        action: 'case.corrected',
        detail: { formChanged: input.form !== undefined, materials: [...replaced], note: input.note },
      },
    ],
    events: [{ type: 'case.corrected', data: {} }],
  };
}

// ---- fan-out to the departments -----------------------------------------------------------

/**
 * Creates one task per reviewing department. Returns null when the case is no longer
 * waiting for dispatch (a duplicate message), so replays change nothing.
 */
export function dispatch(c: CaseRecord, now: string, taskIdOf: (index: number) => string): Change | null {
  if (c.status !== 'accepted') return null;
  const tasks: TaskRecord[] = c.departments.map((department, index) => ({
    taskId: taskIdOf(index),
    caseId: c.caseId,
    receiptNumber: c.receiptNumber,
    index,
    department,
    itemCode: c.itemCode,
    itemName: c.itemName,
    stage: 1,
    status: 'pending',
    createdAt: now,
    deadline: c.promisedDate,
    version: 1,
  }));
  return {
    case: { next: bump(c, { status: 'in_review' }), expectedVersion: c.version },
    tasks: tasks.map((next) => ({ next, expectedVersion: null })),
    timeline: tasks.map((t) => ({
      at: now,
      actor: { type: 'system', id: 'review-dispatch' },
      action: 'task.created',
      detail: { taskId: t.taskId, department: t.department, deadline: t.deadline },
    })),
    events: tasks.map((t) => ({ type: 'task.created', data: { taskId: t.taskId, department: t.department } })),
  };
}

// ---- department review and the chief representative's sign-off -------------------------

export type TaskDecisionInput =
  | { decision: 'approve' | 'reject'; opinion: string }
  | { decision: 'suspend'; opinion: string }
  | { decision: 'sign' };

export function decideTask(c: CaseRecord, task: TaskRecord, staff: Staff, input: TaskDecisionInput, now: string): Change {
  requireDepartment(staff, task.department);
  if (input.decision === 'sign') {
    requireRole(staff, 'chief');
    if (task.status !== 'awaiting_signature' || !task.proposal) {
      throw new ConflictError('TASK_NOT_AWAITING_SIGNATURE', `Task ${task.taskId} is ${task.status}; there is no decision to sign`);
    }
    const { decision, opinion, by } = task.proposal;
    const next: TaskRecord = {
      ...task,
      status: decision === 'approve' ? 'approved' : 'rejected',
      decision: { decision, opinion, proposedBy: by, signedBy: staff.username, signedAt: now },
      version: task.version + 1,
    };
    const type = decision === 'approve' ? 'task.approved' : 'task.rejected';
    return {
      case: { next: bump(c, {}), expectedVersion: c.version },
      tasks: [{ next, expectedVersion: task.version }],
      timeline: [{ at: now, actor: staffActor(staff, 'chief'), action: type, detail: { taskId: task.taskId, opinion } }],
      events: [{ type, data: { taskId: task.taskId, department: task.department } }],
    };
  }
  requireRole(staff, 'reviewer', 'chief');
  if (task.status !== 'pending' && task.status !== 'suspended') {
    throw new ConflictError('TASK_ALREADY_DECIDED', `Task ${task.taskId} is ${task.status}`);
  }
  if (c.status !== 'in_review') {
    throw new ConflictError('CASE_NOT_IN_REVIEW', `Case ${c.receiptNumber} is ${c.status}`);
  }
  const role = staff.roles.includes('reviewer') ? 'reviewer' : 'chief';
  const next: TaskRecord =
    input.decision === 'suspend'
      ? { ...task, status: 'suspended', version: task.version + 1 }
      : {
          ...task,
          status: 'awaiting_signature',
          proposal: { decision: input.decision, opinion: input.opinion, by: staff.username, at: now },
          version: task.version + 1,
        };
  const action = input.decision === 'suspend' ? 'task.suspended' : 'task.reviewed';
  return {
    case: { next: bump(c, {}), expectedVersion: c.version },
    tasks: [{ next, expectedVersion: task.version }],
    timeline: [
      {
        at: now,
        actor: staffActor(staff, role),
        action,
        detail: { taskId: task.taskId, decision: input.decision, opinion: input.opinion },
      },
    ],
    events: [{ type: action, data: { taskId: task.taskId, department: task.department, decision: input.decision } }],
  };
}

// ---- fan-in: the case follows its tasks ------------------------------------------------------

/**
 * Completes the case when every task is approved, or ends it when any is rejected, with
 * every rejecting department's reasons. Null when nothing changes (tasks still open, or
 * the case already concluded: a duplicate message).
 */
export function progress(c: CaseRecord, tasks: TaskRecord[], now: string): Change | null {
  if (c.status !== 'in_review' || tasks.length === 0) return null;
  const rejected = tasks.filter((t) => t.status === 'rejected');
  const actor: Actor = { type: 'system', id: 'case-progress' };
  if (rejected.length > 0) {
    const departments = rejected.map((t) => ({ department: t.department, opinion: t.decision?.opinion ?? '' }));
    const rejection = { reason: departments.map((d) => `${d.department}: ${d.opinion}`).join('; '), by: 'case-progress', at: now, departments };
    return {
      case: { next: bump(c, { status: 'rejected', rejection }), expectedVersion: c.version },
      tasks: [],
      timeline: [{ at: now, actor, action: 'case.rejected', detail: { departments } }],
      events: [{ type: 'case.rejected', data: { stage: 'review', departments: departments.map((d) => d.department) } }],
    };
  }
  if (tasks.every((t) => t.status === 'approved')) {
    return {
      case: { next: bump(c, { status: 'completed', completedAt: now }), expectedVersion: c.version },
      tasks: [],
      timeline: [{ at: now, actor, action: 'case.completed' }],
      events: [{ type: 'case.completed', data: {} }],
    };
  }
  return null;
}
