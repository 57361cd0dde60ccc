/**
 * The certificate library is no ID-number oracle (issue 12, hole 1): an identity and a name
 * alone open nothing; a challenge answers the same whether or not the identity holds a
 * library; the code goes by SMS to the phone on file only, is kept as a digest, lives ten
 * minutes, takes five answers, and an identity gets five challenges a day.
 */
import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../contracts/dates.js';
import { holderKey } from '../../functions/domain/results.js';
import { holderPartition, libraryChallengeCountKey, libraryChallengeKey } from '../../functions/store/keys.js';
import { acceptedCase, decideStage, until } from '../support/cases.js';
import { applicantCompany } from '../support/fixtures.js';
import { challengeLibrary, textsTo } from '../support/library.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;

/** A company with a library: its construction project planning permit (proof P004), applied for from this phone. */
const holder = { ...applicantCompany, phone: '13807305678' };
/** An identity that holds nothing. */
const stranger = { idType: 'credit_code', idNumber: '91430600MA4X0000A1', name: '岳阳市无证照有限公司' };
let permit: string;

beforeAll(async () => {
  t = await startTestPlatform();
  const planning = await acceptedCase(t, { itemCode: '000108003000' }, { applicant: holder });
  await decideStage(t, planning.caseId, 1);
  const view = await until(async () => (await t.api.get(`/v1/applications/${planning.receiptNumber}?queryCode=${planning.queryCode}`)).body, (v) => v.results.length === 1 && v.handover !== null, 'the permit issued');
  permit = view.results[0].verificationCode;
});
afterAll(async () => {
  await t?.stop();
});

/** Each test starts with today's challenges uncounted, so none depends on how many another asked. */
beforeEach(async () => {
  for (const who of [holder, stranger]) {
    await t.dynamo.send(new DeleteCommand({ TableName: t.dataTable, Key: libraryChallengeCountKey(holderKey(who.idType, who.idNumber), shanghaiDate()) }));
  }
});

