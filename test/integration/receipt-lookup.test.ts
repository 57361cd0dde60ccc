/**
 * The receipt oracle (issue 12, hole 6): an unknown receipt number and a known one with a
 * wrong query code must do the same work, or the time of the answer tells them apart. Not
 * timed here (timing assertions flake): the use case runs in this process against the test
 * platform's DynamoDB Local and every store call it makes is recorded, so both paths must
 * make the same reads of the same kinds of item, and answer the same 404.
 * `npm run bench` measures the two paths' times.
 */
import type { ServiceInputTypes } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { shanghaiDate } from '../../contracts/dates.js';
import { applicantCase, ticketCase } from '../../functions/app/access.js';
import { defaultCalendar } from '../../functions/domain/calendar.js';
import { documentClient } from '../../functions/lambda/aws.js';
import { foodLicenceApplication } from '../support/fixtures.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { useStoreOf } from '../support/store.js';

let t: TestPlatform;
let receiptNumber: string;
let queryCode: string;
let send: MockInstance;

beforeAll(async () => {
  t = await startTestPlatform();
  useStoreOf(t);
  const dueDate = defaultCalendar.addWorkingDays(shanghaiDate(new Date()), 3);
  const submitted = await t.api.submit(await foodLicenceApplication((c, type) => t.api.upload(c, type), dueDate));
  expect(submitted.status).toBe(201);
  receiptNumber = submitted.body.receiptNumber;
  queryCode = submitted.body.queryCode;
});
afterAll(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await t?.stop();
});

/** The store calls `lookup` makes, each as its command and the kind of item it reads (the key's prefix), and how it failed. */
async function traced(lookup: () => Promise<unknown>) {
  send = vi.spyOn(documentClient(), 'send');
  try {
    const error = await lookup().then(() => undefined, (e: unknown) => e as { code?: string; message?: string });
    const calls = send.mock.calls.map(([command]) => {
      const { constructor, input } = command as { constructor: { name: string }; input: ServiceInputTypes & { Key?: { pk?: string } } };
      return `${constructor.name} ${String(input.Key?.pk ?? '').split('#')[0]}`;
    });
    return { calls, code: error?.code, message: error?.message };
  } finally {
    send.mockRestore();
  }
}

describe('looking up an application by receipt number and query code', () => {
  it('reads the same items for an unknown receipt as for a known one with a wrong code, and as for the right code', async () => {
    // Act
    const unknown = await traced(() => applicantCase('430600-20991231-999999', 'WRONG234'));
    const wrongCode = await traced(() => applicantCase(receiptNumber, 'WRONG234'));
    const right = await traced(() => applicantCase(receiptNumber, queryCode));

    // Assess
    expect(wrongCode.calls).toEqual(['GetCommand RECEIPT', 'GetCommand CASE']);
    expect(unknown.calls).toEqual(wrongCode.calls);
    expect(unknown.code).toBe('APPLICATION_NOT_FOUND');
    expect({ code: unknown.code, message: unknown.message }).toEqual({ code: wrongCode.code, message: wrongCode.message });
    expect(right).toEqual({ calls: unknown.calls, code: undefined, message: undefined });
  });

  it('reads a case for an unknown fee ticket too, as for a known one', async () => {
    const unknown = await traced(() => ticketCase('T430600-20991231-999999', 'WRONG234'));

    expect(unknown.calls).toEqual(['GetCommand TICKET', 'GetCommand CASE']);
    expect(unknown.code).toBe('TICKET_NOT_FOUND');
  });

  it('answers both over HTTP with the same 404', async () => {
    const unknown = await t.api.get('/v1/applications/430600-20991231-999999?queryCode=WRONG234');
    const wrongCode = await t.api.get(`/v1/applications/${receiptNumber}?queryCode=WRONG234`);

    expect(unknown.status).toBe(404);
    expect(wrongCode).toMatchObject({ status: unknown.status, body: unknown.body });
  });
});
