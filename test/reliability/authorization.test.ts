/**
 * The authorization matrix (issue 12, reliability suite): every staff route of the OpenAPI
 * document × every seeded local user and the anonymous, forged, tampered, unsigned and
 * expired tokens, answered exactly as the document's operations say (the role a route
 * names gets past 401/403; everyone else gets 401 or 403); and the citizen routes with a
 * wrong, missing or another case's query code, answered 404. No refused answer, and no
 * answer about one case, carries another case's personal data: leaks must be 0.
 */
import { generateKeyPair, SignJWT, decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HTTP_METHODS, openApiDocument } from '../../contracts/openapi.js';
import { shanghaiDate } from '../../contracts/dates.js';
import { defaultCalendar } from '../../functions/domain/calendar.js';
import { acceptedCase, tasksOf, type SubmittedCase } from '../support/cases.js';
import { applicantCompany, FOOD_LICENCE } from '../support/fixtures.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { report } from './scale.js';

let t: TestPlatform;
let a: SubmittedCase;
let b: SubmittedCase;
/** The case A's first task (department amr). */
let taskA: { taskId: string; department: string };
const tokens = new Map<string, string | undefined>();
/** Seeded users by username, with their role and department (`GET /local/users`). */
let users: { username: string; role: string; department: string }[] = [];

/** Case B's applicant: none of it may appear in an answer about case A, or in a refusal. */
const other = { ...applicantCompany, name: '岳阳市君山银针茶业有限公司', idNumber: '91430600MA4Q7W2X1G', phone: '13574009876', legalRepresentative: '周君山' };

beforeAll(async () => {
  t = await startTestPlatform();
  a = await acceptedCase(t, { itemCode: FOOD_LICENCE });
  b = await acceptedCase(t, { itemCode: FOOD_LICENCE }, { applicant: other, form: { companyName: other.name, legalRepresentative: other.legalRepresentative, contactMobile: other.phone }, accept: false });
  taskA = (await tasksOf(t, a.caseId))[0];
  users = (await t.api.get('/local/users')).body.users;
  for (const user of users) tokens.set(user.username, await t.api.token(user.username));
  const admin = tokens.get('admin')!;
  const claims = decodeJwt(admin);
  const [header, , signature] = admin.split('.');
  const clerk = tokens.get('clerk')!.split('.');
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  tokens.set('anonymous', undefined);
  // Signed by a key that is not the county's, with the admin's very claims and key id.
  const { privateKey } = await generateKeyPair('ES256');
  tokens.set('forged', await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'onetrip-local-1', typ: 'JWT' }).sign(privateKey));
  // The clerk's signature under the admin's claims.
  tokens.set('tampered', `${clerk[0]}.${admin.split('.')[1]}.${clerk[2]}`);
  tokens.set('unsigned', `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`);
  tokens.set('garbage', `${header}.not-json.${signature}`);
  // A real token of the county's issuer, issued nine hours ago: past its eight-hour lifetime.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() - 9 * 3600_000);
  try {
    tokens.set('expired', await t.api.token('admin'));
  } finally {
    vi.useRealTimers();
  }
}, 240_000);
afterAll(async () => {
  await t?.stop();
});

