/** The applicant behind a request: the query code they were given at submission, as `?queryCode=`. */
import { ValidationError } from '../domain/errors.js';
import { queryParameter, type HttpEvent } from './http.js';

export function requireQueryCode(event: HttpEvent): string {
  const code = queryParameter(event, 'queryCode');
  if (!code) {
    throw new ValidationError('Give the query code you received at submission', [{ path: 'query:queryCode', message: 'is required', rule: 'required' }]);
  }
  return code;
}
