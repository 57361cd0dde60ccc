/**
 * The API answers in the caller's language (functions/lambda/language.ts, messages.ts):
 * the negotiation of `Accept-Language`, a Chinese wording for every error code and every
 * field rule functions/ raises (read from the source, so a new code without one fails
 * here), no English left in a Chinese message, and the answer of the HTTP glue itself in
 * both languages with `Content-Language` and `Vary`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ConflictError, OneTripError, ValidationError } from '../../functions/domain/errors.js';
import { FeeInputError } from '../../functions/domain/fees.js';
import { httpHandler, type HttpEvent } from '../../functions/lambda/http.js';
import { negotiateLanguage } from '../../functions/lambda/language.js';
import { ERROR_MESSAGES_ZH, FIELD_MESSAGES_ZH, localizedError } from '../../functions/lambda/messages.js';
import { RULE_OF_KEYWORD, validator } from '../../functions/lambda/validate.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [readFileSync(join(dir, e.name), 'utf8')] : []);
}
const functionsText = sources('functions').join('\n');

/** Upper-case strings in functions/ that are not error codes: settlement row names, DynamoDB options, secrets. */
const NOT_CODES = new Set([
  'NET_SETTLED', 'NET_RECEIVED', 'UPDATED_NEW', 'ALL_OLD', 'ALL_NEW', 'ONETRIP_LOCAL_SECRETS',
  // Alipay's protocol words (functions/payments/alipay.ts)
  'FAST_INSTANT_TRADE_PAY', 'QUICK_WAP_WAY', 'REFUND_SUCCESS',
]);

/**
 * Every error code functions/ raises: each `'UPPER_CASE'` string (less environment
 * variables), and the one-word codes given as a code (`code = 'FORBIDDEN'`, `code: 'X'`,
 * `super('X'`).
 */
