/**
 * Departments by name, never by code: the served catalog's departments (`GET /v1/catalog`,
 * public), read once when the workbench starts. Until then, or if that read fails, a code
 * stands for its department.
 */
import { msg } from '@lit/localize';
import { CENTER } from '../../contracts/roles.js';
import type { LocalizedText } from '../../contracts/catalog.js';
import type { StaffApi } from './api.js';
import { text } from './localize.js';

let names = new Map<string, LocalizedText>();

export async function loadDepartmentNames(api: StaffApi): Promise<void> {
  try {
    names = new Map((await api.catalog()).departments.map((d) => [d.code, d.name]));
  } catch {
    // The codes then: a view still works.
  }
}

/** The department's name in the workbench's language (the center, the service hall itself, included). */
export function departmentName(code: string): string {
  if (code === CENTER) return msg('政务服务中心', { id: 'department.center' });
  const name = names.get(code);
  return name ? text(name) : code;
}
