/**
 * The certificate library (docs/results.md): each certificate by its verification code,
 * and each holder's certificates by a hash of their identity, newest first.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Certificate } from '../domain/records.js';
import { documentClient } from '../lambda/aws.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import { dataTable, queryAll } from './data-table.js';
import { certificateDigestKey, certificateKey, holderEntryKey, holderPartition, resultLookupKey } from './keys.js';

/**
 * The transaction items that record a new certificate: itself, the holder's library entry
 * (with the holder's name and the phone on file, which the library's one-time code goes
 * to), the task's result marker, and the look-up of its PDF by SHA-256.
 */
export function certificateItems(certificate: Certificate) {
  const table = dataTable();
  const { verificationCode, holderKey, issuedOn, taskId } = certificate;
  return [
    { Put: { TableName: table, Item: { ...certificateKey(verificationCode), ...certificate }, ConditionExpression: 'attribute_not_exists(pk)' } },
    {
      Put: {
        TableName: table,
        Item: {
          ...holderEntryKey(holderKey, issuedOn, verificationCode),
          verificationCode,
          proof: certificate.proof,
          itemCode: certificate.itemCode,
          itemName: certificate.itemName,
          issuer: certificate.issuer,
          issuedOn,
          holderName: certificate.holder.name,
          phone: certificate.phone,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    { Put: { TableName: table, Item: { ...resultLookupKey(taskId), verificationCode }, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: table, Item: { ...certificateDigestKey(certificate.sha256), verificationCode }, ConditionExpression: 'attribute_not_exists(pk)' } },
  ];
}

export async function getCertificate(code: string): Promise<Certificate | undefined> {
  const out = await documentClient().send(new GetCommand({ TableName: dataTable(), Key: certificateKey(code), ConsistentRead: true }));
  if (!out.Item) return undefined;
  const { pk: _pk, sk: _sk, ...certificate } = out.Item;
  return certificate as Certificate;
}

/** The certificate whose signed PDF has this SHA-256, if OneTrip issued one. */
export async function certificateByDigest(sha256: string): Promise<Certificate | undefined> {
  const out = await documentClient().send(new GetCommand({ TableName: dataTable(), Key: certificateDigestKey(sha256), ConsistentRead: true }));
  return typeof out.Item?.verificationCode === 'string' ? getCertificate(out.Item.verificationCode) : undefined;
}

/** A holder's library, newest first: the codes and what they are (the certificates themselves by code). */
export async function holderLibrary(holderKey: string): Promise<{ verificationCode: string; proof?: string; itemCode: string; issuedOn: string }[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': holderPartition(holderKey) }, ScanIndexForward: false });
  return items.map((i) => ({ verificationCode: String(i.verificationCode), proof: i.proof as string | undefined, itemCode: String(i.itemCode), issuedOn: String(i.issuedOn) }));
}

/** Revokes a valid certificate; a revoked one stays revoked, and one not issued yet cannot be (409). */
export async function revokeCertificate(code: string, revoked: { at: string; by: string; reason: string }): Promise<void> {
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: dataTable(),
        Key: certificateKey(code),
        UpdateExpression: 'SET #s = :revoked, revoked = :r',
        ConditionExpression: 'attribute_exists(pk) AND #s = :valid',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':revoked': 'revoked', ':valid': 'valid', ':r': revoked },
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    const found = await getCertificate(code);
    if (!found) throw new NotFoundError(`No certificate ${code}`, 'CERTIFICATE_NOT_FOUND', { params: { code } });
    if (found.status === 'pending') throw new ConflictError('CERTIFICATE_NOT_ISSUED', `Certificate ${code} is not issued yet: there is nothing to revoke`, { params: { code } });
    throw new ConflictError('CERTIFICATE_ALREADY_REVOKED', `Certificate ${code} is already revoked`, { params: { code } });
  }
}
