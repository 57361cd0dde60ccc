/**
 * A case (办件) and its department tasks: the states they pass through and the rules of
 * the reform that move them. Pure: every function takes what it needs and returns the
 * change to persist; the store writes a change atomically (case, tasks, timeline, outbox).
 */
import { ConflictError, ForbiddenError, ValidationError } from './errors.js';
import type { WorkingCalendar } from './calendar.js';
import type { LocalDate } from '../../contracts/dates.js';
import { taskId } from './codes.js';
import { suppliedCommitments, supplyDeferred } from './deferred.js';
import { promisedDateOf, stagesToStart, type StagePlan } from './stages.js';
import { isOpenTask, legalDaysOf, nextThreshold, taskClock, type ClockRules } from './supervision-clock.js';
import { requireDepartment, requireRole, type Staff } from './staff.js';
import type { Actor, TimelineInput } from './timeline.js';
import { awaitsPayment, closeTicketOnRejection, issueTicket, type FeePlan } from './tickets.js';
import type { CaseMaterial, CaseRecord, Change, Clock, DomainEvent, Notice, TaskRecord } from './records.js';
import type { PreReviewInput, TaskDecisionInput } from '../../contracts/staff.js';
import type { CatalogSource } from '../../contracts/catalog.js';
import type { CaseAcceptedData, TaskMovedData } from '../../contracts/supervision.js';
import { caseCompletedData, serviceOf, taskDecidedData } from './measures.js';

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

