/**
 * The one place an error's kind becomes an HTTP status (functions/lambda/http.ts): every
 * kind of the one error tree maps to its status with the API's error shape, and a
 * misconfiguration is answered as an internal error without its details. The caller here
 * asks for English, the language errors are raised in (test/unit/messages.test.ts covers
 * Chinese, the default).
 */
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, ConflictError, ForbiddenError, NotFoundError, OneTripError, UnauthorizedError, UnprocessableError, ValidationError } from '../../functions/domain/errors.js';
import { FeeInputError } from '../../functions/domain/fees.js';
import { httpHandler, jsonBody, STATUS_OF, type HttpEvent } from '../../functions/lambda/http.js';
import { ProviderError } from '../../functions/lambda/provider-http.js';

const context = { awsRequestId: 'req-1' } as Context;
const event = { routeKey: 'GET /x', headers: { 'accept-language': 'en' } } as unknown as HttpEvent;
const answer = (error: unknown) => httpHandler({ 'GET /x': async () => { throw error; } })(event, context);

describe('error kinds as HTTP statuses', () => {
  it.each([
    [new ValidationError('bad', [{ path: '/a', message: 'is required' }]), 400, 'VALIDATION_FAILED'],
    [new UnauthorizedError('who'), 401, 'UNAUTHORIZED'],
    [new ForbiddenError('no', 'ROLE_REQUIRED'), 403, 'ROLE_REQUIRED'],
    [new NotFoundError('none', 'CASE_NOT_FOUND'), 404, 'CASE_NOT_FOUND'],
    [new ConflictError('CONCURRENT_UPDATE', 'again'), 409, 'CONCURRENT_UPDATE'],
    [new OneTripError('UNSUPPORTED_MEDIA_TYPE', 'json', 'unsupported_media_type'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [new UnprocessableError('AMOUNT_MISMATCH', 'fen'), 422, 'AMOUNT_MISMATCH'],
    [new ProviderError('down'), 502, 'PROVIDER_UNAVAILABLE'],
    [new FeeInputError('F001', '/floorArea', 'missing'), 400, 'FEE_INPUT_UNUSABLE'],
  ])('answers %o with %i and its code', async (error, status, code) => {
    // Act
    const result = await answer(error);

    // Assess
    expect(result.statusCode).toBe(status);
    const body = JSON.parse(String(result.body));
    expect(body.error.code).toBe(code);
    expect(body.error.message).toBe((error as Error).message);
  });

  it('gives field errors with the error, each with its rule and what it names', async () => {
    const body = JSON.parse(String((await answer(new FeeInputError('F001', '/floorArea', 'missing'))).body));
    expect(body.error.fields).toEqual([{ path: '/form/floorArea', message: 'missing', rule: 'fee_input_missing', params: { feeCode: 'F001', field: '/floorArea' } }]);
  });

  it('answers a misconfiguration and an unexpected error as 500 with only the request id', async () => {
    for (const error of [new ConfigurationError('Environment variable DATA_TABLE is not set'), new TypeError('boom')]) {
      const result = await answer(error);
      expect(result.statusCode).toBe(500);
      expect(JSON.parse(String(result.body))).toEqual({ error: { code: 'INTERNAL', message: 'Internal error; quote request id req-1' } });
    }
  });

  it('has a status for every kind, each a 4xx or 5xx', () => {
    expect(Object.values(STATUS_OF).every((status) => status >= 400 && status < 600)).toBe(true);
    expect(new Set(Object.values(STATUS_OF)).size).toBe(Object.keys(STATUS_OF).length);
  });
});

describe('a JSON body', () => {
  const echo = httpHandler({ 'POST /x': async (e) => ({ statusCode: 200, body: JSON.stringify({ read: jsonBody(e) !== undefined }) }) });
  const post = (body: string) =>
    echo({ routeKey: 'POST /x', headers: { 'accept-language': 'en', 'content-type': 'application/json' }, body } as unknown as HttpEvent, context);
  const nested = (depth: number) => `${'['.repeat(depth - 1)}{}${']'.repeat(depth - 1)}`;

  it('is read up to 32 levels deep', async () => {
    expect((await post(nested(32))).statusCode).toBe(200);
  });

  it('is refused with a 400 naming the limit when it nests deeper, however deep (no stack overflow, no 500)', async () => {
    for (const depth of [33, 20_000]) {
      const result = await post(nested(depth));
      expect(result.statusCode, String(depth)).toBe(400);
      expect(JSON.parse(String(result.body)).error.fields).toEqual([{ path: '/', message: 'nests deeper than 32 levels', rule: 'too_deep', params: { limit: 32 } }]);
    }
  });
});
