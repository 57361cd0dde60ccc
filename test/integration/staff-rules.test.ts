/**
 * Who staff may name and who may sign, through the API (issue 12, holes 3 and 9): the
 * chief who signs a decision is not the user who made it (four eyes), and the agent a
 * clerk assigns is a user of the county's staff directory with the `agent` role — locally
 * the seeded users, which the runtime hands the functions as their directory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedCase, tasksOf } from '../support/cases.js';
import { FOOD_LICENCE } from '../support/fixtures.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;
let clerk: string;

beforeAll(async () => {
  t = await startTestPlatform();
  clerk = await t.api.token('clerk');
});
afterAll(async () => {
  await t?.stop();
});

describe('four eyes', () => {
  it('refuses the signature of the chief who decided the task, and keeps the decision waiting for another', async () => {
    // Prepare: the food licence's task, decided by the department's chief
    const { caseId } = await acceptedCase(t, { itemCode: FOOD_LICENCE });
    const [task] = await tasksOf(t, caseId);
    const chief = await t.api.token('chief-amr');
    const decided = await t.api.post(`/v1/staff/tasks/${task.taskId}/decision`, { decision: 'approve', opinion: '符合条件' }, { token: chief });

    // Act
    const signed = await t.api.post(`/v1/staff/tasks/${task.taskId}/decision`, { decision: 'sign' }, { token: chief });
    const inChinese = await t.api.request('POST', `/v1/staff/tasks/${task.taskId}/decision`, { body: { decision: 'sign' }, token: chief, headers: { 'accept-language': 'zh-CN' } });

    // Assess
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(signed.status).toBe(403);
    expect(signed.body.error).toMatchObject({ code: 'FOUR_EYES_REQUIRED', message: expect.stringContaining(task.taskId) });
    expect(inChinese.body.error.message).toContain('另一位首席代表签发');
    const [after] = await tasksOf(t, caseId);
    expect(after).toMatchObject({ status: 'awaiting_signature', proposal: { by: 'chief-amr' } });
  });
});

describe('assigning an agent', () => {
  it('takes only a user of the staff directory with the agent role, naming the one refused', async () => {
    // Prepare: a green-channel bundle case
    const { caseId } = await acceptedCase(t, { bundleCode: 'INVEST-ONE-DRAGON' });
    const assign = (agent: string) => t.api.post(`/v1/staff/cases/${caseId}/agent`, { agent, authorization: '授权委托书 YY-DB-2026-0043' }, { token: clerk });

    // Act
    const unknown = await assign('nobody-here');
    const notAnAgent = await assign('reviewer-amr');
    const agent = await assign('agent');

    // Assess
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: 'UNKNOWN_STAFF_USER', fields: [{ path: '/agent', rule: 'unknown_staff_user', params: { agent: 'nobody-here' } }] });
    expect(unknown.body.error.message).toContain('nobody-here');
    expect(notAnAgent.status).toBe(422);
    expect(notAnAgent.body.error).toMatchObject({ code: 'NOT_AN_AGENT', fields: [{ path: '/agent', rule: 'not_an_agent', params: { agent: 'reviewer-amr' } }] });
    expect(agent.status, JSON.stringify(agent.body)).toBe(200);
    expect(agent.body.case.agent).toMatchObject({ username: 'agent', assignedBy: 'clerk' });
  });
});
