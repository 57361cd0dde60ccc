/**
 * The widgets tell every API error by its stable code, in their own language
 * (widgets/src/shared/problem.ts), never by the API's English `message`. This test reads
 * every error code functions/ can raise and fails when a new one is neither worded for
 * applicants nor declared staff-only here, so a new refusal cannot reach a citizen as
 * "出错了（错误代码 X）" by accident. It also pins the fallback: an unknown code still
 * reads as a sentence in the widget's language, with the code to quote.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../widgets/src/shared/api.js';
import { errorText, KNOWN_ERROR_CODES, problemText } from '../../widgets/src/shared/problem.js';

/** Codes only staff consoles, providers' callbacks or workers meet: no citizen widget calls these routes. */
const STAFF_ONLY = new Set([
  'CASE_NOT_FOUND', 'TASK_NOT_FOUND', 'CASE_NOT_AWAITING_PRE_REVIEW', 'CASE_NOT_IN_REVIEW', 'DEFICIENCY_ALREADY_NOTIFIED',
  'TASK_ALREADY_DECIDED', 'TASK_NOT_AWAITING_SIGNATURE', 'TASK_NOT_PENDING', 'TASK_NOT_SUSPENDED', 'NOT_GREEN_CHANNEL',
  'NOT_ASSIGNED_AGENT', 'NO_STAFF_ROLE', 'ROLE_REQUIRED', 'OTHER_DEPARTMENT', 'CERTIFICATE_ALREADY_REVOKED', 'CERTIFICATE_NOT_ISSUED',
  'BAD_SIGNATURE', 'STALE_SIGNATURE', 'EVENT_ALREADY_SEEN', 'NOT_APPLICABLE_YET', 'UNKNOWN_PAYMENT', 'AMOUNT_MISMATCH',
  'TICKET_MISMATCH', 'MALFORMED_EVENT', 'LEDGER_CONFLICT', 'CERTIFICATE_GLYPH_MISSING', 'ASSIGNED_FIELDS_INVALID',
  'FOUR_EYES_REQUIRED', 'UNKNOWN_STAFF_USER', 'NOT_AN_AGENT',
  'RECTIFICATION_NOT_FOUND', 'RECTIFICATION_NOT_OPEN', 'RECTIFICATION_NOT_RESPONDED', 'RECTIFICATION_STILL_OPEN',
  'TASK_ALREADY_TRANSFERRED', 'ORDER_REFUSED', 'ORDER_NOT_FOUND', 'ORDER_ALREADY_REPLIED', 'NOT_AWAITING_PICKUP',
  'PERIOD_MALFORMED', 'PERIOD_IN_FUTURE', 'INVALID_CURSOR', 'MATERIAL_NOT_FOUND',
  'RECEIPT_PROVIDER_UNKNOWN', 'MESSAGE_REFUSED', 'COURIER_PROVIDER_UNKNOWN',
  'UNKNOWN_PAYMENT_PROVIDER', 'MALFORMED_NOTIFICATION', 'CALLBACK_REFUSED',
]);
/** Upper-case strings in functions/ that are not error codes: settlement row names, DynamoDB options, secrets. */
const NOT_CODES = new Set([
  'NET_SETTLED', 'NET_RECEIVED', 'UPDATED_NEW', 'ALL_OLD', 'ALL_NEW', 'ONETRIP_LOCAL_SECRETS',
  // Alipay's protocol words (functions/payments/alipay.ts)
  'FAST_INSTANT_TRADE_PAY', 'QUICK_WAP_WAY', 'REFUND_SUCCESS',
]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [readFileSync(join(dir, e.name), 'utf8')] : []);
}

/** Every `'UPPER_CASE'` string of functions/, less the environment variables read by name. */
function raisedCodes(): Set<string> {
  const text = sources('functions').join('\n');
  const env = new Set([...text.matchAll(/(?:Env|env)\(\s*'([A-Z0-9_]+)'/g)].map((m) => m[1]!));
  const all = [...text.matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g)].map((m) => m[1]!);
  return new Set(all.filter((c) => !env.has(c) && !NOT_CODES.has(c) && !c.endsWith('_ARN') && !c.endsWith('_URL') && !c.endsWith('_MS')));
}

describe('API error codes in the widgets', () => {
  it('words every code a citizen can meet, or declares it staff-only', () => {
    const raised = raisedCodes();
    expect(raised.has('APPLICATION_NOT_FOUND')).toBe(true); // the scan finds codes at all
    const unworded = [...raised].filter((c) => !KNOWN_ERROR_CODES.includes(c) && !STAFF_ONLY.has(c));
    expect(unworded).toEqual([]);
  });

  it('never shows the API message; an unknown code and a bare 500 still read as Chinese sentences', () => {
    const english = 'No application matches this receipt number and query code';
    const notFound = problemText(new ApiError('APPLICATION_NOT_FOUND', english, 404));
    expect(notFound).not.toContain(english);
    expect(notFound).not.toMatch(/[A-Za-z]/);
    expect(problemText(new ApiError('HTTP_500', 'Internal Server Error', 500))).toBe('服务暂时出错，请稍后再试。');
    expect(errorText('SOMETHING_NEW', 409)).toBe('出错了，请稍后再试（错误代码 SOMETHING_NEW）');
    expect(problemText(new ApiError('NETWORK', 'No answer from the server', 0))).not.toMatch(/[A-Za-z]/);
  });
});
