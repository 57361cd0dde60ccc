/** `POST /v1/uploads`: a presigned upload for one material file, bound to its type, size and checksum. */
import { randomBytes } from 'node:crypto';
import uploadSchema from '../../contracts/schemas/upload.schema.json' with { type: 'json' };
import type { UploadRecord } from '../domain/application.js';
import { shanghaiDate } from '../../contracts/dates.js';
import { safeFileName, UPLOAD_URL_TTL_SECONDS, uploadObjectKey } from '../domain/uploads.js';
import { httpHandler, json, jsonBody } from '../lambda/http.js';
import { validator } from '../lambda/validate.js';
import { presignUpload, putUpload } from '../store/uploads.js';

interface UploadRequest {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

const validateUpload = validator<UploadRequest>(uploadSchema, 'upload request');

export const handler = httpHandler({
  'POST /v1/uploads': async (event) => {
    const input = validateUpload(jsonBody(event));
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
    return json(201, { uploadId, url, method: 'PUT', headers, expiresAt, maxBytes: input.size });
  },
});
