/**
 * Staff roles: Cognito groups in the deployed stack, the `cognito:groups` claim of a staff
 * token. A staff member is bound to a department or to the center.
 */

export const ROLES = ['clerk', 'reviewer', 'chief', 'supervisor', 'admin', 'agent', 'leader'] as const;

export type Role = (typeof ROLES)[number];

/** The comprehensive window and supervision sit at the center, not in a department. */
export const CENTER = 'center';

/**
 * Set by the local runtime only: the seeded staff users as a JSON list of
 * `{username, roles, department}`, the staff directory functions read instead of the
 * county's Cognito user pool (functions/lambda/staff-directory.ts, local/auth.ts).
 */
export const LOCAL_STAFF_VARIABLE = 'ONETRIP_LOCAL_STAFF';