const identity = (who: { idType: string; idNumber: string; name: string }) => ({ idType: who.idType, idNumber: who.idNumber, name: who.name });
const answer = (challengeId: string, code: string) => t.api.post('/v1/certificates/library', { challengeId, code, proofs: ['P004'] });
const challengeItem = async (challengeId: string) => (await t.dynamo.send(new GetCommand({ TableName: t.dataTable, Key: libraryChallengeKey(challengeId), ConsistentRead: true }))).Item;
/** A code that is not `code`. */
const other = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('the certificate library', () => {
  it('refuses the identity-only lookup that told anyone which certificates an ID number holds', async () => {
    // Act: the request that was the oracle
    const lookup = await t.api.post('/v1/certificates/library', { applicant: identity(holder), proofs: ['P004'] });

    // Assess: refused, naming what it lacks, with no certificate in it
    expect(lookup.status).toBe(400);
    expect(lookup.body.error.code).toBe('VALIDATION_FAILED');
    expect(lookup.body.error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['/challengeId', '/code']));
    expect(JSON.stringify(lookup.body)).not.toContain(permit);
  });

  it('answers a challenge the same, in shape, status and time, with a library, without one, or in another name', async () => {
    // Act
    const timed = async (who: { idType: string; idNumber: string; name: string }) => {
      const started = performance.now();
      const { challenge, code } = await challengeLibrary(t, who, holder.phone);
      return { challenge, code, ms: performance.now() - started };
    };
    const held = await timed(holder);
    const none = await timed(stranger);
    const wrongName = await timed({ ...identity(holder), name: '岳阳市另一家有限公司' });

    // Assess: one code, for the library in its own name; three identical answers
    expect(held.code).toMatch(/^\d{6}$/);
    expect([none.code, wrongName.code]).toEqual([undefined, undefined]);
    const shape = (r: typeof held) => ({
      status: r.challenge.status,
      keys: Object.keys(r.challenge.body),
      challengeId: /^[0-9a-f]{32}$/.test(r.challenge.body.challengeId),
      expiresInMinutes: Math.round((Date.parse(r.challenge.body.expiresAt) - Date.now()) / 60_000),
      contentType: r.challenge.headers.get('content-type'),
    });
    expect(shape(held)).toEqual({ status: 202, keys: ['challengeId', 'expiresAt'], challengeId: true, expiresInMinutes: 10, contentType: 'application/json; charset=utf-8' });
    expect(shape(none)).toEqual(shape(held));
    expect(shape(wrongName)).toEqual(shape(held));
    // Each took at least the floor that hides the SMS sent for a library
    for (const r of [held, none, wrongName]) expect(r.ms).toBeGreaterThanOrEqual(1000);
    // The same record either way: a challenge without a library is one nobody can answer
    const records = await Promise.all([held, none, wrongName].map(async (r) => Object.keys((await challengeItem(r.challenge.body.challengeId))!).sort()));
    expect(records[1]).toEqual(records[0]);
    expect(records[2]).toEqual(records[0]);
  });

  it('opens with the code texted to the phone on file, once, answering only what is held', async () => {
    // Prepare
    const { challenge, code } = await challengeLibrary(t, holder, holder.phone);
    const { challengeId } = challenge.body;
    const text = (await textsTo(t, holder.phone))[0]!;

    // Act
    const opened = await answer(challengeId, code!);
    const again = await answer(challengeId, code!);

    // Assess: the text says what it is for; the library holds the permit; a code opens it once
    expect(text.text).toContain(`验证码${code}`);
    expect(text.text).toContain('10分钟');
    expect(opened.status).toBe(200);
    expect(opened.body.held).toEqual([expect.objectContaining({ proof: 'P004', verificationCode: permit })]);
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('LIBRARY_CHALLENGE_GONE');
  });

  it('keeps a digest of the code, never the code, under the holder’s identity hash, never the ID number', async () => {
    // Act
    const { challenge, code } = await challengeLibrary(t, holder, holder.phone);
    const item = (await challengeItem(challenge.body.challengeId))!;

    // Assess
    const stored = JSON.stringify(item);
    expect(stored).not.toContain(code!);
    expect(stored).not.toContain(holder.idNumber);
    expect(stored).not.toContain(holder.phone);
    expect(item.codeDigest).toBe(createHash('sha256').update(`${challenge.body.challengeId}:${code}`).digest('hex'));
    expect(item.holderKey).toBe(holderKey(holder.idType, holder.idNumber));
    expect(item.expiresAt).toBeGreaterThan(Date.now() / 1000 + 9 * 60);
    expect(item.expiresAt).toBeLessThanOrEqual(Date.now() / 1000 + 10 * 60);
  });

  it('counts down wrong codes, naming the attempts left, and dies at the fifth, even for the right code then', async () => {
    // Prepare
    const { challenge, code } = await challengeLibrary(t, holder, holder.phone);
    const { challengeId } = challenge.body;

    // Act
    const wrong = [];
    for (let i = 0; i < 5; i += 1) wrong.push(await answer(challengeId, other(code!)));
    const right = await answer(challengeId, code!);

    // Assess
    expect(wrong.map((r) => [r.status, r.body.error.code, r.body.error.fields[0].path, r.body.error.fields[0].params.attemptsLeft])).toEqual(
      [4, 3, 2, 1, 0].map((left) => [400, 'LIBRARY_CODE_WRONG', '/code', left]),
    );
    expect([right.status, right.body.error.code]).toEqual([410, 'LIBRARY_CHALLENGE_GONE']);
  });

  it('refuses an expired challenge exactly as an unknown one', async () => {
    // Prepare: a challenge past its ten minutes (DynamoDB's TTL removes it later, so the API checks the time itself)
    const { challenge, code } = await challengeLibrary(t, holder, holder.phone);
    await t.dynamo.send(new UpdateCommand({
      TableName: t.dataTable, Key: libraryChallengeKey(challenge.body.challengeId),
      UpdateExpression: 'SET expiresAt = :past', ExpressionAttributeValues: { ':past': Math.floor(Date.now() / 1000) - 1 },
    }));

    // Act
    const expired = await answer(challenge.body.challengeId, code!);
    const unknown = await answer('0'.repeat(32), code!);

    // Assess
    expect(expired.status).toBe(410);
    expect(expired.body).toEqual(unknown.body);
    expect(unknown.status).toBe(410);
  });

  it('sends an identity five codes a day, then refuses, whether or not it has a library', async () => {
    // Act
    const asked = async (who: { idType: string; idNumber: string; name: string }) => {
      const replies = [];
      for (let i = 0; i < 6; i += 1) replies.push(await t.api.post('/v1/certificates/library/challenges', { applicant: identity(who) }));
      return replies;
    };
    const [held, none] = [await asked(holder), await asked(stranger)];

    // Assess
    for (const replies of [held, none]) {
      expect(replies.map((r) => r.status)).toEqual([202, 202, 202, 202, 202, 429]);
      expect(replies[5]!.body.error).toMatchObject({ code: 'LIBRARY_CHALLENGE_LIMIT' });
    }
    expect(none[5]!.body).toEqual(held[5]!.body);
  });

  it('cannot be opened for a certificate issued before a phone was kept with it', async () => {
    // Prepare: the holder's library entry as it was recorded before this change, with no phone
    const entry = await permitEntryKey();
    await t.dynamo.send(new UpdateCommand({ TableName: t.dataTable, Key: entry, UpdateExpression: 'REMOVE phone' }));
    try {
      // Act
      const { challenge, code } = await challengeLibrary(t, holder, holder.phone);

      // Assess: the same answer, and no code sent
      expect(challenge.status).toBe(202);
      expect(code).toBeUndefined();
    } finally {
      await t.dynamo.send(new UpdateCommand({ TableName: t.dataTable, Key: entry, UpdateExpression: 'SET phone = :p', ExpressionAttributeValues: { ':p': holder.phone } }));
    }
  });
});

/** The key of the holder's library entry of the permit, its only one. */
async function permitEntryKey(): Promise<{ pk: string; sk: string }> {
  const pk = holderPartition(holderKey(holder.idType, holder.idNumber));
  const out = await t.dynamo.send(new QueryCommand({ TableName: t.dataTable, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': pk }, ConsistentRead: true }));
  expect(out.Items).toHaveLength(1);
  return { pk, sk: String(out.Items![0]!.sk) };
}
