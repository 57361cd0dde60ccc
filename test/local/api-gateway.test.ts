// API Gateway's rules the local HTTP API follows: route selection, response mapping,
// claims rendering; and Lambda's event filtering and partial batch responses.
import { describe, expect, it } from 'vitest';
import { mapFunctionResponse } from '../../local/api-gateway.js';
import { matchRoute, type ApiRoute, type HttpApi } from '../../local/api-routes.js';
import { apiGatewayClaims } from '../../local/auth.js';
import { failedIdentifiers, firstFailedIndex } from '../../local/event-sources.js';
import { passesFilters } from '../../local/filters.js';

function api(...routeKeys: string[]): HttpApi {
  const routes = routeKeys.map((routeKey): ApiRoute => {
    const [method = 'ANY', path = ''] = routeKey === '$default' ? [] : routeKey.split(' ');
    const segments = path.split('/').filter(Boolean).map((segment) => {
      const greedy = /^\{(.+)\+\}$/.exec(segment);
      if (greedy) return { kind: 'greedy' as const, name: greedy[1]! };
      const variable = /^\{(.+)\}$/.exec(segment);
      return variable ? { kind: 'variable' as const, name: variable[1]! } : { kind: 'literal' as const, value: segment };
    });
    return { routeKey, method, segments, isDefault: routeKey === '$default', functionId: routeKey, authorization: { type: 'NONE' } };
  });
  return { logicalId: 'Api', apiId: 'api', routes };
}

describe('route selection', () => {
  const apis = [api('GET /v1/applications/{receiptNumber}', 'GET /v1/applications/search', 'ANY /v1/{proxy+}', 'POST /v1/applications/{receiptNumber}/corrections', '$default')];
  const select = (method: string, path: string) => matchRoute(apis, method, path);

  it('prefers literal segments, then variables, then greedy paths, then $default', () => {
    expect(select('GET', '/v1/applications/search')?.route.routeKey).toBe('GET /v1/applications/search');
    expect(select('GET', '/v1/applications/430600-1')).toMatchObject({ route: { routeKey: 'GET /v1/applications/{receiptNumber}' }, pathParameters: { receiptNumber: '430600-1' } });
    expect(select('POST', '/v1/applications/430600-1/corrections')?.route.routeKey).toBe('POST /v1/applications/{receiptNumber}/corrections');
    expect(select('DELETE', '/v1/applications/x')).toMatchObject({ route: { routeKey: 'ANY /v1/{proxy+}' }, pathParameters: { proxy: 'applications/x' } });
    expect(select('GET', '/health')?.route.routeKey).toBe('$default');
    expect(matchRoute([api('GET /a')], 'GET', '/b')).toBeUndefined();
  });
});

describe('payload 2.0 responses', () => {
  it('takes an object with statusCode as the response', () => {
    const response = mapFunctionResponse({ statusCode: 201, headers: { 'Content-Type': 'text/plain' }, cookies: ['a=1'], body: 'hi' });
    expect(response).toMatchObject({ statusCode: 201, headers: { 'content-type': 'text/plain' }, cookies: ['a=1'] });
    expect(response.body.toString()).toBe('hi');
    expect(mapFunctionResponse({ statusCode: 200, body: Buffer.from('bin').toString('base64'), isBase64Encoded: true }).body.toString()).toBe('bin');
  });

  it('makes anything else a 200 JSON response', () => {
    expect(mapFunctionResponse({ a: 1 })).toMatchObject({ statusCode: 200, headers: { 'content-type': 'application/json' } });
    expect(mapFunctionResponse({ a: 1 }).body.toString()).toBe('{"a":1}');
    expect(mapFunctionResponse('plain').body.toString()).toBe('plain');
    expect(mapFunctionResponse({ statusCode: 'nope' }).statusCode).toBe(500);
  });

  it('renders JWT claims as strings, arrays as [a b c]', () => {
    expect(apiGatewayClaims({ sub: 'x', exp: 1, 'cognito:groups': ['clerk', 'admin'], flag: true })).toEqual({
      sub: 'x',
      exp: '1',
      'cognito:groups': '[clerk admin]',
      flag: 'true',
    });
  });
});

describe('Lambda batch semantics', () => {
  it('reads partial batch responses; a bad identifier fails the whole batch', () => {
    expect(firstFailedIndex({ batchItemFailures: [] }, ['1', '2'])).toBe(-1);
    expect(firstFailedIndex(null, ['1', '2'])).toBe(-1);
    expect(firstFailedIndex({ batchItemFailures: [{ itemIdentifier: '2' }, { itemIdentifier: '3' }] }, ['1', '2', '3'])).toBe(1);
    expect(firstFailedIndex({ batchItemFailures: [{ itemIdentifier: '' }] }, ['1', '2'])).toBe(0);
    expect(failedIdentifiers({ batchItemFailures: [{ itemIdentifier: 'm2' }] }, ['m1', 'm2'])).toEqual(new Set(['m2']));
    expect(failedIdentifiers({ batchItemFailures: [{ itemIdentifier: 'zz' }] }, ['m1'])).toBe('all');
  });

  it('filters records with event patterns, SQS bodies as JSON', () => {
    const insert = { eventName: 'INSERT', dynamodb: { NewImage: { type: { S: 'case.accepted' } } } };
    expect(passesFilters([{ eventName: ['INSERT'] }], insert)).toBe(true);
    expect(passesFilters([{ eventName: ['REMOVE'] }], insert)).toBe(false);
    expect(passesFilters([{ dynamodb: { NewImage: { type: { S: [{ prefix: 'case.' }] } } } }], insert)).toBe(true);
    expect(passesFilters([{ body: { kind: ['a'] } }], { body: '{"kind":"a"}' })).toBe(true);
    expect(passesFilters([{ body: { missing: [{ exists: false }] } }], { body: '{"kind":"a"}' })).toBe(true);
    expect(passesFilters([], insert)).toBe(true);
  });
});
