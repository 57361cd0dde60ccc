/** `POST /v1/uploads`: a presigned upload for one material file, bound to its type, size and checksum. */
import uploadSchema from '../../contracts/schemas/upload.schema.json' with { type: 'json' };
import type { UploadRequest } from '../../contracts/uploads.js';
import { announceUpload } from '../app/uploads.js';
import { httpHandler, json, jsonBody } from '../lambda/http.js';
import { validator } from '../lambda/validate.js';

const validateUpload = validator<UploadRequest>(uploadSchema, 'upload request');

export const handler = httpHandler({
  'POST /v1/uploads': async (event) => json(201, await announceUpload(validateUpload(jsonBody(event)))),
});
