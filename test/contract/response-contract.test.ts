/**
 * The response check the integration suite relies on (response-contract.ts) can fail:
 * responses that break the document are caught, through the test client too, and the
 * document's schemas all compile under strict ajv, so none passes by being ignored.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_METHODS, openApiDocument } from '../../contracts/openapi.js';
import { Api } from '../support/api.js';
import { ResponseContract, type Exchange } from './response-contract.js';

const contract = new ResponseContract();
const health = { status: 'ok', county: '430600', catalogVersion: '2026.11.3' };
const json = 'application/json; charset=utf-8';
const exchange = (overrides: Partial<Exchange>): Exchange => ({ method: 'GET', path: '/health', status: 200, contentType: json, body: health, ...overrides });

describe('the response contract', () => {
  it('accepts a response as the document describes it', () => {
    // Assess
    expect(contract.problems(exchange({}))).toEqual([]);
    expect(contract.problems(exchange({ path: '/v1/tickets/T430600-20261128-000001', status: 404, body: { error: { code: 'TICKET_NOT_FOUND', message: 'No fee ticket' } } }))).toEqual([]);
  });

  it('refuses a body without a required member, naming it', () => {
    // Act
    const problems = contract.problems(exchange({ body: { status: 'ok', catalogVersion: '2026.11.3' } }));

    // Assess
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("must have required property 'county'");
  });

  it('refuses a member the document does not describe', () => {
    // Act
    const problems = contract.problems(exchange({ body: { ...health, uptime: 3 } }));

    // Assess
    expect(problems.join()).toContain('"additionalProperty":"uptime"');
  });

  it('refuses a value of the wrong type or outside its enum, deep in a body', () => {
    // Prepare: a ticket whose one line has a negative amount and an unknown status.
    const line = { feeCode: 'F001', department: 'amr', name: { zh: '费', en: 'Fee' }, basis: { zh: '依据', en: 'Basis' }, rule: 'fixed', inputs: {}, amountFen: -1, status: 'lost', departmentName: { zh: '市场监管局', en: 'AMR' } };
    const ticket = {
      ticketNumber: 'T430600-20261128-000001', receiptNumber: '430600-20261128-000001', itemName: { zh: '事项', en: 'Item' }, status: 'issued', feePoint: 'acceptance',
      issuedOn: '2026-11-28', dueDate: '2026-12-05', totalFen: 0, lines: [line], departments: [], payments: [], refunds: [],
    };

    // Act
    const problems = contract.problems(exchange({ path: '/v1/tickets/T430600-20261128-000001', body: ticket }));

    // Assess
    expect(problems.join()).toContain('/lines/0/amountFen must be >= 0');
    expect(problems.join()).toContain('/lines/0/status must be equal to one of the allowed values');
  });

  it('refuses an error that is not in the one error shape', () => {
    // Assess
    expect(contract.problems(exchange({ path: '/v1/catalog/items/999', status: 404, body: { error: 'ITEM_NOT_FOUND' } }))).toHaveLength(1);
    expect(contract.problems(exchange({ path: '/v1/catalog/items/999', status: 404, body: { error: { code: 'ITEM_NOT_FOUND' } } }))).toHaveLength(1);
  });

  it('refuses a status the operation does not document', () => {
    // Act
    const problems = contract.problems(exchange({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'gone' } } }));

    // Assess
    expect(problems[0]).toContain('GET /health documents no 404 response');
  });

  it('refuses a media type the response does not offer, and allows the ones it does', () => {
    // Assess
    expect(contract.problems(exchange({ contentType: 'text/html', body: '<p>ok</p>' }))[0]).toContain('answered text/html');
    expect(contract.problems(exchange({ path: '/v1/staff/settlement/2026-11-28', contentType: 'text/csv; charset=utf-8', body: '\uFEFFdepartment,account\r\n' }))).toEqual([]);
  });

  it('refuses a route the document does not have, but lets the gateway say Not Found', () => {
    // Assess
    expect(contract.problems(exchange({ path: '/v1/unlisted' }))[0]).toContain('no operation of the OpenAPI document serves GET /v1/unlisted');
    expect(contract.problems(exchange({ method: 'DELETE', path: '/v1/catalog' }))).toHaveLength(1);
    expect(contract.problems(exchange({ path: '/v1/unlisted', status: 404, body: { message: 'Not Found' } }))).toEqual([]);
  });

  it('leaves the local runtime’s own routes alone', () => {
    // Assess
    expect(contract.problems(exchange({ method: 'POST', path: '/local/token', body: { token: 'x' } }))).toEqual([]);
    expect(contract.problems(exchange({ path: '/sandbox/payments/P1', contentType: 'text/html', body: '<html>' }))).toEqual([]);
  });

  it('compiles the schema of every response of every operation', () => {
    // Prepare: one exchange per documented response.
    const exchanges = Object.entries(openApiDocument.paths).flatMap(([path, item]) =>
      HTTP_METHODS.flatMap((method) =>
        Object.keys(item[method]?.responses ?? {}).map((status) => exchange({ method, path: path.replace(/\{[^}]+\}/g, 'x'), status: Number(status), body: {} })),
      ),
    );

    // Act and assess: a keyword or format strict ajv does not know would throw.
    expect(exchanges.length).toBeGreaterThan(100);
    for (const e of exchanges) expect(() => contract.problems(e), `${e.method} ${e.path} ${e.status}`).not.toThrow();
  });
});

describe('the test client', () => {
  let server: Server;
  let api: Api;

  beforeAll(async () => {
    // Prepare: a stand-in for the API that answers /health without its county.
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': json }).end(JSON.stringify({ status: 'ok', catalogVersion: '2026.11.3' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = new Api(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fails the request whose response breaks the document', async () => {
    // Act and assess
    await expect(api.get('/health')).rejects.toThrow(/GET \/health → 200: the body breaks the schema[\s\S]*required property 'county'/);
  });
});
