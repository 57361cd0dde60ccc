/**
 * The county's staff directory: who exists and in which roles and department, for checks
 * that name another user than the caller (the agent a clerk assigns). In AWS it is the
 * stack's Cognito user pool (`USER_POOL_ID`: the user, its `custom:department`, and its
 * groups, which are its roles); the local runtime has no user pool and hands every
 * function its seeded users in `ONETRIP_LOCAL_STAFF` instead. Both answer through one
 * interface, so the domain's check is the same in both.
 */
import {
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  CognitoIdentityProviderClient,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { LOCAL_STAFF_VARIABLE, ROLES, type Role } from '../../contracts/roles.js';
import { ConfigurationError } from '../domain/errors.js';
import type { Staff } from '../domain/staff.js';
import { requireEnv } from './env.js';

export interface StaffDirectory {
  /** The user by username, with its roles and department; undefined when there is none (or it is disabled). */
  find(username: string): Promise<Staff | undefined>;
}

const isRole = (name: string): name is Role => (ROLES as readonly string[]).includes(name);

/** The directory of a Cognito user pool: AdminGetUser, then AdminListGroupsForUser for the roles. */
export function cognitoDirectory(userPoolId: string, client: Pick<CognitoIdentityProviderClient, 'send'>): StaffDirectory {
  return {
    async find(username) {
      let user;
      try {
        user = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
      } catch (error) {
        if (error instanceof UserNotFoundException || (error as { name?: string }).name === 'UserNotFoundException') return undefined;
        throw error;
      }
      if (user.Enabled === false) return undefined;
      const roles: Role[] = [];
      let nextToken: string | undefined;
      do {
        const page = await client.send(new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: username, NextToken: nextToken }));
        roles.push(...(page.Groups ?? []).map((g) => g.GroupName ?? '').filter(isRole));
        nextToken = page.NextToken;
      } while (nextToken);
      const department = user.UserAttributes?.find((a) => a.Name === 'custom:department')?.Value ?? '';
      return { username: user.Username ?? username, roles, department };
    },
  };
}

/** The directory of a fixed list of users: the local runtime's seeded ones. */
export function listedDirectory(users: readonly Staff[]): StaffDirectory {
  const byName = new Map(users.map((user) => [user.username, user]));
  return { find: async (username) => byName.get(username) };
}

function localUsers(json: string): Staff[] {
  let users: unknown;
  try {
    users = JSON.parse(json);
  } catch (cause) {
    throw new ConfigurationError(`${LOCAL_STAFF_VARIABLE} is not JSON`, { cause });
  }
  const valid = Array.isArray(users) && users.every((u: Partial<Staff>) => typeof u?.username === 'string' && Array.isArray(u.roles) && typeof u.department === 'string');
  if (!valid) throw new ConfigurationError(`${LOCAL_STAFF_VARIABLE} is not a list of {username, roles, department}`);
  return users as Staff[];
}

let directory: StaffDirectory | undefined;

/** The directory of this stack, created once per execution environment. */
export function staffDirectory(): StaffDirectory {
  if (directory) return directory;
  const local = process.env[LOCAL_STAFF_VARIABLE];
  directory = local ? listedDirectory(localUsers(local)) : cognitoDirectory(requireEnv('USER_POOL_ID'), new CognitoIdentityProviderClient({}));
  return directory;
}
