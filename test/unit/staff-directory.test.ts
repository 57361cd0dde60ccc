/**
 * The staff directory (functions/lambda/staff-directory.ts) and the agent check on it
 * (issue 12, hole 9). The Cognito directory is driven here by a stand-in for the user
 * pool that answers AdminGetUser and AdminListGroupsForUser as Cognito words them (no
 * emulator of Cognito runs locally); the listed directory is what the local runtime uses.
 */
import { AdminGetUserCommand, AdminListGroupsForUserCommand, UserNotFoundException } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { assignAgent } from '../../functions/domain/agent.js';
import { defaultCalendar } from '../../functions/domain/calendar.js';
import type { CaseRecord, Clock } from '../../functions/domain/records.js';
import type { Staff } from '../../functions/domain/staff.js';
import { cognitoDirectory, listedDirectory } from '../../functions/lambda/staff-directory.js';
import { codeOf } from '../support/errors.js';

interface PoolUser {
  enabled?: boolean;
  department: string;
  groups: string[];
}

/** A user pool of `users` as Cognito answers for it; groups come two per page, to exercise paging. */
function pool(users: Record<string, PoolUser>) {
  const calls: string[] = [];
  const client = {
    async send(command: unknown) {
      if (command instanceof AdminGetUserCommand) {
        const { UserPoolId, Username } = command.input;
        calls.push(`AdminGetUser ${UserPoolId} ${Username}`);
        const user = users[Username!];
        if (!user) throw new UserNotFoundException({ message: 'User does not exist.', $metadata: {} });
        return { Username, Enabled: user.enabled ?? true, UserAttributes: [{ Name: 'email', Value: `${Username}@example.org` }, { Name: 'custom:department', Value: user.department }] };
      }
      if (command instanceof AdminListGroupsForUserCommand) {
        const { Username, NextToken } = command.input;
        calls.push(`AdminListGroupsForUser ${Username} ${NextToken ?? ''}`.trim());
        const start = Number(NextToken ?? 0);
        const groups = users[Username!]!.groups;
        return { Groups: groups.slice(start, start + 2).map((GroupName) => ({ GroupName })), NextToken: start + 2 < groups.length ? String(start + 2) : undefined };
      }
      throw new Error(`unexpected command ${String(command)}`);
    },
  };
  return { client: client as never, calls };
}

describe('the Cognito staff directory', () => {
  it('finds a user with its groups as roles, across pages, and its department', async () => {
    // Prepare
    const { client, calls } = pool({ agent7: { department: 'center', groups: ['staff-newsletter', 'clerk', 'agent'] } });

    // Act
    const found = await cognitoDirectory('us-east-1_Pool', client).find('agent7');

    // Assess
    expect(found).toEqual({ username: 'agent7', roles: ['clerk', 'agent'], department: 'center' });
    expect(calls).toEqual(['AdminGetUser us-east-1_Pool agent7', 'AdminListGroupsForUser agent7', 'AdminListGroupsForUser agent7 2']);
  });

  it('finds no user that Cognito does not know, or that is disabled', async () => {
    const { client } = pool({ gone: { enabled: false, department: 'center', groups: ['agent'] } });
    const directory = cognitoDirectory('us-east-1_Pool', client);

    expect(await directory.find('nobody')).toBeUndefined();
    expect(await directory.find('gone')).toBeUndefined();
  });

  it('lets other failures of Cognito through', async () => {
    const client = { send: async () => { throw new Error('throttled'); } } as never;
    await expect(cognitoDirectory('us-east-1_Pool', client).find('agent')).rejects.toThrow('throttled');
  });
});

describe('assigning an agent', () => {
  const clerk: Staff = { username: 'clerk', roles: ['clerk'], department: 'center' };
  const green = { receiptNumber: '430600-20261207-000001', greenChannel: true, status: 'accepted', version: 3 } as CaseRecord;
  const clock: Clock = { now: '2026-12-07T02:00:00.000Z', today: '2026-12-07', calendar: defaultCalendar };
  const directory = listedDirectory([clerk, { username: 'agent', roles: ['agent'], department: 'center' }]);
  const assign = async (agent: string) => assignAgent(green, clerk, { agent, authorization: '授权委托书 0001' }, clock, await directory.find(agent));

  it('refuses a username the directory does not list, and a user without the agent role', async () => {
    expect(await assign('nobody').catch((e: unknown) => e)).toMatchObject({ code: 'UNKNOWN_STAFF_USER', params: { agent: 'nobody' } });
    expect(codeOf(() => assignAgent(green, clerk, { agent: 'clerk', authorization: 'x' }, clock, clerk))).toBe('NOT_AN_AGENT');
  });

  it('assigns a listed agent under the directory\'s username (the one its token carries), also when named by an alias', async () => {
    expect((await assign('agent')).case?.next.agent).toMatchObject({ username: 'agent', assignedBy: 'clerk' });
    const byEmail = assignAgent(green, clerk, { agent: 'agent@example.org', authorization: 'x' }, clock, { username: 'agent', roles: ['agent'], department: 'center' });
    expect(byEmail.case?.next.agent?.username).toBe('agent');
    expect(byEmail.events).toEqual([{ type: 'agent.assigned', data: { agent: 'agent' } }]);
  });
});
