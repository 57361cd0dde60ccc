/** The staff roles' names, in the workbench's language. */
import { msg } from '@lit/localize';
import type { Role } from '../../contracts/roles.js';

export function roleName(role: Role): string {
  switch (role) {
    case 'clerk':
      return msg('综合窗口受理员', { id: 'role.clerk' });
    case 'reviewer':
      return msg('部门审查员', { id: 'role.reviewer' });
    case 'chief':
      return msg('部门首席代表', { id: 'role.chief' });
    case 'leader':
      return msg('部门负责人', { id: 'role.leader' });
    case 'agent':
      return msg('代办员', { id: 'role.agent' });
    case 'supervisor':
      return msg('效能督查员', { id: 'role.supervisor' });
    case 'admin':
      return msg('系统管理员', { id: 'role.admin' });
  }
}
