/**
 * The query of the staff lists (`GET /v1/staff/cases`, `GET /v1/staff/tasks`), read once for
 * both: each parameter checked, a bad one a 400 naming it (`query:<name>`).
 */
import { LEVELS, type Level } from '../../contracts/levels.js';
import { LIST_SORTS, type ListParameters, type ListSortOrder } from '../../contracts/staff.js';
import { isLocalDate } from '../domain/calendar.js';
import { ValidationError, type FieldError } from '../domain/errors.js';
import { queryParameter, type HttpEvent } from './http.js';

/** Longer than any code OneTrip issues (an item's implementation code is 18 characters). */
const MAX_CODE = 64;

function oneOf<T extends string>(raw: string | undefined, name: string, values: readonly T[], errors: FieldError[]): T | undefined {
  if (raw === undefined || (values as readonly string[]).includes(raw)) return raw as T | undefined;
  errors.push({ path: `query:${name}`, message: `must be one of ${values.join(', ')}`, rule: 'one_of', params: { values: values.join(', ') } });
  return undefined;
}

function code(raw: string | undefined, name: string, errors: FieldError[]): string | undefined {
  if (raw !== undefined && (raw.length === 0 || raw.length > MAX_CODE)) {
    errors.push({ path: `query:${name}`, message: `must be 1–${MAX_CODE} characters`, rule: 'too_long', params: { limit: MAX_CODE } });
  }
  return raw;
}

/** Every list parameter but `status` (each list knows its own statuses); all problems at once. */
export function listParameters(event: HttpEvent): ListParameters {
  const errors: FieldError[] = [];
  const rawLimit = queryParameter(event, 'limit');
  const limit = rawLimit === undefined ? 50 : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    errors.push({ path: 'query:limit', message: 'must be a whole number from 1 to 200', rule: 'whole_number_range', params: { min: 1, max: 200 } });
  }
  const dueBefore = queryParameter(event, 'dueBefore');
  if (dueBefore !== undefined && !isLocalDate(dueBefore)) errors.push({ path: 'query:dueBefore', message: 'is not a date YYYY-MM-DD', rule: 'not_date' });
  const mine = queryParameter(event, 'mine');
  if (mine !== undefined && mine !== 'true') errors.push({ path: 'query:mine', message: 'must be true (or left out)', rule: 'must_be', params: { value: 'true' } });
  const sort = oneOf<ListSortOrder>(queryParameter(event, 'sort'), 'sort', LIST_SORTS, errors);
  const level = oneOf<Level>(queryParameter(event, 'level'), 'level', LEVELS, errors);
  const item = code(queryParameter(event, 'item'), 'item', errors);
  const bundle = code(queryParameter(event, 'bundle'), 'bundle', errors);
  const department = code(queryParameter(event, 'department'), 'department', errors);
  if (errors.length > 0) throw new ValidationError('The list query is invalid', errors);
  const cursor = queryParameter(event, 'cursor');
  return {
    limit,
    mine: mine === 'true',
    ...(cursor !== undefined ? { cursor } : {}),
    ...(sort ? { sort } : {}),
    ...(level ? { level } : {}),
    ...(item !== undefined ? { item } : {}),
    ...(bundle !== undefined ? { bundle } : {}),
    ...(dueBefore !== undefined ? { dueBefore } : {}),
    ...(department !== undefined ? { department } : {}),
  };
}