/** Who may call each staff operation, as its description in the OpenAPI document says. */
const ALLOWED: Record<string, (user: { role: string; department: string }) => boolean> = {
  'GET /v1/staff/cases': (u) => ['clerk', 'agent', 'supervisor', 'admin'].includes(u.role),
  // Every staff member gets past 401/403: one who may not know of case A gets its 404 (docs/need-to-know.md).
  'GET /v1/staff/cases/{caseId}': () => true,
  'GET /v1/staff/cases/{caseId}/materials/{materialCode}': () => true,
  'GET /v1/staff/access-log/{day}': (u) => ['supervisor', 'admin'].includes(u.role),
  'GET /v1/staff/messages': (u) => ['reviewer', 'chief', 'supervisor'].includes(u.role),
  'POST /v1/staff/cases/{caseId}/pre-review': (u) => u.role === 'clerk',
  'POST /v1/staff/cases/{caseId}/agent': (u) => ['clerk', 'admin'].includes(u.role),
  // Only the case's assigned agent: case A has none, so the agent too gets 403 NOT_ASSIGNED_AGENT.
  'POST /v1/staff/cases/{caseId}/on-behalf': () => false,
  // Case A has no agent, so an agent gets 403 NOT_ASSIGNED_AGENT there.
  'POST /v1/staff/cases/{caseId}/visits': (u) => ['clerk', 'supervisor', 'admin'].includes(u.role),
  // Past 401/403 to a 409: case A's results are not waiting at the hall.
  'POST /v1/staff/cases/{caseId}/pickup': (u) => u.role === 'clerk',
  // A supervisor or admin names the department (here none: past 403 to a 400).
  'GET /v1/staff/tasks': (u) => ['reviewer', 'chief', 'leader', 'supervisor', 'admin'].includes(u.role),
  // Past the role check to 200, each decision's own refusal in its result.
  'POST /v1/staff/tasks/decisions': (u) => ['reviewer', 'chief', 'leader'].includes(u.role),
  // Need to know answers 404, never 403: every staff role gets past 401/403 (case A lists no such notice).
  'GET /v1/staff/cases/{caseId}/notices/{noticeId}': () => true,
  // `sign` is the chief's decision, of the task's own department.
  'POST /v1/staff/tasks/{taskId}/decision': (u) => u.role === 'chief' && u.department === taskA.department,
  'POST /v1/staff/certificates/{verificationCode}/revoke': (u) => u.role === 'chief',
  // A chief sees their own department's settlement (asked without `department`).
  'GET /v1/staff/settlement/{day}': (u) => ['chief', 'supervisor', 'admin'].includes(u.role),
  'POST /v1/staff/cases/{caseId}/supervision-orders': (u) => ['supervisor', 'admin'].includes(u.role),
  'GET /v1/staff/supervision-orders': (u) => ['chief', 'supervisor', 'admin'].includes(u.role),
  // Any chief gets past the role check to a 404: the order asked about does not exist.
  'POST /v1/staff/supervision-orders/{orderId}/reply': (u) => u.role === 'chief',
  'POST /v1/staff/supervision/verify': (u) => ['supervisor', 'admin'].includes(u.role),
  'GET /v1/staff/supervision/board': (u) => ['chief', 'supervisor', 'admin'].includes(u.role),
  'GET /v1/staff/supervision/reports/{period}': (u) => ['chief', 'supervisor', 'admin'].includes(u.role),
  'GET /v1/staff/rectifications': (u) => ['reviewer', 'chief', 'supervisor', 'admin'].includes(u.role),
  // Past the role check to a 404: the rectification asked about does not exist.
  'POST /v1/staff/rectifications/{rectificationId}/response': (u) => ['reviewer', 'chief'].includes(u.role),
  'POST /v1/staff/rectifications/{rectificationId}/close': (u) => u.role === 'supervisor',
  'POST /v1/staff/rectifications/{rectificationId}/reopen': (u) => u.role === 'supervisor',
};

/** A notice id no case lists. */
const NO_NOTICE = 'refusal-00000000-0000-4000-8000-000000000000';

/** The request each staff operation is tried with: about case A, valid by its schema. */
const requestFor = (operation: string, template: string): { path: string; body?: unknown } => {
  const path = template
    .replace('{caseId}', a.caseId)
    .replace('{taskId}', taskA.taskId)
    .replace('{verificationCode}', 'ZZZZ-ZZZZ-ZZZZ')
    .replace('{materialCode}', 'M0001')
    .replace('{day}', shanghaiDate(new Date()))
    .replace('{orderId}', `${a.caseId}-o0000000000000000`)
    .replace('{rectificationId}', `${a.caseId}-r1-amr`)
    .replace('{period}', shanghaiDate(new Date()))
    .replace('{noticeId}', NO_NOTICE);
  const bodies: Record<string, unknown> = {
    'POST /v1/staff/cases/{caseId}/pre-review': { decision: 'accept' },
    'POST /v1/staff/cases/{caseId}/agent': { agent: 'agent', authorization: '委托书 2026-001' },
    'POST /v1/staff/cases/{caseId}/on-behalf': { form: { premisesArea: 99 } },
    'POST /v1/staff/cases/{caseId}/visits': { reason: 'verify_originals' },
    'POST /v1/staff/tasks/{taskId}/decision': { decision: 'sign' },
    'POST /v1/staff/tasks/decisions': { decisions: [{ taskId: taskA.taskId, decision: 'sign' }] },
    'POST /v1/staff/certificates/{verificationCode}/revoke': { reason: '测试吊销' },
    'POST /v1/staff/cases/{caseId}/supervision-orders': { department: taskA.department, reason: '请说明办理进度', replyBy: defaultCalendar.addWorkingDays(shanghaiDate(new Date()), 2) },
    'POST /v1/staff/supervision-orders/{orderId}/reply': { reply: '已加快办理' },
    'POST /v1/staff/supervision/verify': { caseIds: [a.caseId] },
    'POST /v1/staff/rectifications/{rectificationId}/response': { callback: { at: new Date().toISOString(), note: '已电话回访' }, changed: '优化流程', response: '已整改' },
    'POST /v1/staff/rectifications/{rectificationId}/reopen': { reason: '整改不到位' },
  };
  return { path, body: bodies[operation] };
};

/** The personal data of a case's applicant, as it could appear in an answer. */
const personal = (applicant: typeof applicantCompany) => [applicant.name, applicant.idNumber, applicant.phone, applicant.legalRepresentative];

