/**
 * The workbench's one client of the API, and every call it makes, in one place so a route's
 * change is one edit here. Each request carries the staff member's bearer token and the
 * workbench's language as `Accept-Language`: the API words its errors in it, so a refusal is
 * shown as the API wrote it (`error.message`, with its field errors), tagged by its code.
 */
import type { CaseStatus, Deficiency, DeferredMaterial, TaskStatus, TaskSummary, Applicant } from '../../contracts/cases.js';
import type { LocalizedText } from '../../contracts/catalog.js';
import type { FieldError } from '../../contracts/errors.js';
import type { BundleGuide, CatalogSummary, ItemGuide } from '../../contracts/guides.js';
import type { Role } from '../../contracts/roles.js';
import type { AccessEntry, AgentAssignment, BatchDecisionInput, BatchDecisionResult, CaseRow, MaterialLink, PreReviewInput, TaskDecisionInput, TaskRow, VisitInput } from '../../contracts/staff.js';

export type { AccessEntry, CaseRow, MaterialLink } from '../../contracts/staff.js';
import type { SupervisionBoard, SupervisionReport } from '../../contracts/supervision-reports.js';
import type { StaffMessages } from '../../contracts/notifications.js';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }
}

/** A seeded user of the local runtime (`GET /local/users`). */
export interface LocalUser {
  username: string;
  role: Role;
  department: string;
}

export interface CaseList {
  cases: CaseRow[];
  next?: string;
}

/** A material the applicant uploaded, or a proof taken from their certificate library. */
export interface StaffCaseMaterial {
  materialCode: string;
  fileName: string;
  contentType: string;
  size: number;
}

export interface ReusedProof {
  materialCode: string;
  certificateCode?: string;
  verificationCode?: string;
  itemName?: LocalizedText;
  issuedOn?: string;
}

/** The case as staff read it: the parts of `GET /v1/staff/cases/{caseId}`'s `case` the workbench shows. */
export interface StaffCase {
  caseId: string;
  receiptNumber: string;
  status: CaseStatus;
  itemCode?: string;
  bundleCode?: string;
  answers?: Record<string, boolean>;
  itemName: LocalizedText;
  greenChannel: boolean;
  agent?: { username: string; authorization: string; assignedBy: string; assignedAt: string };
  applicant: Applicant;
  form: Record<string, unknown>;
  materials: StaffCaseMaterial[];
  reused?: ReusedProof[];
  deferred: DeferredMaterial[];
  submittedAt: string;
  acceptedOn?: string;
  promisedDate: string;
  notices: { kind: string; issuedAt: string; deficiencies: Deficiency[] }[];
  rejection?: { reason: string };
  visits?: { at: string; reason: string; note?: string }[];
  /** The official notices (PDFs) issued on the case. */
  documents?: { noticeId: string; kind: string; issuedAt: string; sha256: string; size: number }[];
}

/** `GET /v1/staff/cases/{caseId}` and what every staff POST on a case answers. */
export interface StaffCaseView {
  case: StaffCase;
  tasks: TaskSummary[];
  timeline: { seq: number; at: string; action: string; actor: { type: string; role?: string; username?: string } }[];
  orders: unknown[];
  rectifications?: unknown[];
  unmasked?: boolean;
}

const enc = encodeURIComponent;

export class StaffApi {
  /**
   * @param base the API's origin and path prefix
   * @param token the signed-in staff member's bearer token, read at each request
   * @param language the `Accept-Language` to send, read at each request
   */
  constructor(
    readonly base: string,
    private readonly token: () => string | undefined,
    private readonly language: () => string,
  ) {}

  private url(path: string): string {
    return new URL(path, this.base.endsWith('/') ? this.base : `${this.base}/`).href;
  }

