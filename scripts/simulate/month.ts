/**
 * A month of a county's work, driven through the real API of a running local platform on
 * its virtual clock (`POST /local/clock`): applicants apply for single items and bundles,
 * some with deferred materials; the window accepts most, sends one-time deficiency notices
 * and rejects a few; departments review at their own pace (some slowly, so tasks turn yellow
 * and red), transfer some tasks to their back office, and chiefs refer some decisions to a
 * leader; tickets are paid, parcels ship or are picked up at the hall; the supervisor issues
 * supervision orders on red tasks; applicants rate their cases, poorly now and then, and the
 * departments rectify. Every choice comes from a seeded generator, so a run is reproducible.
 *
 * What happens is decided here; what it leads to (levels, counters, reports) is the
 * platform's: the simulation never writes to a table.
 */
import { defaultCalendar } from '../../functions/domain/calendar.js';
import type { LocalDate } from '../../contracts/dates.js';
import { sampleFor } from './sample-form.js';
import { PlatformClient, UnexpectedReply, type Json } from './client.js';

export interface SimulationOptions {
  /** The running platform, e.g. http://localhost:3000. */
  url: string;
  /** Calendar days simulated. @default 30 */
  days?: number;
  /** Applications on each working day. @default 40 */
  casesPerDay?: number;
  /** The first simulated day (Asia/Shanghai). @default the 1st of the month after the platform's clock */
  start?: LocalDate;
  /** @default 1 */
  seed?: number;
  /** Progress lines. @default none */
  log?: (line: string) => void;
}

export interface SimulationResult {
  start: LocalDate;
  end: LocalDate;
  /** The report period that covers the run's last day, `YYYY-MM`. */
  month: string;
  counts: Record<string, number>;
  requests: number;
  client: PlatformClient;
}

const SUPERVISOR = 'supervisor';
const CLERK = 'clerk';

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    between: (min: number, max: number) => min + next() * (max - min),
  };
}

const shanghaiInstant = (day: LocalDate, time: string) => new Date(`${day}T${time}:00+08:00`).toISOString();
const nextDay = (day: LocalDate): LocalDate => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) as LocalDate;
const previousDay = (day: LocalDate): LocalDate => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10) as LocalDate;

const isWorkingDay = (day: LocalDate) => defaultCalendar.workingDaysBetween(previousDay(day), day) === 1;

const APPLICANTS = [
  { type: 'company', name: '岳阳市洞庭鲜食品有限公司', idType: 'credit_code', idNumber: '91430600MA4T8K2L39', phone: '13907301234', legalRepresentative: '李湘君' },
  { type: 'company', name: '岳阳巴陵建设工程有限公司', idType: 'credit_code', idNumber: '91430600MA4T8K2L39', phone: '13907305678', legalRepresentative: '王建国' },
  { type: 'company', name: '湖南君山茶业有限公司', idType: 'credit_code', idNumber: '91430600MA4T8K2L39', phone: '13807309876', legalRepresentative: '陈茗' },
];
const ADDRESS = { recipient: '李湘君', phone: '13907301234', province: '湖南省', city: '岳阳市', district: '岳阳楼区', detail: '巴陵中路88号', postalCode: '414000' };
const POOR = ['dissatisfied', 'very_dissatisfied'];
const POOR_REASONS = ['overdue', 'attitude', 'materials_repeated'];
const GOOD_GRADES = ['very_satisfied', 'very_satisfied', 'satisfied', 'satisfied', 'basically_satisfied'];

interface SimCase {
  caseId: string;
  receiptNumber: string;
  queryCode: string;
  /** Its item's catalog says the applicant comes once (verify the originals). */
  visitNeeded: boolean;
  /** The day the window sent its one-time deficiency notice; the applicant corrects the next working day. */
  deficientOn?: LocalDate;
  corrected?: boolean;
  /** Completed or rejected. */
  finished?: boolean;
  /** Whether the applicant will rate it once finished, drawn once. */
  willRate: boolean;
  /** Ratings given. */
  rated: number;
  /** The file type each of its materials is uploaded as. */
  contentTypes: Record<string, string>;
  /** Its first material: what a deficiency notice asks again. */
  first?: { code: string; contentTypes?: string[] };
  /** Nothing more will happen to it: results handed over, ratings done. */
  settled?: boolean;
}

