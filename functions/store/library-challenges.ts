/**
 * The library's one-time-code challenges (docs/results.md): the contact a holder's newest
 * library entry keeps, the challenge records (a code's digest, never the code) and the
 * per-identity daily count, all keyed by the holder's identity hash or a random id, never
 * by an ID number. It decides nothing: the rules are domain/library-challenge.ts.
 */
import { DeleteCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LibraryChallenge, LibraryContact } from '../domain/library-challenge.js';
import { documentClient } from '../lambda/aws.js';
import { dataTable } from './data-table.js';
import { holderPartition, libraryChallengeCountKey, libraryChallengeKey } from './keys.js';

/** A day's count outlives its day by one, then DynamoDB's TTL removes it. */
const COUNT_TTL_SECONDS = 2 * 24 * 3600;

/** The phone and name on the holder's newest library entry; undefined without a library. One query either way. */
export async function libraryContact(holderKey: string): Promise<LibraryContact | undefined> {
  const out = await documentClient().send(
    new QueryCommand({
      TableName: dataTable(),
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': holderPartition(holderKey) },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const entry = out.Items?.[0];
  if (!entry) return undefined;
  return { holderName: String(entry.holderName ?? ''), ...(typeof entry.phone === 'string' ? { phone: entry.phone } : {}) };
}

/**
 * Records a challenge and counts it against its identity's day, in one transaction.
 * False, and nothing written, when the identity already had `maxPerDay` challenges that day.
 */
export async function openChallenge(challenge: LibraryChallenge, day: string, maxPerDay: number, nowSeconds: number): Promise<boolean> {
  const table = dataTable();
  try {
    await documentClient().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: table,
              Key: libraryChallengeCountKey(challenge.holderKey, day),
              UpdateExpression: 'ADD #n :one SET expiresAt = if_not_exists(expiresAt, :ttl)',
              ConditionExpression: 'attribute_not_exists(#n) OR #n < :max',
              ExpressionAttributeNames: { '#n': 'challenges' },
              ExpressionAttributeValues: { ':one': 1, ':max': maxPerDay, ':ttl': nowSeconds + COUNT_TTL_SECONDS },
            },
          },
          { Put: { TableName: table, Item: { ...libraryChallengeKey(challenge.challengeId), ...challenge }, ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }),
    );
    return true;
  } catch (error) {
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
    if ((error as Error).name === 'TransactionCanceledException' && reasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
    throw error;
  }
}

/**
 * Spends one attempt of a live challenge and returns it as it is after: undefined when
 * there is no such challenge, it expired, or it has no attempt left. Spent before the code
 * is checked, so answers sent in parallel get no more attempts than one after the other.
 */
export async function spendAttempt(challengeId: string, maxAttempts: number, nowSeconds: number): Promise<LibraryChallenge | undefined> {
  try {
    const out = await documentClient().send(
      new UpdateCommand({
        TableName: dataTable(),
        Key: libraryChallengeKey(challengeId),
        UpdateExpression: 'ADD attempts :one',
        ConditionExpression: 'attribute_exists(pk) AND expiresAt > :now AND attempts < :max',
        ExpressionAttributeValues: { ':one': 1, ':now': nowSeconds, ':max': maxAttempts },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const { pk: _pk, sk: _sk, ...challenge } = out.Attributes ?? {};
    return challenge as unknown as LibraryChallenge;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
    throw error;
  }
}

/** Ends a challenge once answered: a code opens the library once. False when it was already gone. */
export async function closeChallenge(challengeId: string): Promise<boolean> {
  try {
    await documentClient().send(new DeleteCommand({ TableName: dataTable(), Key: libraryChallengeKey(challengeId), ConditionExpression: 'attribute_exists(pk)' }));
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}
