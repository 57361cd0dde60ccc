/** Announcing an upload: a presigned PUT for one material file, bound to its type, size and checksum. */
import { randomBytes } from 'node:crypto';
import { shanghaiDate } from '../../contracts/dates.js';
import type { PresignedUpload, UploadRequest } from '../../contracts/uploads.js';
import type { UploadRecord } from '../domain/application.js';
import { safeFileName, UPLOAD_URL_TTL_SECONDS, uploadObjectKey } from '../domain/uploads.js';
import { presignUpload, putUpload } from '../store/uploads.js';

export async function announceUpload(input: UploadRequest): Promise<PresignedUpload> {
  const now = new Date();
  const uploadId = `u_${randomBytes(16).toString('hex')}`;
  const record: UploadRecord = {
    uploadId,
    key: uploadObjectKey(uploadId, shanghaiDate(now)),
    fileName: safeFileName(input.fileName),
    contentType: input.contentType,
    size: input.size,
    sha256: input.sha256,
    createdAt: now.toISOString(),
  };
  await putUpload(record);
  const { url, headers } = await presignUpload(record, UPLOAD_URL_TTL_SECONDS);
  const expiresAt = new Date(now.getTime() + UPLOAD_URL_TTL_SECONDS * 1000).toISOString();
  return { uploadId, url, method: 'PUT' as const, headers, expiresAt, maxBytes: input.size };
}
