/**
 * Who a staff member is, as the JWT says, and what their role lets them do.
 * Roles are Cognito groups; the department is the `custom:department` attribute.
 */
import { ROLES, type Role } from '../../contracts/roles.js';
import { ForbiddenError, UnauthorizedError } from './errors.js';

export interface Staff {
  username: string;
  roles: Role[];
  department: string;
}

/** API Gateway renders array claims as `[a b c]`; the local issuer's tokens arrive the same way. */
function listClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string' || value === '') return [];
  const trimmed = value.replace(/^\[|\]$/g, '').trim();
  return trimmed ? trimmed.split(/[\s,]+/) : [];
}

export function staffFromClaims(claims: Record<string, unknown> | undefined): Staff {
  if (!claims) throw new UnauthorizedError('A staff token is required');
  const username = String(claims['cognito:username'] ?? claims.username ?? claims.sub ?? '');
  const roles = listClaim(claims['cognito:groups']).filter((r): r is Role =>
    (ROLES as readonly string[]).includes(r),
  );
  const department = String(claims['custom:department'] ?? '');
  if (!username || roles.length === 0 || !department) {
    throw new ForbiddenError('The token names no staff role or department', 'NO_STAFF_ROLE');
  }
  return { username, roles, department };
}

export function requireRole(staff: Staff, ...allowed: Role[]): void {
  if (!staff.roles.some((r) => allowed.includes(r))) {
    throw new ForbiddenError(`This needs one of the roles: ${allowed.join(', ')}`, 'ROLE_REQUIRED', { params: { roles: allowed.join(', ') } });
  }
}

/** A reviewer or chief acts only on their own department's tasks. */
export function requireDepartment(staff: Staff, department: string): void {
  if (staff.department !== department) {
    throw new ForbiddenError(
      `This belongs to department ${department}; you act for ${staff.department}`,
      'OTHER_DEPARTMENT',
      { params: { department, own: staff.department } },
    );
  }
}

/**
 * The department whose records `staff` asks for: a supervisor or admin any (`requested`, maybe
 * none), everyone else their own, refused with `OTHER_DEPARTMENT` when they ask for another.
 */
export function departmentScope(staff: Staff, requested: string | undefined): string | undefined {
  if (staff.roles.includes('supervisor') || staff.roles.includes('admin')) return requested;
  if (requested !== undefined) requireDepartment(staff, requested);
  return staff.department;
}