/** `fees`: what the case costs, when it charges; a fee point at acceptance issues the ticket with the acceptance. */
export function preReview(
  c: CaseRecord,
  staff: Staff,
  input: PreReviewInput,
  clock: Clock,
  fees?: FeePlan,
): Change {
  const { now, today, calendar } = clock;
  requireRole(staff, 'clerk');
  if (c.status !== 'submitted') {
    throw new ConflictError('CASE_NOT_AWAITING_PRE_REVIEW', `Case ${c.receiptNumber} is ${c.status}, not awaiting pre-review`, { params: { receiptNumber: c.receiptNumber, status: c.status } });
  }
  const actor = staffActor(staff, 'clerk');
  switch (input.decision) {
    case 'accept': {
      // The promised time runs from acceptance (受理), in working days, stage after stage.
      const promisedDate = promisedDateOf(c.stages, today, calendar);
      const issued = fees?.point.at === 'acceptance' && !c.ticket ? issueTicket(c, fees, clock) : undefined;
      return {
        case: { next: bump(c, { status: 'accepted', acceptedOn: today, acceptedBy: staff.username, promisedDate, ...(issued ? { ticket: issued.ticket } : {}) }), expectedVersion: c.version },
        tasks: [],
        timeline: [{ at: now, actor, action: 'case.accepted', detail: { promisedDate } }, ...(issued?.timeline ?? [])],
        events: [
          { type: 'case.accepted', data: { promisedDate, firstPreReview: c.correctionsUsed === 0, service: serviceOf(c) } satisfies CaseAcceptedData },
          ...(issued?.events ?? []),
        ],
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
          { path: '/deficiencies', message: 'must not be empty', rule: 'not_empty' },
        ]);
      }
      const notice: Notice = { kind: 'deficiency', issuedAt: now, issuedBy: staff.username, deficiencies: input.deficiencies };
      return {
        case: { next: bump(c, { status: 'deficient', notices: [...c.notices, notice] }), expectedVersion: c.version },
        tasks: [],
        timeline: [{ at: now, actor, action: 'case.deficient', detail: { deficiencies: input.deficiencies } }],
        events: [{ type: 'case.deficient', data: { deficiencies: input.deficiencies.length, service: serviceOf(c) } }],
      };
    }
    case 'reject': {
      const rejection = { reason: input.reason, by: staff.username, at: now };
      return {
        case: { next: bump(c, { status: 'rejected', rejection }), expectedVersion: c.version },
        tasks: [],
        timeline: [{ at: now, actor, action: 'case.rejected', detail: { reason: input.reason } }],
        events: [{ type: 'case.rejected', data: { stage: 'pre-review', service: serviceOf(c) } }],
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

export function correct(
  c: CaseRecord,
  input: CorrectionInput,
  now: string,
  actor: Actor = { type: 'applicant', id: c.receiptNumber },
): Change {
  if (c.status !== 'deficient') {
    throw new ConflictError('NO_DEFICIENCY_NOTICE', `Case ${c.receiptNumber} is ${c.status}; there is nothing to correct`, { params: { receiptNumber: c.receiptNumber, status: c.status } });
  }
  const replaced = new Set((input.materials ?? []).map((m) => m.materialCode));
  const materials = [...c.materials.filter((m) => !replaced.has(m.materialCode)), ...(input.materials ?? [])];
  // A deferred material supplied with the correction fulfils its commitment too.
  const deferred = c.deferred.map((d) => (d.status === 'open' && replaced.has(d.materialCode) ? { ...d, status: 'supplied' as const, suppliedAt: now } : d));
  const next = bump(c, {
    status: 'submitted',
    form: input.form ?? c.form,
    materials,
    deferred,
    correctionsUsed: c.correctionsUsed + 1,
  });
  return {
    case: { next, expectedVersion: c.version },
    tasks: [],
    timeline: [
      {
        at: now,
        actor,
        action: 'case.corrected',
        detail: { formChanged: input.form !== undefined, materials: [...replaced], note: input.note },
      },
    ],
    events: [{ type: 'case.corrected', data: { service: serviceOf(c) } }],
  };
}

/**
 * What the applicant sends after submission: the one-time correction while a deficiency
 * notice stands, or, at any time unless the case was rejected, the materials deferred
 * under a commitment (a completed case's results wait for them).
 */
export function applicantUpdate(
  c: CaseRecord,
  input: CorrectionInput,
  clock: Clock,
  actor: Actor = { type: 'applicant', id: c.receiptNumber },
): Change {
  if (c.status === 'deficient') return correct(c, input, clock.now, actor);
  const materials = input.materials ?? [];
  const supplying = suppliedCommitments(c, materials);
  if (c.status !== 'rejected' && !input.form && materials.length > 0 && supplying.length === materials.length) {
    return supplyDeferred(c, materials, clock, actor);
  }
  throw new ConflictError(
    'NO_DEFICIENCY_NOTICE',
    `Case ${c.receiptNumber} is ${c.status}: only materials deferred under a commitment may be supplied now`,
    { params: { receiptNumber: c.receiptNumber, status: c.status } },
  );
}

// ---- fan-out to the departments, stage by stage ------------------------------------------

/**
 * Starts the stages that may start now: one task per (department, item), all in parallel,
 * each with its two clocks (domain/supervision-clock.ts) running from today.
 */
function startStages(
  c: CaseRecord,
  existing: TaskRecord[],
  { now, today, calendar }: Clock,
  rules?: ClockRules,
): { stages: StagePlan[]; tasks: TaskRecord[] } {
  const starting = new Set(stagesToStart(c.stages).map((s) => s.index));
  let next = existing.length;
  const tasks: TaskRecord[] = [];
  const stages = c.stages.map((stage) => {
    if (!starting.has(stage.index)) return stage;
    const deadline = calendar.addWorkingDays(today, stage.limitDays);
    let legalDeadline = deadline;
    for (const item of stage.items) {
      const index = next++;
      const clock = taskClock(item.itemCode, today, stage.limitDays, rules, calendar);
      if (clock.legalDeadline > legalDeadline) legalDeadline = clock.legalDeadline;
      tasks.push({
        taskId: taskId(c.caseId, index),
        caseId: c.caseId,
        receiptNumber: c.receiptNumber,
        index,
        department: item.department,
        itemCode: item.itemCode,
        itemName: item.itemName,
        ...(item.assigns ? { assigns: item.assigns } : {}),
        stage: stage.index,
        status: 'pending',
        createdAt: now,
        suspendedDays: 0,
        ...clock,
        version: 1,
      });
    }
    return { ...stage, status: 'active' as const, startedOn: today, deadline, legalDeadline };
  });
  return { stages, tasks };
}

/**
 * The case's legal date: its stages' legal limits (each its longest item's) run like the
 * promised ones, stage after stage, from acceptance.
 */
function legalDateOf(c: CaseRecord, from: LocalDate, rules: ClockRules | undefined, calendar: WorkingCalendar): LocalDate {
  const legal = c.stages.map((stage) => ({
    ...stage,
    limitDays: Math.max(...stage.items.map((item) => legalDaysOf(item.itemCode, stage.limitDays, (code) => rules?.legalLimitOf(code)))),
  }));
  return promisedDateOf(legal, from, calendar);
}

const taskCreated = (now: string, t: TaskRecord, by: string): TimelineInput => ({
  at: now,
  actor: { type: 'system', id: by },
  action: 'task.created',
  detail: { taskId: t.taskId, department: t.department, itemCode: t.itemCode, stage: t.stage, deadline: t.deadline, legalDeadline: t.legalDeadline },
});

/**
 * Starts the first stage of an accepted case. Returns null when the case is no longer
 * waiting for dispatch (a duplicate message), so replays change nothing.
 */
export function dispatch(c: CaseRecord, clock: Clock, rules?: ClockRules): Change | null {
  if (c.status !== 'accepted') return null;
  const { now } = clock;
  const { stages, tasks } = startStages(c, [], clock, rules);
  const legalDate = legalDateOf(c, c.acceptedOn ?? clock.today, rules, clock.calendar);
  return {
    case: { next: bump(c, { status: 'in_review', stages, legalDate, level: c.level ?? 'normal' }), expectedVersion: c.version },
    tasks: tasks.map((next) => ({ next, expectedVersion: null })),
    timeline: tasks.map((t) => taskCreated(now, t, 'review-dispatch')),
    events: tasks.map((t) => ({ type: 'task.created', data: { taskId: t.taskId, department: t.department, stage: t.stage } })),
  };
}

// ---- department review and the chief representative's sign-off -------------------------

/**
 * Ends a suspension on `today`: the suspended working days are added to both clocks of the
 * task (its deadline, legal deadline and yellow day), of its stage and of the case, so the
 * clocks that stopped lose nothing; the task's next threshold follows its moved dates.
 */
function resumed(c: CaseRecord, task: TaskRecord, today: LocalDate, calendar: WorkingCalendar): { c: CaseRecord; task: TaskRecord; days: number } {
  if (task.status !== 'suspended' || !task.suspendedOn) return { c, task, days: 0 };
  const days = Math.max(0, calendar.workingDaysBetween(task.suspendedOn, today));
  const shift = (d: LocalDate) => calendar.addWorkingDays(d, days);
  const { suspendedOn: _since, ...rest } = task;
  const moved: TaskRecord = {
    ...rest,
    status: 'pending',
    deadline: shift(task.deadline),
    ...(task.legalDeadline ? { legalDeadline: shift(task.legalDeadline) } : {}),
    ...(task.yellowFrom ? { yellowFrom: shift(task.yellowFrom) } : {}),
    suspendedDays: task.suspendedDays + days,
  };
  const nextThresholdAt = task.level ? nextThreshold(moved, task.level) : undefined;
  if (nextThresholdAt) moved.nextThresholdAt = nextThresholdAt;
  return {
    task: moved,
    c: {
      ...c,
      promisedDate: shift(c.promisedDate),
      ...(c.legalDate ? { legalDate: shift(c.legalDate) } : {}),
      stages: c.stages.map((s) =>
        s.index === task.stage && s.deadline
          ? { ...s, deadline: shift(s.deadline), ...(s.legalDeadline ? { legalDeadline: shift(s.legalDeadline) } : {}), suspendedDays: s.suspendedDays + days }
          : s,
      ),
    },
    days,
  };
}

/**
 * Whether the catalog lets one person decide and sign a task: its item says `singleSigner`
 * (a merged joint review, only when every item in it does). Unknown items keep four eyes.
 */
export function allowsSingleSigner(source: Pick<CatalogSource, 'items'> | undefined, task: Pick<TaskRecord, 'itemCode'>): boolean {
  const items = new Map(source?.items.map((item) => [item.baseCode, item]));
  return task.itemCode.split('+').every((code) => items.get(code)?.singleSigner === true);
}

/** How a task is reviewed beyond the roles: four eyes, unless the catalog allows a single signer. */
export interface ReviewRules {
  singleSigner: boolean;
}

/**
 * The signature that makes a proposed decision take effect: the chief representative's on a
 * task awaiting signature, or a department leader's on one the chief referred. Four eyes
 * either way: the signer is not the proposer, unless the catalog allows a single signer.
 */
function signTask(c: CaseRecord, task: TaskRecord, staff: Staff, clock: Clock, rules: ReviewRules): Change {
  const { now } = clock;
  const role = task.status === 'awaiting_leader' ? 'leader' : 'chief';
  requireRole(staff, role);
  if ((task.status !== 'awaiting_signature' && task.status !== 'awaiting_leader') || !task.proposal) {
    throw new ConflictError('TASK_NOT_AWAITING_SIGNATURE', `Task ${task.taskId} is ${task.status}; there is no decision to sign`, { params: { taskId: task.taskId, status: task.status } });
  }
  // Four eyes (四眼原则): the decision and its signature are two people's.
  if (task.proposal.by === staff.username && !rules.singleSigner) {
    throw new ForbiddenError(`You decided task ${task.taskId} yourself; another ${role === 'leader' ? 'leader' : 'chief'} of the department must sign it`, 'FOUR_EYES_REQUIRED', { params: { taskId: task.taskId, role } });
  }
  const { decision, opinion, by, assigned } = task.proposal;
  const next: TaskRecord = {
    ...task,
    status: decision === 'approve' ? 'approved' : 'rejected',
    decision: { decision, opinion, proposedBy: by, signedBy: staff.username, signedAt: now, signedRole: role },
    version: task.version + 1,
  };
  const type = decision === 'approve' ? 'task.approved' : 'task.rejected';
  return {
    case: { next: bump(c, decision === 'approve' ? approvedOutputs(c, task, assigned, now) : {}), expectedVersion: c.version },
    tasks: [{ next, expectedVersion: task.version }],
    timeline: [{ at: now, actor: staffActor(staff, role), action: type, detail: { taskId: task.taskId, opinion, ...(assigned ? { assigned } : {}) } }],
    events: [{ type, data: { ...taskDecidedData(c, next, clock) } }],
  };
}

/** The chief representative refers a decision awaiting signature to a department leader, who then signs it. */
function referTask(c: CaseRecord, task: TaskRecord, staff: Staff, opinion: string, { now }: Clock): Change {
  requireRole(staff, 'chief');
  if (task.status !== 'awaiting_signature' || !task.proposal) {
    throw new ConflictError('TASK_NOT_AWAITING_SIGNATURE', `Task ${task.taskId} is ${task.status}; there is no decision to refer`, { params: { taskId: task.taskId, status: task.status } });
  }
  const next: TaskRecord = { ...task, status: 'awaiting_leader', referral: { by: staff.username, at: now, opinion }, version: task.version + 1 };
  return {
    case: { next: bump(c, {}), expectedVersion: c.version },
    tasks: [{ next, expectedVersion: task.version }],
    timeline: [{ at: now, actor: staffActor(staff, 'chief'), action: 'task.referred', detail: { taskId: task.taskId, opinion } }],
    events: [{ type: 'task.referred', data: { taskId: task.taskId, department: task.department, itemCode: task.itemCode } satisfies TaskMovedData }],
  };
}

export function decideTask(
  c: CaseRecord,
  task: TaskRecord,
  staff: Staff,
  input: TaskDecisionInput,
  clock: Clock,
  rules: ReviewRules = { singleSigner: false },
): Change {
  const { now, today, calendar } = clock;
  requireDepartment(staff, task.department);
  if (input.decision === 'sign') return signTask(c, task, staff, clock, rules);
  if (input.decision === 'refer') return referTask(c, task, staff, input.opinion, clock);
  requireRole(staff, 'reviewer', 'chief');
  if (c.status !== 'in_review') {
    throw new ConflictError('CASE_NOT_IN_REVIEW', `Case ${c.receiptNumber} is ${c.status}`, { params: { receiptNumber: c.receiptNumber, status: c.status } });
  }
  const role = staff.roles.includes('reviewer') ? 'reviewer' : 'chief';
  const actor = staffActor(staff, role);
  if (input.decision === 'transfer') {
    // To the back office: it stays pending in the department's queue, decided as before.
    if (task.status !== 'pending') throw new ConflictError('TASK_NOT_PENDING', `Task ${task.taskId} is ${task.status}`, { params: { taskId: task.taskId, status: task.status } });
    if (task.transferred) {
      throw new ConflictError('TASK_ALREADY_TRANSFERRED', `Task ${task.taskId} was already transferred to the back office by ${task.transferred.by}`, { params: { taskId: task.taskId, by: task.transferred.by } });
    }
    const next: TaskRecord = { ...task, transferred: { by: staff.username, at: now, opinion: input.opinion }, version: task.version + 1 };
    return {
      case: { next: bump(c, {}), expectedVersion: c.version },
      tasks: [{ next, expectedVersion: task.version }],
      timeline: [{ at: now, actor, action: 'task.transferred', detail: { taskId: task.taskId, opinion: input.opinion } }],
      events: [{ type: 'task.transferred', data: { taskId: task.taskId, department: task.department, itemCode: task.itemCode } satisfies TaskMovedData }],
    };
  }
  if (input.decision === 'suspend') {
    if (task.status !== 'pending') throw new ConflictError('TASK_NOT_PENDING', `Task ${task.taskId} is ${task.status}`, { params: { taskId: task.taskId, status: task.status } });
    const next: TaskRecord = { ...task, status: 'suspended', suspendedOn: today, version: task.version + 1 };
    return {
      case: { next: bump(c, {}), expectedVersion: c.version },
      tasks: [{ next, expectedVersion: task.version }],
      timeline: [{ at: now, actor, action: 'task.suspended', detail: { taskId: task.taskId, opinion: input.opinion } }],
      events: [{ type: 'task.suspended', data: { taskId: task.taskId, department: task.department } }],
    };
  }
  if (task.status !== 'pending' && task.status !== 'suspended') {
    throw new ConflictError('TASK_ALREADY_DECIDED', `Task ${task.taskId} is ${task.status}`, { params: { taskId: task.taskId, status: task.status } });
  }
  if (input.decision === 'resume' && task.status !== 'suspended') {
    throw new ConflictError('TASK_NOT_SUSPENDED', `Task ${task.taskId} is ${task.status}`, { params: { taskId: task.taskId, status: task.status } });
  }
  // Deciding a suspended task resumes it first: the clock restarts today.
  const after = resumed(c, task, today, calendar);
  const timeline: TimelineInput[] = after.task === task ? [] : [
    { at: now, actor, action: 'task.resumed', detail: { taskId: task.taskId, suspendedWorkingDays: after.days, deadline: after.task.deadline, legalDeadline: after.task.legalDeadline } },
  ];
  const events: DomainEvent[] = after.task === task ? [] : [{ type: 'task.resumed', data: { taskId: task.taskId, suspendedWorkingDays: after.days } }];
  if (input.decision === 'resume') {
    return {
      case: { next: bump(after.c, {}), expectedVersion: c.version },
      tasks: [{ next: { ...after.task, version: task.version + 1 }, expectedVersion: task.version }],
      timeline,
      events,
    };
  }
  const assigned = assignedBy(task, input);
  const next: TaskRecord = {
    ...after.task,
    status: 'awaiting_signature',
    proposal: { decision: input.decision, opinion: input.opinion, by: staff.username, at: now, ...(assigned ? { assigned } : {}) },
    version: task.version + 1,
  };
  return {
    case: { next: bump(after.c, {}), expectedVersion: c.version },
    tasks: [{ next, expectedVersion: task.version }],
    timeline: [
      ...timeline,
      { at: now, actor, action: 'task.reviewed', detail: { taskId: task.taskId, decision: input.decision, opinion: input.opinion } },
    ],
    events: [...events, { type: 'task.reviewed', data: { taskId: task.taskId, department: task.department, decision: input.decision } }],
  };
}

// ---- what an approval produces for the rest of a bundle ------------------------------------

/**
 * The fields a reviewer's approval assigns: exactly the task's `assigns` (the credit code a
 * registration office gives the company it registers), none for another task or decision.
 */
function assignedBy(task: TaskRecord, input: TaskDecisionInput): Record<string, string> | undefined {
  const given = 'assigned' in input ? input.assigned : undefined;
  const expected = input.decision === 'approve' ? (task.assigns ?? []) : [];
  const problems = [
    ...expected.filter((field) => given?.[field] === undefined).map((field) => ({ path: `/assigned/${field}`, message: `is required: approving ${task.itemCode} assigns it`, rule: 'assigned_required', params: { item: task.itemCode } })),
    ...Object.keys(given ?? {}).filter((field) => !expected.includes(field)).map((field) => ({ path: `/assigned/${field}`, message: `is not assigned by ${input.decision === 'approve' ? `task ${task.taskId}` : `a ${input.decision} decision`}`, rule: 'not_assigned' })),
  ];
  if (problems.length > 0) throw new ValidationError('The approval must assign exactly the fields its item assigns', problems, 'ASSIGNED_FIELDS_INVALID');
  return expected.length > 0 ? given : undefined;
}

/**
 * What a signed approval adds to the case for the departments after it: the fields it
 * assigned, in the form (each later task's projected form now shows them), and the
 * materials its item produces, marked as existing.
 */
function approvedOutputs(c: CaseRecord, task: TaskRecord, assigned: Record<string, string> | undefined, now: string): Partial<CaseRecord> {
  const produced = c.produced?.map((p) => (p.producedBy === task.itemCode ? { ...p, approvedAt: now, taskId: task.taskId } : p));
  return {
    ...(assigned ? { form: { ...c.form, ...assigned } } : {}),
    ...(produced ? { produced } : {}),
  };
}

/**
 * The tasks still open when their case ends (another department rejected it) stop: each
 * becomes `withdrawn`, leaves the deadline watch and the open gauge at the level it had.
 */
function withdrawOpenTasks(tasks: readonly TaskRecord[], now: string, actor: Actor): Pick<Change, 'tasks' | 'timeline' | 'events'> {
  const open = tasks.filter(isOpenTask);
  return {
    tasks: open.map((t) => {
      const { suspendedOn: _s, nextThresholdAt: _n, ...rest } = t;
      return { next: { ...rest, status: 'withdrawn' as const, version: t.version + 1 }, expectedVersion: t.version };
    }),
    timeline: open.map((t) => ({ at: now, actor, action: 'task.withdrawn', detail: { taskId: t.taskId, department: t.department, status: t.status } })),
    events: open.map((t) => ({ type: 'task.withdrawn' as const, data: { taskId: t.taskId, department: t.department, itemCode: t.itemCode, level: t.level ?? 'normal' } })),
  };
}

// ---- fan-in: stages complete, the next ones start, the case follows ---------------------------

/**
 * After department decisions: ends the case when any task is rejected (with every
 * rejecting department's reasons); completes the stages whose tasks are all approved and
 * starts the next ones in the same change; completes the case after the last stage. Null
 * when nothing changes (tasks still open, or a duplicate message found it done).
 */
export function progress(c: CaseRecord, tasks: TaskRecord[], clock: Clock, fees?: FeePlan, rules?: ClockRules): Change | null {
  if (c.status !== 'in_review' || tasks.length === 0) return null;
  const { now, today } = clock;
  const actor: Actor = { type: 'system', id: 'case-progress' };
  const rejected = tasks.filter((t) => t.status === 'rejected');
  if (rejected.length > 0) {
    const departments = rejected.map((t) => ({ department: t.department, opinion: t.decision?.opinion ?? '' }));
    const rejection = { reason: departments.map((d) => `${d.department}: ${d.opinion}`).join('; '), by: 'case-progress', at: now, departments };
    const closed = closeTicketOnRejection(c, clock);
    const withdrawn = withdrawOpenTasks(tasks, now, actor);
    return {
      case: { next: bump(c, { status: 'rejected', rejection, ...(closed.ticket ? { ticket: closed.ticket } : {}) }), expectedVersion: c.version },
      tasks: withdrawn.tasks,
      timeline: [{ at: now, actor, action: 'case.rejected', detail: { departments } }, ...withdrawn.timeline, ...closed.timeline],
      events: [{ type: 'case.rejected', data: { stage: 'review', departments: departments.map((d) => d.department), service: serviceOf(c) } }, ...withdrawn.events, ...closed.events],
    };
  }
  const timeline: TimelineInput[] = [];
  const events: DomainEvent[] = [];
  const completedStages = c.stages.map((stage) => {
    if (stage.status !== 'active') return stage;
    const own = tasks.filter((t) => t.stage === stage.index);
    if (own.length === 0 || !own.every((t) => t.status === 'approved')) return stage;
    timeline.push({ at: now, actor, action: 'stage.completed', detail: { stage: stage.index, code: stage.code } });
    events.push({ type: 'stage.completed', data: { stage: stage.index, code: stage.code } });
    return { ...stage, status: 'completed' as const, completedOn: today };
  });
  if (timeline.length === 0) return null;
  if (completedStages.every((s) => s.status === 'completed')) {
    // The fee point after approval issues the ticket now; an unpaid ticket holds the case until it is paid.
    const issued = fees?.point.at === 'approval' && !c.ticket ? issueTicket(c, fees, clock) : undefined;
    const ticket = issued?.ticket ?? c.ticket;
    const end: Partial<CaseRecord> = awaitsPayment(ticket) ? { status: 'awaiting_payment' } : { status: 'completed', completedAt: now };
    return {
      case: { next: bump(c, { stages: completedStages, ...end, ...(ticket ? { ticket } : {}) }), expectedVersion: c.version },
      tasks: [],
      timeline: [...timeline, ...(issued?.timeline ?? []), { at: now, actor, action: end.status === 'completed' ? 'case.completed' : 'case.awaiting_payment' }],
      events: [...events, ...(issued?.events ?? []), ...(end.status === 'completed' ? [{ type: 'case.completed' as const, data: { ...caseCompletedData({ ...c, stages: completedStages }, clock) } }] : [])],
    };
  }
  const started = startStages({ ...c, stages: completedStages }, tasks, clock, rules);
  for (const stage of started.stages) {
    if (stage.status === 'active' && completedStages.find((s) => s.index === stage.index)?.status === 'waiting') {
      timeline.push({ at: now, actor, action: 'stage.started', detail: { stage: stage.index, code: stage.code, deadline: stage.deadline } });
      events.push({ type: 'stage.started', data: { stage: stage.index, code: stage.code } });
    }
  }
  return {
    case: { next: bump(c, { stages: started.stages }), expectedVersion: c.version },
    tasks: started.tasks.map((next) => ({ next, expectedVersion: null })),
    timeline: [...timeline, ...started.tasks.map((t) => taskCreated(now, t, 'case-progress'))],
    events: [...events, ...started.tasks.map((t) => ({ type: 'task.created' as const, data: { taskId: t.taskId, department: t.department, stage: t.stage } }))],
  };
}
