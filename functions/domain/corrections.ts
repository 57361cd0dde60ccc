/**
 * The one correction of a form (issue 11, defect 5): the applicant sends only the fields
 * the deficiency notice flagged, and the case's form takes them at exactly those places.
 * A field the notice did not name is not the applicant's to change in a correction: the
 * window pre-reviewed it already, and it promised not to ask again.
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
    else errors.push({ path: pointer, message: 'was not flagged in the deficiency notice: only flagged fields may be corrected' });
  };
  for (const [key, value] of Object.entries(sent)) visit(value, [key]);
  return { form, errors };
}
