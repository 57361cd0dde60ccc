/**
 * Green channel and agent service (绿色通道、代办): for a green-channel case the window
 * assigns an agent, free of charge, who then acts for the applicant; the written
 * authorisation is recorded on the timeline with the assignment and with every act.
 */
import { ConflictError, ForbiddenError, UnprocessableError } from './errors.js';
import type { CaseRecord, Change, Clock } from './records.js';
import { requireRole, type Staff } from './staff.js';
import type { Actor } from './timeline.js';
import type { AgentAssignment } from '../../contracts/staff.js';

/**
 * The agent named must be a user of the county's staff directory with the `agent` role:
 * `listed` is what the directory says of that username (undefined: no such user). Returns
 * the directory's own username, which the agent's token carries (the name given may be an
 * alias, e.g. the user's email).
 */
function requireAgent(username: string, listed: Staff | undefined): string {
  const params = { agent: username };
  if (!listed) {
    const fields = [{ path: '/agent', message: `is no staff user of this county`, rule: 'unknown_staff_user', params }];
    throw new UnprocessableError('UNKNOWN_STAFF_USER', `There is no staff user ${username} in the county's directory`, fields, { params });
  }
  if (!listed.roles.includes('agent')) {
    const fields = [{ path: '/agent', message: `does not have the agent role`, rule: 'not_an_agent', params }];
    throw new UnprocessableError('NOT_AN_AGENT', `Staff user ${username} does not have the agent role`, fields, { params });
  }
  return listed.username;
}

/** `listed`: the staff directory's entry for the username the assignment names. */
export function assignAgent(c: CaseRecord, staff: Staff, input: AgentAssignment, { now }: Clock, listed: Staff | undefined): Change {
  requireRole(staff, 'clerk', 'admin');
  if (!c.greenChannel) {
    throw new ConflictError('NOT_GREEN_CHANNEL', `Case ${c.receiptNumber} is not in the green channel; agents serve green-channel cases`, { params: { receiptNumber: c.receiptNumber } });
  }
  if (c.status === 'completed' || c.status === 'rejected') {
    throw new ConflictError('CASE_CLOSED', `Case ${c.receiptNumber} is ${c.status}`, { params: { receiptNumber: c.receiptNumber, status: c.status } });
  }
  const username = requireAgent(input.agent, listed);
  const agent = { username, authorization: input.authorization, assignedBy: staff.username, assignedAt: now };
  return {
    case: { next: { ...c, agent, version: c.version + 1 }, expectedVersion: c.version },
    tasks: [],
    timeline: [
      {
        at: now,
        actor: { type: 'staff', id: staff.username, role: staff.roles[0], department: staff.department },
        action: 'agent.assigned',
        detail: { agent: username, authorization: input.authorization, feeFen: 0 },
      },
    ],
    events: [{ type: 'agent.assigned', data: { agent: username } }],
  };
}

/** The actor an assigned agent acts as; anyone else is refused. */
export function agentActor(c: CaseRecord, staff: Staff): Actor {
  requireRole(staff, 'agent');
  if (!c.agent || c.agent.username !== staff.username) {
    throw new ForbiddenError(`You are not the agent of case ${c.receiptNumber}`, 'NOT_ASSIGNED_AGENT', { params: { receiptNumber: c.receiptNumber } });
  }
  return {
    type: 'staff',
    id: staff.username,
    role: 'agent',
    department: staff.department,
    onBehalfOf: c.receiptNumber,
    authorization: c.agent.authorization,
  };
}