/** When each department gets to a task: most within the promised time, the slow ones later. */
interface Pace {
  /** Share of the promised days a task usually takes. */
  usual: [number, number];
  /** Chance a task lies untouched past its promised date. */
  late: number;
}

export async function simulateMonth(options: SimulationOptions): Promise<SimulationResult> {
  const api = new PlatformClient(options.url);
  const random = generator(options.seed ?? 1);
  const log = options.log ?? (() => undefined);
  const counts: Record<string, number> = {};
  const count = (what: string, n = 1) => (counts[what] = (counts[what] ?? 0) + n);

  const clockNow = (await api.get<{ now: string }>('/local/clock')).now;
  const start = options.start ?? firstOfNextMonth(clockNow);
  const days = options.days ?? 30;
  const perDay = options.casesPerDay ?? 40;
  const index = await api.get<{ schedules: { id: string }[] }>('/local/index');
  const schedule = (name: string) => index.schedules.find((s) => s.id.startsWith(name))?.id;
  const at = (day: LocalDate, time: string) => api.post('/local/clock', { at: shanghaiInstant(day, time) });
  const idle = () => api.post('/local/idle', {});
  /**
   * One step of a person: true when taken. The platform works on asynchronously (a case may be
   * rejected by another department, a parcel delivered, a task withdrawn meanwhile), so a 409
   * is counted as a step that came too late, as a person would meet it; anything else unexpected ends the run.
   */
  const act = async (path: string, body: unknown, as?: string): Promise<boolean> => {
    const reply = await api.request('POST', path, { body, as });
    if (reply.status === 409) {
      count(`steps refused, the case had moved on (${reply.body?.error?.code ?? 409})`);
      return false;
    }
    if (reply.status >= 300) throw new UnexpectedReply('POST', path, reply);
    return true;
  };
  const run = async (name: string) => {
    const id = schedule(name);
    if (id) await api.post(`/local/schedules/${encodeURIComponent(id)}`, {});
  };

  // The version the platform serves: the one its applications must name.
  const catalog = await api.get('/v1/catalog');
  const departments: string[] = catalog.departments.map((d: { code: string }) => d.code);
  const pace = new Map<string, Pace>(departments.map((d) => [d, random.chance(0.25) ? { usual: [0.5, 1.1], late: 0.12 } : { usual: [0.1, 0.7], late: 0.02 }]));
  const services: { target: { itemCode: string } | { bundleCode: string }; weight: number }[] = [
    ...catalog.items.map((i: { baseCode: string }) => ({ target: { itemCode: i.baseCode }, weight: 1 })),
    ...catalog.bundles.map((b: { code: string }) => ({ target: { bundleCode: b.code }, weight: 6 })),
  ];
  const refused = new Set<string>();
  const guides = new Map<string, Json>();
  const cases = new Map<string, SimCase>();
  /** The working day each task gets decided on, drawn when it is first seen. */
  const decisionDay = new Map<string, LocalDate>();

  /** The guide the applicant reads; a bundle's for its situation answers (each question's default). */
  async function guideOf(target: { itemCode: string } | { bundleCode: string }) {
    const key = 'itemCode' in target ? target.itemCode : target.bundleCode;
    if (!guides.has(key)) {
      let guide = await api.get('itemCode' in target ? `/v1/catalog/items/${key}` : `/v1/catalog/bundles/${key}`);
      const questions = (guide.situations ?? []) as { code: string; default?: boolean }[];
      const answers = Object.fromEntries(questions.map((q) => [q.code, q.default ?? false]));
      if (questions.length > 0) guide = await api.get(`/v1/catalog/bundles/${key}?answers=${Object.entries(answers).map(([q, yes]) => `${q}:${yes ? 'yes' : 'no'}`).join(',')}`);
      guides.set(key, { ...guide, answers: questions.length > 0 ? answers : undefined });
    }
    return guides.get(key);
  }

  const uploadFor = (m: { code: string; contentTypes?: string[] }) => api.upload(`%PDF-1.4 ${m.code} ${random.next()}`, m.contentTypes?.[0]);

  async function apply(day: LocalDate): Promise<void> {
    const pool = services.filter((s) => !refused.has(JSON.stringify(s.target)));
    const total = pool.reduce((sum, s) => sum + s.weight, 0);
    let draw = random.next() * total;
    const service = pool.find((s) => (draw -= s.weight) < 0) ?? pool[0]!;
    const guide = await guideOf(service.target);
    const deferrable = guide.materials.filter((m: { required: boolean; deferrable?: boolean }) => m.required && m.deferrable);
    const defer = deferrable.length > 0 && random.chance(0.15) ? [deferrable[0].code as string] : [];
    const materials: { materialCode: string; uploadId: string }[] = [];
    for (const m of guide.materials.filter((x: { required: boolean; code: string }) => x.required && !defer.includes(x.code))) {
      materials.push({ materialCode: m.code, uploadId: await uploadFor(m) });
    }
    const mode = random.pick(guide.deliveryModes as string[]);
    const reply = await api.submit({
      catalogVersion: catalog.version,
      ...service.target,
      ...(guide.answers ? { answers: guide.answers } : {}),
      applicant: random.pick(APPLICANTS),
      form: sampleFor(guide.formSchema, day) as Record<string, unknown>,
      materials,
      deferred: defer.map((materialCode) => ({ materialCode, dueDate: defaultCalendar.addWorkingDays(day, 1), commitmentAccepted: true })),
      delivery: mode === 'courier' ? { mode, address: ADDRESS } : { mode },
    });
    if (reply.status !== 201) {
      // An item this applicant cannot apply for (a person's item, say): the month goes on without it.
      refused.add(JSON.stringify(service.target));
      count('applications refused by the API');
      log(`  ${JSON.stringify(service.target)} refused: ${reply.status} ${JSON.stringify(reply.body).slice(0, 160)}`);
      return;
    }
    const trips = 'itemCode' in service.target ? catalog.items.find((i: { baseCode: string }) => i.baseCode === (service.target as { itemCode: string }).itemCode)?.trips : 0;
    cases.set(reply.body.caseId, { caseId: reply.body.caseId, receiptNumber: reply.body.receiptNumber, queryCode: reply.body.queryCode, visitNeeded: trips === 1, willRate: random.chance(0.4), rated: 0, first: materials[0] && guide.materials.find((m: { code: string }) => m.code === materials[0]!.materialCode), contentTypes: Object.fromEntries(guide.materials.map((m: { code: string; contentTypes: string[] }) => [m.code, m.contentTypes[0]])) });
    count('applications');
  }

  async function preReview(day: LocalDate): Promise<void> {
    const waiting = (await api.get(`/v1/staff/cases?status=submitted&limit=200`, CLERK)).cases as { caseId: string }[];
    for (const row of waiting) {
      const c = cases.get(row.caseId);
      if (!c) continue;
      const roll = random.next();
      if (c.deficientOn === undefined && c.first && roll < 0.1) {
        await act(`/v1/staff/cases/${c.caseId}/pre-review`, { decision: 'deficient', deficiencies: [{ materialCode: c.first.code, message: '扫描件不清晰，请重新上传' }] }, CLERK);
        c.deficientOn = day;
        count('deficiency notices');
      } else if (roll < 0.12) {
        await act(`/v1/staff/cases/${c.caseId}/pre-review`, { decision: 'reject', reason: '不属于本中心受理范围' }, CLERK);
        c.finished = true;
        count('rejected at the window');
      } else {
        if (await act(`/v1/staff/cases/${c.caseId}/pre-review`, { decision: 'accept' }, CLERK)) count('accepted');
        if (c.visitNeeded) {
          if (await act(`/v1/staff/cases/${c.caseId}/visits`, { reason: 'verify_originals' }, CLERK)) count('visits to verify originals');
        }
      }
    }
    // The applicants told yesterday correct today, all at once.
    for (const c of cases.values()) {
      if (c.deficientOn === undefined || c.deficientOn === day || c.corrected) continue;
      await act(`/v1/applications/${c.receiptNumber}/corrections?queryCode=${c.queryCode}`, { materials: [{ materialCode: c.first!.code, uploadId: await uploadFor(c.first!) }], note: '已重新上传清晰扫描件' });
      c.corrected = true;
      count('corrections');
    }
  }

  async function review(day: LocalDate): Promise<void> {
    for (const department of departments) {
      const reviewer = `reviewer-${department}`;
      const pending = (await api.get(`/v1/staff/tasks?status=pending`, reviewer)).tasks as { taskId: string; deadline: LocalDate; assigns?: string[]; transferred?: unknown }[];
      for (const task of pending) {
        if (!decisionDay.has(task.taskId)) {
          const p = pace.get(department)!;
          const promised = Math.max(1, defaultCalendar.workingDaysBetween(day, task.deadline));
          const share = random.chance(p.late) ? random.between(1.2, 2.5) : random.between(...p.usual);
          decisionDay.set(task.taskId, defaultCalendar.addWorkingDays(day, Math.round(promised * share)));
          if (random.chance(0.06)) {
            if (await act(`/v1/staff/tasks/${task.taskId}/decision`, { decision: 'transfer', opinion: '需后台科室会商' }, reviewer)) count('transferred');
          }
        }
        if (decisionDay.get(task.taskId)! > day) continue;
        const decision = random.chance(0.03) ? 'reject' : 'approve';
        const assigned = decision === 'approve' && task.assigns?.length ? { assigned: Object.fromEntries(task.assigns.map((f) => [f, '91430600MA4T8K2L39'])) } : {};
        if (await act(`/v1/staff/tasks/${task.taskId}/decision`, { decision, opinion: decision === 'approve' ? '符合条件，拟同意' : '不符合法定条件' , ...assigned }, reviewer)) count(`tasks proposed: ${decision}`);
      }
      const chief = `chief-${department}`;
      for (const task of (await api.get(`/v1/staff/tasks?status=awaiting_signature`, chief)).tasks as { taskId: string }[]) {
        if (random.chance(0.12)) {
          if (await act(`/v1/staff/tasks/${task.taskId}/decision`, { decision: 'refer', opinion: '重大事项，报分管领导签批' }, chief)) count('referred');
        } else {
          if (await act(`/v1/staff/tasks/${task.taskId}/decision`, { decision: 'sign' }, chief)) count('signed by the chief');
        }
      }
      const leader = `leader-${department}`;
      for (const task of (await api.get(`/v1/staff/tasks?status=awaiting_leader`, leader)).tasks as { taskId: string }[]) {
        if (await act(`/v1/staff/tasks/${task.taskId}/decision`, { decision: 'sign' }, leader)) count('signed by a leader');
      }
    }
  }

  /** Fees paid, parcels moved on, results picked up at the hall, deferred materials supplied. */
  async function applicants(): Promise<void> {
    for (const c of cases.values()) {
      if (c.settled) continue;
      const view = await api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`);
      if (view.ticket?.status === 'issued') {
        const payment = await api.post(`/v1/tickets/${view.ticket.ticketNumber}/payments?queryCode=${c.queryCode}`, {});
        // The applicant on the provider's page: a form post, answered with the provider's redirect.
        await api.expect(200, 'POST', `/sandbox/payments/${payment.paymentId}/decision`, { body: 'decision=pay', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        count('tickets paid');
      }
      for (const d of (view.deferred ?? []) as { materialCode: string; status: string }[]) {
        // While a deficiency notice stands, what the applicant sends is the correction (the morning's step).
        if (d.status !== 'open' || view.status === 'deficient' || !random.chance(0.8)) continue;
        const uploadId = await api.upload(`%PDF-1.4 ${d.materialCode} supplied ${random.next()}`, c.contentTypes[d.materialCode]);
        if (await act(`/v1/applications/${c.receiptNumber}/corrections?queryCode=${c.queryCode}`, { materials: [{ materialCode: d.materialCode, uploadId }] })) count('deferred materials supplied');
      }
      const handover = view.handover as { status?: string; shipment?: { waybillNumber: string } } | undefined;
      if (handover?.status === 'shipping' && handover.shipment) {
        await api.request('POST', `/sandbox/courier/shipments/${handover.shipment.waybillNumber}/advance`, { body: {} });
      }
      if (handover?.status === 'pickup_ready') {
        if (await act(`/v1/staff/cases/${c.caseId}/pickup`, {}, CLERK)) count('results picked up at the hall');
      }
      if (['completed', 'rejected'].includes(view.status)) c.finished = true;
      await rate(c, view);
      const handedOver = !handover || ['delivered', 'available'].includes(handover.status ?? '');
      const poorlyRated = c.rated === 1 && POOR.includes(view.ratings?.[0]?.grade);
      if (c.finished && (view.status === 'rejected' || handedOver) && (!c.willRate || c.rated >= (poorlyRated ? 2 : 1))) c.settled = true;
    }
  }

  /** Rates the case when the tracker offers a rating round (`ratingRound`): the first once finished, a second after a rectification's response. */
  async function rate(c: SimCase, view: Json): Promise<void> {
    const offered = view.ratingRound as number | null;
    if (!c.willRate || offered === null || offered <= c.rated) return;
    const round = c.rated;
    const poor = round === 0 && random.chance(view.status === 'rejected' ? 0.4 : 0.05);
    const grade = poor ? random.pick(POOR) : random.pick(GOOD_GRADES);
    await act(`/v1/applications/${c.receiptNumber}/rating?queryCode=${c.queryCode}`, { grade, reasons: poor ? [random.pick(POOR_REASONS)] : [], ...(poor ? { comment: '办理时间过长' } : {}) });
    c.rated = round + 1;
    count(`ratings: ${grade}`);
  }

  /** The supervisor's round: orders on red tasks, rectifications closed; departments reply and rectify. */
  async function supervise(day: LocalDate): Promise<void> {
    const board = await api.get('/v1/staff/supervision/board', SUPERVISOR);
    const red = ([...board.red.entries, ...board.severe.entries] as { caseId: string; department: string }[]).filter(() => random.chance(0.3));
    for (const task of red) {
      if (await act(`/v1/staff/cases/${task.caseId}/supervision-orders`, { department: task.department, reason: '该事项已超期，请说明原因并加快办理', replyBy: defaultCalendar.addWorkingDays(day, 2) }, SUPERVISOR)) count('supervision orders');
    }
    for (const department of departments) {
      const chief = `chief-${department}`;
      for (const order of (await api.get(`/v1/staff/supervision-orders?status=open`, chief)).orders as { orderId: string }[]) {
        if (!random.chance(0.6)) continue;
        if (await act(`/v1/staff/supervision-orders/${order.orderId}/reply`, { reply: '已加派人手，两日内办结' }, chief)) count('orders replied');
      }
      for (const r of (await api.get(`/v1/staff/rectifications?status=open`, chief)).rectifications as { rectificationId: string }[]) {
        if (!random.chance(0.5)) continue;
        if (await act(`/v1/staff/rectifications/${r.rectificationId}/response`, { callback: { at: shanghaiInstant(day, '15:00'), note: '已电话回访申请人' }, changed: '优化审批流程，压缩办理时限', response: '感谢您的意见，我们已整改' }, chief)) count('rectifications responded');
      }
    }
    for (const r of (await api.get(`/v1/staff/rectifications?status=responded`, SUPERVISOR)).rectifications as { rectificationId: string }[]) {
      if (await act(`/v1/staff/rectifications/${r.rectificationId}/close`, {}, SUPERVISOR)) count('rectifications closed');
    }
  }

  let day = start;
  let end = start;
  for (let d = 0; d < days; d++, day = nextDay(day)) {
    end = day;
    await at(day, '08:30');
    await run('DeadlineWatch');
    await run('DeferredWatch');
    if (isWorkingDay(day)) {
      await at(day, '09:00');
      for (let i = 0; i < perDay; i++) await apply(day);
      await at(day, '10:30');
      await preReview(day);
      await idle();
      await at(day, '14:00');
      await review(day);
      await idle();
      await at(day, '16:00');
      await applicants();
      await idle();
      await supervise(day);
    }
    await at(day, '23:45');
    await run('DeadlineWatch');
    await idle();
    log(`${day}: ${cases.size} cases so far`);
  }
  const month = end.slice(0, 7);
  return { start, end, month, counts, requests: [...api.requests.values()].reduce((a, b) => a + b, 0), client: api };
}

function firstOfNextMonth(iso: string): LocalDate {
  const today = new Date(Date.parse(iso) + 8 * 3_600_000);
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1)).toISOString().slice(0, 10) as LocalDate;
}

export { UnexpectedReply };
