/**
 * The one correction of a form (issue 11, defect 5): the applicant sends only the fields
 * the deficiency notice flagged, and the case's form takes them at exactly those places.
 * A field the notice did not name is not the applicant's to change in a correction: the
 * window pre-reviewed it already, and it promised not to ask again. And since it will not
 * ask again, the one correction answers every deficiency: each flagged material gets a new
 * file and each flagged field a value (unansweredDeficiencies).
 */
import type { CaseRecord } from './records.js';
import type { FieldError } from './errors.js';

type Json = Record<string, unknown> | unknown[];

const isContainer = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const escape = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** The form fields (JSON pointers into the application, `/form/…`) the case's deficiency notice flagged. */
export function flaggedFormPaths(c: Pick<CaseRecord, 'notices'>): string[] {
  const notice = c.notices.findLast((n) => n.kind === 'deficiency');
  return (notice?.deficiencies ?? []).flatMap((d) => (d.path === '/form' || d.path?.startsWith('/form/') ? [d.path] : []));
}

const unescape = (key: string): string => key.replace(/~1/g, '/').replace(/~0/g, '~');

/**
 * While the one correction is open, each flagged form field with its current value, so the
 * correction form shows what is to be corrected; nothing once it is closed.
 */
export function flaggedFields(c: Pick<CaseRecord, 'notices' | 'form' | 'status' | 'correctionsUsed'>): { path: string; value?: unknown }[] {
  if (c.status !== 'deficient' || c.correctionsUsed > 0) return [];
  return flaggedFormPaths(c).map((path) => {
    let value: unknown = c.form;
    for (const key of path.split('/').slice(2).map(unescape)) value = isContainer(value) ? (value as Record<string, unknown>)[key] : undefined;
    return value === undefined ? { path } : { path, value };
  });
}

function setAt(root: Json, keys: string[], value: unknown): void {
  let target = root as Record<string, unknown>;
  keys.slice(0, -1).forEach((key, i) => {
    if (!isContainer(target[key])) target[key] = /^\d+$/.test(keys[i + 1]!) ? [] : {};
    target = target[key] as Record<string, unknown>;
  });
  target[keys.at(-1)!] = value;
}

/**
 * The case's form with the sent fields laid over it, or the sent fields that are not
 * flagged (nor inside a flagged group), as errors naming each. A flagged group (an object
 * or a repeated group) is replaced whole; a container holding a flagged field is entered.
 */
export function correctedForm(
  current: Record<string, unknown>,
  sent: Record<string, unknown>,
  flagged: readonly string[],
): { form: Record<string, unknown>; errors: FieldError[] } {
  if (flagged.includes('/form')) return { form: sent, errors: [] };
  const form = structuredClone(current);
  const errors: FieldError[] = [];
  const visit = (value: unknown, keys: string[]) => {
    const pointer = `/form/${keys.map(escape).join('/')}`;
    if (flagged.includes(pointer)) setAt(form, keys, value);
    else if (isContainer(value) && flagged.some((f) => f.startsWith(`${pointer}/`)))
      for (const [key, child] of Object.entries(value)) visit(child, [...keys, key]);
    else errors.push({ path: pointer, message: 'was not flagged in the deficiency notice: only flagged fields may be corrected', rule: 'not_flagged', params: { field: pointer } });
  };
  for (const [key, value] of Object.entries(sent)) visit(value, [key]);
  return { form, errors };
}

/** The value at a pointer under the form (`/form/…`), if the sent form holds one there. */
function valueAt(form: Record<string, unknown> | undefined, path: string): unknown {
  if (path === '/form') return form;
  let value: unknown = form;
  for (const key of path.split('/').slice(2).map(unescape)) value = isContainer(value) ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/**
 * The deficiencies a correction leaves unanswered, as errors naming each: a flagged material
 * without a new file (under `/materials`), a flagged field without a value (at its path).
 * Keeping an old file or an old value is not a correction: the window asked for a new one.
 */
export function unansweredDeficiencies(
  c: Pick<CaseRecord, 'notices'>,
  sent: { form?: Record<string, unknown>; materials?: readonly { materialCode: string }[] },
  materialName: (code: string) => string = (code) => code,
): FieldError[] {
  const notice = c.notices.findLast((n) => n.kind === 'deficiency');
  const given = new Set((sent.materials ?? []).map((m) => m.materialCode));
  const materials = [...new Set((notice?.deficiencies ?? []).flatMap((d) => (d.materialCode && !given.has(d.materialCode) ? [d.materialCode] : [])))];
  return [
    ...materials.map((materialCode) => ({
      path: '/materials',
      message: `material ${materialCode} was flagged in the deficiency notice: upload a new file for it`,
      rule: 'flagged_material_missing',
      params: { materialCode, material: materialName(materialCode) },
    })),
    ...flaggedFormPaths(c).flatMap((path) => {
      const value = valueAt(sent.form, path);
      return value === undefined || value === null || value === ''
        ? [{ path, message: 'was flagged in the deficiency notice: send its corrected value', rule: 'flagged_field_missing', params: { field: path } }]
        : [];
    }),
  ];
}
