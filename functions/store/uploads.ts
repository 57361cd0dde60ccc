/** Upload records (what a presigned upload promised) and the objects behind them. */
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { UploadRecord } from '../domain/application.js';
import { sha256HexToBase64 } from '../domain/uploads.js';
import { documentClient, s3Client } from '../lambda/aws.js';
import { requireEnv } from '../lambda/env.js';
import { batchGetItems, dataTable } from './data-table.js';
import { uploadKey } from './keys.js';

const UPLOAD_RECORD_TTL_SECONDS = 30 * 24 * 3600;

export const materialsBucket = () => requireEnv('MATERIALS_BUCKET');

export async function putUpload(record: UploadRecord): Promise<void> {
  await documentClient().send(
    new PutCommand({
      TableName: dataTable(),
      Item: { ...uploadKey(record.uploadId), ...record, expiresAt: Math.floor(Date.now() / 1000) + UPLOAD_RECORD_TTL_SECONDS },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/**
 * A presigned PUT that signs the content type, length and SHA-256 checksum: S3 refuses
 * a body of another type, size or content, whatever the client does.
 */
export async function presignUpload(record: UploadRecord, expiresIn: number): Promise<{ url: string; headers: Record<string, string> }> {
  const checksum = sha256HexToBase64(record.sha256);
  const command = new PutObjectCommand({
    Bucket: materialsBucket(),
    Key: record.key,
    ContentType: record.contentType,
    ContentLength: record.size,
    ChecksumSHA256: checksum,
  });
  const url = await getSignedUrl(s3Client(), command, {
    expiresIn,
    signableHeaders: new Set(['content-type', 'content-length', 'x-amz-checksum-sha256']),
    unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
  });
  return { url, headers: { 'Content-Type': record.contentType, 'x-amz-checksum-sha256': checksum } };
}

export async function getUploads(uploadIds: string[]): Promise<Map<string, UploadRecord>> {
  const found = new Map<string, UploadRecord>();
  for (const item of await batchGetItems(uploadIds.map(uploadKey))) {
    const { pk: _pk, sk: _sk, expiresAt: _e, ...record } = item;
    found.set(String(record.uploadId), record as unknown as UploadRecord);
  }
  return found;
}

/**
 * A presigned GET of an upload's object that a browser shows in place (a PDF, an image)
 * under its own file name, valid for `expiresIn` seconds.
 */
export function materialUrl(record: UploadRecord, expiresIn: number): Promise<string> {
  return getSignedUrl(
    s3Client(),
    new GetObjectCommand({
      Bucket: materialsBucket(),
      Key: record.key,
      ResponseContentType: record.contentType,
      ResponseContentDisposition: `inline; filename*=UTF-8''${encodeURIComponent(record.fileName)}`,
    }),
    { expiresIn },
  );
}

/** Uploads whose object is missing or differs in size from what was promised. */
export async function missingObjects(uploads: UploadRecord[]): Promise<Set<string>> {
  const missing = new Set<string>();
  await Promise.all(
    uploads.map(async (u) => {
      try {
        const head = await s3Client().send(new HeadObjectCommand({ Bucket: materialsBucket(), Key: u.key }));
        if (head.ContentLength !== u.size) missing.add(u.uploadId);
      } catch {
        missing.add(u.uploadId);
      }
    }),
  );
  return missing;
}

/**
 * Transaction items binding uploads to a case, so one upload serves one case only. A bound
 * upload's record no longer expires: it is where staff find the material's object (its key).
 */
export function bindUploads(uploadIds: string[], caseId: string) {
  return uploadIds.map((id) => ({
    Update: {
      TableName: dataTable(),
      Key: uploadKey(id),
      UpdateExpression: 'SET caseId = :c REMOVE expiresAt',
      ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(caseId) OR caseId = :c)',
      ExpressionAttributeValues: { ':c': caseId },
    },
  }));
}
