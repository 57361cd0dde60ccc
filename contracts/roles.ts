/**
 * Staff roles: Cognito groups in the deployed stack, the `cognito:groups` claim of a staff
 * token. A staff member is bound to a department or to the center.
 */

export const ROLES = ['clerk', 'reviewer', 'chief', 'supervisor', 'admin', 'agent'] as const;

export type Role = (typeof ROLES)[number];

/** The comprehensive window and supervision sit at the center, not in a department. */
export const CENTER = 'center';