describe('the authorization matrix', () => {
  it('answers every staff route as documented for every identity, and every wrong query code with 404, leaking nothing', async () => {
    // Prepare
    const staffOperations = Object.entries(openApiDocument.paths).flatMap(([template, item]) =>
      HTTP_METHODS.filter((m) => item[m] && Array.isArray(item[m]!.security) && item[m]!.security.length > 0).map((m) => `${m.toUpperCase()} ${template}`),
    );
    const identities = [...tokens.keys()];
    const wrong: string[] = [];
    let leaks = 0;
    let attempts = 0;
    const leakCheck = (what: string, text: string, forbidden: string[]) => {
      const found = forbidden.filter((value) => text.includes(value));
      if (found.length > 0) {
        leaks += 1;
        wrong.push(`${what}: leaks ${found.join(', ')}`);
      }
    };

    // Act: staff routes
    for (const operation of staffOperations) {
      const [method, template] = operation.split(' ') as [string, string];
      const { path, body } = requestFor(operation, template);
      for (const identity of identities) {
        const reply = await t.api.request(method, path, { body: method === 'POST' ? (body ?? {}) : undefined, token: tokens.get(identity) });
        attempts += 1;
        const user = users.find((u) => u.username === identity);
        const allowed = user !== undefined && ALLOWED[operation]!(user);
        const denied = reply.status === 401 || reply.status === 403;
        const expected = user === undefined ? 401 : allowed ? 'past 401/403' : 403;
        if ((allowed && denied) || (!allowed && reply.status !== expected)) wrong.push(`${operation} as ${identity}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}, expected ${expected}`);
        const text = JSON.stringify(reply.body ?? '');
        // A refusal carries no one's data; an answer about case A carries none of case B's.
        if (denied) leakCheck(`${operation} as ${identity}`, text, [...personal(applicantCompany), ...personal(other)]);
        else if (!template.endsWith('/cases') && !template.endsWith('/tasks')) leakCheck(`${operation} as ${identity}`, text, personal(other));
      }
    }

    // Act: citizen routes, with every query code but the case's own
    const citizen = [
      (c: SubmittedCase) => `/v1/applications/${c.receiptNumber}`,
      (c: SubmittedCase) => `/v1/tickets/T${c.receiptNumber}`,
      (c: SubmittedCase) => `/v1/tickets/T${c.receiptNumber}/receipt`,
      (c: SubmittedCase) => `/v1/applications/${c.receiptNumber}/results/ZZZZ-ZZZZ-ZZZZ`,
      (c: SubmittedCase) => `/v1/applications/${c.receiptNumber}/notices/${NO_NOTICE}`,
      (c: SubmittedCase) => `/v1/applications/${c.receiptNumber}/messages`,
    ];
    const codes = (c: SubmittedCase) => [c === a ? b.queryCode : a.queryCode, '', 'AAAA2222', c.queryCode.slice(0, 7), `${c.queryCode}A`];
    let citizenAttempts = 0;
    for (const c of [a, b]) {
      for (const route of citizen) {
        for (const code of codes(c)) {
          const reply = await t.api.get(`${route(c)}${code ? `?queryCode=${code}` : ''}`);
          citizenAttempts += 1;
          if (![400, 404].includes(reply.status)) wrong.push(`GET ${route(c)}?queryCode=${code}: ${reply.status}, expected 404 (400 without a code)`);
          leakCheck(`GET ${route(c)}?queryCode=${code}`, JSON.stringify(reply.body ?? ''), [...personal(applicantCompany), ...personal(other)]);
        }
        const right = await t.api.get(`${route(c)}?queryCode=${c.queryCode}`);
        citizenAttempts += 1;
        leakCheck(`GET ${route(c)} with its own code`, JSON.stringify(right.body ?? ''), personal(c === a ? other : applicantCompany));
      }
    }
    for (const code of codes(a)) {
      const reply = await t.api.post(`/v1/applications/${a.receiptNumber}/corrections${code ? `?queryCode=${code}` : ''}`, { form: { premisesArea: 99 } });
      citizenAttempts += 1;
      if (![400, 404].includes(reply.status)) wrong.push(`POST corrections of A with code ${code}: ${reply.status}`);
      const optOut = await t.api.request('PUT', `/v1/applications/${a.receiptNumber}/notification-preferences${code ? `?queryCode=${code}` : ''}`, { body: { optOut: true } });
      citizenAttempts += 1;
      if (![400, 404].includes(optOut.status)) wrong.push(`PUT notification-preferences of A with code ${code}: ${optOut.status}`);
    }

    // Assess
    report('authorization', { identities: identities.length, staffRoutes: staffOperations.length, 'identities×routes': attempts, citizenAttempts, leaks, wrong: wrong.length });
    expect(staffOperations.sort()).toEqual(Object.keys(ALLOWED).sort());
    expect(identities.length).toBeGreaterThan(10);
    expect(wrong).toEqual([]);
    expect(leaks).toBe(0);
  }, 300_000);
});