function raisedCodes(): Set<string> {
  const env = new Set([...functionsText.matchAll(/(?:Env|env)\(\s*'([A-Z0-9_]+)'/g)].map((m) => m[1]!));
  const compound = [...functionsText.matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g)].map((m) => m[1]!);
  const single = [...functionsText.matchAll(/(?:code\s*=\s*|code:\s*|super\(\s*|OneTripError\(\s*)'([A-Z][A-Z0-9_]+)'/g)].map((m) => m[1]!);
  return new Set([...compound, ...single].filter((c) =>
    !env.has(c) && !NOT_CODES.has(c) && !c.endsWith('_ARN') && !c.endsWith('_URL') && !c.endsWith('_MS')));
}

/** Every field rule functions/ names: the quoted strings of each `rule:` expression. */
function raisedRules(): Set<string> {
  const expressions = [...functionsText.matchAll(/\brule:\s*([^,}\n]+)/g)].map((m) => m[1]!);
  return new Set(expressions.flatMap((e) => [...e.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!)));
}

/** Latin text a Chinese message may carry: header names, media types, formats and API paths, not words. */
const ALLOWED_LATIN = [/Idempotency-Key/g, /application\/json/g, /\bJSON\b/g, /YYYY-MM-DD/g, /RFC 3339/g, /\bUUID\b/g, /http\(s\)/g, /POST \/v1\/uploads/g, /\bPDF\b/g, /:yes\b|:no\b/g,
  // the report periods' forms (docs/reports.md): a week 2026-W49, a ten-day period 2026-12-D1
  /YYYY-Www/g, /YYYY-MM-D1/g, /YYYY-MM\b/g, /\d{4}-W\d{2}/g, /\d{4}-\d{2}-D[123]/g, /\bD[123]\b/g];

/** A wording with every param given as a digit, so that only the wording's own text is left. */
function render(wording: string | ((p: Record<string, string>) => string)): string {
  const params = new Proxy({}, { get: () => '1' }) as Record<string, string>;
  return typeof wording === 'function' ? wording(params) : wording;
}

const latinLeft = (text: string) => ALLOWED_LATIN.reduce((t, allowed) => t.replace(allowed, ''), text).match(/[A-Za-z]+/g) ?? [];

describe('negotiating the language', () => {
  it.each([
    [undefined, 'zh'],
    ['', 'zh'],
    ['zh-CN', 'zh'],
    ['zh-Hans-CN,zh;q=0.9', 'zh'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['en-GB', 'en'],
    ['fr-FR', 'zh'],
    ['fr-FR,en;q=0.5', 'en'],
    ['zh;q=0.4,en;q=0.8', 'en'],
    ['en;q=0.8,zh-TW', 'zh'],
    ['*', 'zh'],
    ['zh;q=0', 'en'],
    ['en;q=0', 'zh'],
    ['en;q=abc', 'zh'],
  ])('answers %o in %s', (header, language) => {
    expect(negotiateLanguage(header)).toBe(language);
  });
});

describe('the Chinese messages', () => {
  it('word every error code functions/ raises', () => {
    // Prepare
    const raised = raisedCodes();
    expect(raised.has('APPLICATION_NOT_FOUND')).toBe(true); // the scan finds codes at all
    expect(raised.has('FORBIDDEN')).toBe(true); // and the one-word defaults

    // Assess
    expect([...raised].filter((code) => !(code in ERROR_MESSAGES_ZH))).toEqual([]);
  });

  it('word every field rule functions/ names, every problem of a fee input and the schema keywords ajv-i18n would word in schema words', () => {
    // Prepare
    const rules = raisedRules();
    expect(rules.has('not_working_day')).toBe(true);
    const feeRules = (['missing', 'not_number', 'not_flag', 'too_large'] as const).map((p) => new FeeInputError('F001', '/area', 'x', p).fields![0]!.rule!);

    // Assess
    expect([...rules, ...feeRules, ...Object.values(RULE_OF_KEYWORD)].filter((rule) => !(rule in FIELD_MESSAGES_ZH))).toEqual([]);
  });

  it('contain no Latin words besides header names, media types and formats', () => {
    const english = [...Object.entries(ERROR_MESSAGES_ZH), ...Object.entries(FIELD_MESSAGES_ZH)]
      .map(([key, wording]) => [key, latinLeft(render(wording))] as const)
      .filter(([, words]) => words.length > 0);
    expect(english).toEqual([]);
  });

  it('name what the error names, statuses in words', () => {
    // Prepare
    const error = new ConflictError('CASE_NOT_IN_REVIEW', 'Case 4306002026120700001 is awaiting_payment', {
      params: { receiptNumber: '4306002026120700001', status: 'awaiting_payment' },
    });

    // Act
    const zh = localizedError(error, 'zh');
    const en = localizedError(error, 'en');

    // Assess
    expect(zh).toEqual({ code: 'CASE_NOT_IN_REVIEW', message: '办件 4306002026120700001 当前为“待缴费”，不在审查中' });
    expect(en).toEqual({ code: 'CASE_NOT_IN_REVIEW', message: 'Case 4306002026120700001 is awaiting_payment' });
  });

  it('word schema errors through ajv-i18n and the rules, and name the same rule in both languages', () => {
    // Prepare
    const check = validator<unknown>({
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: { name: { type: 'string', minLength: 2 }, phone: { type: 'string', format: 'cn-mobile' }, floors: { type: 'integer' } },
    }, 'test body');
    let error: OneTripError | undefined;
    try {
      check({ name: 'x', phone: '123', floors: 'two', extra: 1 });
    } catch (e) {
      error = e as OneTripError;
    }

    // Act
    const zh = localizedError(error!, 'zh');
    const en = localizedError(error!, 'en');

    // Assess
    const rules = [
      { path: '/extra', rule: 'unknown_member' },
      { path: '/name', rule: 'min_length', params: { limit: 2 } },
      { path: '/phone', rule: 'format', params: { format: 'cn-mobile' } },
      { path: '/floors', rule: 'type', params: { type: 'integer' } },
    ];
    expect(zh.fields).toEqual(
      ['不是可识别的字段', '不应少于 2 个字符', '不是有效的手机号码（11 位）', '应当是整数'].map((message, i) => ({ ...rules[i], message })),
    );
    expect(en.fields).toEqual(
      ['is not a known member', 'must NOT have fewer than 2 characters', 'must match format "cn-mobile"', 'must be integer'].map((message, i) => ({ ...rules[i], message })),
    );
  });

  it('fall back to the message as raised for a code or rule they do not know', () => {
    const error = new ValidationError('Something new', [{ path: '/a', message: 'is odd', rule: 'brand_new' }], 'BRAND_NEW');
    expect(localizedError(error, 'zh')).toEqual({ code: 'BRAND_NEW', message: 'Something new', fields: [{ path: '/a', message: 'is odd', rule: 'brand_new' }] });
  });
});

describe('the HTTP glue answering in the caller\'s language', () => {
  const context = { awsRequestId: 'req-1' } as Context;
  const handler = httpHandler({
    'POST /x': async () => {
      throw new ValidationError('The correction is invalid', [
        { path: '/deferred/0/dueDate', message: '2026-12-12 is not a working day (a weekend or public holiday): choose a working day', rule: 'not_working_day', params: { date: '2026-12-12' } },
      ]);
    },
    'GET /boom': async () => {
      throw new TypeError('boom');
    },
  });
  const call = (routeKey: string, headers: Record<string, string>) =>
    handler({ routeKey, headers } as unknown as HttpEvent, context);

  it.each([
    [{}, 'zh-CN', '请求未通过校验，请按各项说明修改', '2026-12-12 不是工作日（周末或法定节假日），请选择工作日'],
    [{ 'accept-language': 'zh-CN' }, 'zh-CN', '请求未通过校验，请按各项说明修改', '2026-12-12 不是工作日（周末或法定节假日），请选择工作日'],
    [{ 'accept-language': 'en-US,en;q=0.9' }, 'en', 'The correction is invalid', '2026-12-12 is not a working day (a weekend or public holiday): choose a working day'],
  ])('answers %o in %s', async (headers, contentLanguage, message, fieldMessage) => {
    // Act
    const result = await call('POST /x', headers);

    // Assess
    expect(result.statusCode).toBe(400);
    expect(result.headers).toMatchObject({ 'content-language': contentLanguage, vary: 'Accept-Language' });
    expect(JSON.parse(String(result.body))).toEqual({
      error: { code: 'VALIDATION_FAILED', message, fields: [{ path: '/deferred/0/dueDate', message: fieldMessage, rule: 'not_working_day', params: { date: '2026-12-12' } }] },
    });
  });

  it('words an internal error too, with the request id', async () => {
    const result = await call('GET /boom', {});
    expect(result.headers).toMatchObject({ 'content-language': 'zh-CN' });
    expect(JSON.parse(String(result.body)).error).toEqual({ code: 'INTERNAL', message: '服务内部出错，请稍后再试；咨询时请提供请求编号 req-1' });
  });
});
