/**
 * Need to know (issue 14, docs/need-to-know.md) through the API: who may know of a case and
 * its materials (anyone else gets the 404 of an unknown id), who sees the applicant's
 * personal data unmasked, and the access log every unmasked read is written to, which the
 * supervisor pages through and a reviewer may not read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../contracts/dates.js';
import { acceptedCase, type SubmittedCase } from '../support/cases.js';
import { applicantCompany, FOOD_DEPARTMENT, FOOD_LICENCE } from '../support/fixtures.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;
let c: SubmittedCase;
const tokens: Record<string, string> = {};
/** The case's first material: its code and the bytes the applicant uploaded. */
let material: { code: string; bytes: string };
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const day = () => shanghaiDate(new Date());

const get = (path: string, who: string) => t.api.get(path, tokens[who]);
const logPage = (who: string, query = '', on = day()) => get(`/v1/staff/access-log/${on}${query}`, who);

beforeAll(async () => {
  t = await startTestPlatform();
  c = await acceptedCase(t, { itemCode: FOOD_LICENCE }); // one task, of the food department
  for (const who of ['clerk', 'supervisor', `reviewer-${FOOD_DEPARTMENT}`, 'reviewer-tax']) tokens[who] = await t.api.token(who);
  const code = c.guide.materials.find((m: { required: boolean }) => m.required).code as string;
  material = { code, bytes: `%PDF-1.4 ${code}` };
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

describe('need to know', () => {
  it('answers a reviewer of a department without a task 404 for the case and its material, as for an unknown id', async () => {
    // Act
    const theCase = await get(`/v1/staff/cases/${c.caseId}`, 'reviewer-tax');
    const itsMaterial = await get(`/v1/staff/cases/${c.caseId}/materials/${material.code}`, 'reviewer-tax');
    const unknown = await get(`/v1/staff/cases/${UNKNOWN}`, 'reviewer-tax');

    // Assess
    const anonymous = (reply: { body: any }, id: string) => ({ ...reply.body.error, message: reply.body.error.message.replace(id, '<id>'), params: undefined });
    expect([theCase.status, itsMaterial.status, unknown.status]).toEqual([404, 404, 404]);
    expect(unknown.body.error.code).toBe('CASE_NOT_FOUND');
    expect(anonymous(theCase, c.caseId)).toEqual(anonymous(unknown, UNKNOWN));
    expect(anonymous(itsMaterial, c.caseId)).toEqual(anonymous(unknown, UNKNOWN));
    expect(JSON.stringify([theCase.body, itsMaterial.body])).not.toContain(applicantCompany.name);
  });

  it('shows the case unmasked to a reviewer with a task, and masked (a company’s name kept) to the supervisor', async () => {
    // Act
    const reviewer = await get(`/v1/staff/cases/${c.caseId}`, `reviewer-${FOOD_DEPARTMENT}`);
    const supervisor = await get(`/v1/staff/cases/${c.caseId}`, 'supervisor');

    // Assess
    expect(reviewer.status, JSON.stringify(reviewer.body)).toBe(200);
    expect(reviewer.body.unmasked).toBe(true);
    expect(reviewer.body.case.applicant).toMatchObject({ name: applicantCompany.name, idNumber: applicantCompany.idNumber, phone: applicantCompany.phone });
    expect(reviewer.body.tasks.map((x: { department: string }) => x.department)).toEqual([FOOD_DEPARTMENT]);
    expect(supervisor.status).toBe(200);
    expect(supervisor.body.unmasked).toBe(false);
    expect(supervisor.body.case.applicant).toMatchObject({ name: applicantCompany.name, idNumber: '9143**********2L39', phone: '139****1234' });
    const text = JSON.stringify(supervisor.body);
    for (const personal of [applicantCompany.idNumber, applicantCompany.phone, applicantCompany.legalRepresentative]) expect(text).not.toContain(personal);
    expect(Object.keys(supervisor.body).sort()).toEqual(['case', 'orders', 'rectifications', 'tasks', 'timeline', 'unmasked']);
  });

  it('opens an uploaded material through a presigned link that downloads its bytes; a material the case lacks is 404', async () => {
    // Act
    const link = await get(`/v1/staff/cases/${c.caseId}/materials/${material.code}`, `reviewer-${FOOD_DEPARTMENT}`);
    const missing = await get(`/v1/staff/cases/${c.caseId}/materials/M9999`, `reviewer-${FOOD_DEPARTMENT}`);
    const file = await fetch(link.body.url);

    // Assess
    expect(link.status, JSON.stringify(link.body)).toBe(200);
    expect(link.body).toMatchObject({ materialCode: material.code, contentType: 'application/pdf', size: material.bytes.length });
    expect(Date.parse(link.body.expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
    expect(file.status).toBe(200);
    expect(await file.text()).toBe(material.bytes);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('MATERIAL_NOT_FOUND');
  });
});

describe('the access log', () => {
  it('holds every unmasked read of the day, and none of the masked ones; the supervisor pages it exactly once, a reviewer may not read it', async () => {
    // Act
    const whole = await logPage('supervisor', '?limit=200');
    const pages: any[] = [];
    let cursor: string | undefined;
    do {
      const page = await logPage('supervisor', `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      pages.push(page.body);
      cursor = page.body.next;
    } while (cursor);
    const byReviewer = await logPage(`reviewer-${FOOD_DEPARTMENT}`);

    // Assess
    expect(whole.status).toBe(200);
    const entries = whole.body.entries as { username: string; what: string; detail?: string; caseId: string; at: string }[];
    const reads = entries.map((e) => `${e.username} ${e.what}${e.detail ? ` ${e.detail}` : ''}`);
    // The clerk's acceptance answered the case unmasked, and so did the reviewer's reads
    expect(reads).toEqual(expect.arrayContaining(['clerk case', `reviewer-${FOOD_DEPARTMENT} case`, `reviewer-${FOOD_DEPARTMENT} material ${material.code}`]));
    expect(entries.every((e) => e.caseId === c.caseId && e.username !== 'supervisor' && e.username !== 'reviewer-tax')).toBe(true);
    expect(entries.map((e) => e.at)).toEqual(entries.map((e) => e.at).sort());
    expect(pages.flatMap((p) => p.entries)).toEqual(entries);
    expect(pages.every((p) => p.entries.length <= 2 && p.entries.length > 0)).toBe(true);
    expect(pages.at(-1)).not.toHaveProperty('next');
    expect(byReviewer.status).toBe(403);
    expect(byReviewer.body.error.code).toBe('ROLE_REQUIRED');
  });

  it('refuses a cursor it did not give out for that day, and a day that is not a date', async () => {
    // Prepare: a real cursor of today's log
    const first = await logPage('supervisor', '?limit=1');
    expect(first.body.next).toBeDefined();

    // Act
    const forged = await logPage('supervisor', '?cursor=bm90LWEta2V5');
    const otherDay = await logPage('supervisor', `?cursor=${first.body.next}`, '2020-01-01');
    const badDay = await logPage('supervisor', '', '2026-02-30');
    const badLimit = await logPage('supervisor', '?limit=0');

    // Assess
    expect([forged.status, otherDay.status, badDay.status, badLimit.status]).toEqual([400, 400, 400, 400]);
    expect([forged.body.error.code, otherDay.body.error.code]).toEqual(['INVALID_CURSOR', 'INVALID_CURSOR']);
    expect(badDay.body.error.fields[0]).toMatchObject({ path: 'path:day', rule: 'not_date' });
    expect(badLimit.body.error.fields[0]).toMatchObject({ path: 'query:limit', rule: 'whole_number_range' });
  });
});