  private async send(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const token = this.token();
    let response: Response;
    try {
      response = await fetch(this.url(path), {
        method,
        headers: {
          'accept-language': this.language(),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError('NETWORK', '', 0);
    }
    if (response.ok) return response;
    const text = await response.text();
    let error: { code?: string; message?: string; fields?: FieldError[] } | undefined;
    try {
      error = (JSON.parse(text) as { error?: typeof error }).error;
    } catch {
      error = undefined;
    }
    throw new ApiError(error?.code ?? `HTTP_${response.status}`, error?.message ?? '', response.status, error?.fields ?? []);
  }

  private async json<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    return (await (await this.send(method, path, body)).json()) as T;
  }

  // The local runtime's sign-in (local/http.ts); absent in AWS.
  localUsers = () => this.json<{ users: LocalUser[] }>('GET', 'local/users');
  localToken = (username: string) => this.json<{ token: string }>('POST', 'local/token', { username });

  // The public catalog: the guide a case's answers are read beside.
  catalog = () => this.json<CatalogSummary>('GET', 'v1/catalog');
  itemGuide = (code: string) => this.json<ItemGuide>('GET', `v1/catalog/items/${enc(code)}`);
  bundleGuide = (code: string, answers?: Record<string, boolean>) =>
    this.json<BundleGuide>(
      'GET',
      `v1/catalog/bundles/${enc(code)}${answers ? `?answers=${enc(Object.entries(answers).map(([k, v]) => `${k}:${v ? 'yes' : 'no'}`).join(','))}` : ''}`,
    );
  /** The guide a case was applied under: its item's, or its bundle's for its answers. */
  caseGuide = (c: Pick<StaffCase, 'itemCode' | 'bundleCode' | 'answers'>): Promise<ItemGuide | BundleGuide | undefined> =>
    c.itemCode ? this.itemGuide(c.itemCode) : c.bundleCode ? this.bundleGuide(c.bundleCode, c.answers) : Promise.resolve(undefined);

  cases = (query: Record<string, string>) => this.json<CaseList>('GET', `v1/staff/cases?${new URLSearchParams(query).toString()}`);
  case = (caseId: string) => this.json<StaffCaseView>('GET', `v1/staff/cases/${enc(caseId)}`);
  material = (caseId: string, code: string) => this.json<MaterialLink>('GET', `v1/staff/cases/${enc(caseId)}/materials/${enc(code)}`);
  preReview = (caseId: string, input: PreReviewInput) => this.json<StaffCaseView>('POST', `v1/staff/cases/${enc(caseId)}/pre-review`, input);
  visit = (caseId: string, input: VisitInput) => this.json<StaffCaseView>('POST', `v1/staff/cases/${enc(caseId)}/visits`, input);
  assignAgent = (caseId: string, input: AgentAssignment) => this.json<StaffCaseView>('POST', `v1/staff/cases/${enc(caseId)}/agent`, input);
  /** An official notice's PDF, as a Blob (the route needs the bearer token, so a plain link would not do). */
  notice = async (caseId: string, noticeId: string) => (await this.send('GET', `v1/staff/cases/${enc(caseId)}/notices/${enc(noticeId)}`)).blob();

  // The department's review: the inbox and the signing queues (README, "Staff lists and batch decisions").
  tasks = (query: Record<string, string>) => this.json<TaskList>('GET', `v1/staff/tasks?${new URLSearchParams(query).toString()}`);
  /** The decided task and, when the case changed, the case's staff view. */
  decide = (taskId: string, input: TaskDecisionInput) => this.json<{ task?: TaskSummary; case?: StaffCaseView }>('POST', `v1/staff/tasks/${enc(taskId)}/decision`, input);
  decideMany = (input: BatchDecisionInput) => this.json<{ results: BatchDecisionResult[] }>('POST', 'v1/staff/tasks/decisions', input);

  // The supervision (docs/reports.md, docs/oversight.md, the README's access log).
  board = () => this.json<SupervisionBoard>('GET', 'v1/staff/supervision/board');
  report = (period: string) => this.json<SupervisionReport>('GET', `v1/staff/supervision/reports/${enc(period)}`);
  /** A report as a file in one of its formats, as a Blob. */
  reportFile = async (period: string, format: ReportFormat) =>
    (await this.send('GET', `v1/staff/supervision/reports/${enc(period)}`, undefined, { accept: REPORT_TYPES[format] })).blob();
  orders = (status: 'open' | 'escalated') => this.json<{ orders: SupervisionOrder[] }>('GET', `v1/staff/supervision-orders?status=${status}`);
  issueOrder = (caseId: string, input: { department: string; reason: string; replyBy: string }) =>
    this.json<StaffCaseView & { order: SupervisionOrder }>('POST', `v1/staff/cases/${enc(caseId)}/supervision-orders`, input);
  rectifications = (status: 'open' | 'overdue') => this.json<{ rectifications: StaffRectification[] }>('GET', `v1/staff/rectifications?status=${status}`);
  verify = (receiptNumbers: string[]) => this.json<Verification>('POST', 'v1/staff/supervision/verify', { receiptNumbers });
  /** The caller's messages (docs/notifications.md), worded in the workbench's language. */
  messages = (cursor?: string) => this.json<StaffMessages>('GET', `v1/staff/messages${cursor ? `?cursor=${enc(cursor)}` : ''}`);
  accessLog = (day: string, cursor?: string) =>
    this.json<{ day: string; entries: AccessEntry[]; next?: string }>('GET', `v1/staff/access-log/${enc(day)}${cursor ? `?cursor=${enc(cursor)}` : ''}`);
}

// ---- The department's review and the supervision (the reviewer's, chief's, leader's and supervisor's views) ----

/** `GET /v1/staff/tasks`: a department's tasks in one status, a page at a time. */
export interface TaskList {
  department?: string;
  status?: TaskStatus;
  tasks: TaskRow[];
  next?: string;
}

/** A supervision order (docs/oversight.md). */
export interface SupervisionOrder {
  orderId: string;
  caseId: string;
  receiptNumber: string;
  department: string;
  reason: string;
  issuedBy: string;
  issuedAt: string;
  replyBy: string;
  status: 'open' | 'replied';
  escalatedAt?: string;
  reply?: { by: string; at: string; text: string };
}

/** A rectification as staff list it (`GET /v1/staff/rectifications`). */
export interface StaffRectification {
  rectificationId: string;
  caseId: string;
  receiptNumber: string;
  department: string;
  round: number;
  status: string;
  openedAt: string;
  dueDate: string;
  /** Set once the deadline watch found it past due and still open. */
  overdueAt?: string;
}

/** `POST /v1/staff/supervision/verify`'s answer. */
export interface Verification {
  cases: { caseId: string; receiptNumber: string; intact: boolean; firstBroken?: { seq: number; problem: string } }[];
  unknown: string[];
}

/** The formats a supervision report downloads in. */
export type ReportFormat = 'json' | 'csv' | 'pdf';
const REPORT_TYPES: Record<ReportFormat, string> = { json: 'application/json', csv: 'text/csv', pdf: 'application/pdf' };
