/**
 * One material file to the materials bucket: check it against the material's accepted
 * types and size before anything is sent, announce it (`POST v1/uploads` with its SHA-256),
 * then PUT it to the presigned URL with XMLHttpRequest, which reports upload progress.
 */
import type { PresignedUpload } from '../../../contracts/uploads.js';
import { ApiError, paths, type OneTripApi } from './api.js';

const BY_EXTENSION: Record<string, string> = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' };

/** The file's type as the browser reports it, or from its extension when it does not. */
export function contentTypeOf(file: File): string {
  return file.type || BY_EXTENSION[file.name.split('.').pop()?.toLowerCase() ?? ''] || '';
}

export type FileProblem = 'type' | 'size' | 'empty';

/** Why this file cannot be a material of this kind, or `undefined` when it can. */
export function checkFile(file: File, material: { contentTypes: string[]; maxBytes: number }): FileProblem | undefined {
  if (!material.contentTypes.includes(contentTypeOf(file))) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > material.maxBytes) return 'size';
  return undefined;
}

async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function put(target: PresignedUpload, file: File, onProgress: (fraction: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(target.method, target.url);
    for (const [name, value] of Object.entries(target.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300
        ? resolve()
        : reject(new ApiError('UPLOAD_FAILED', `The file store answered ${xhr.status}`, xhr.status));
    xhr.onerror = () => reject(new ApiError('NETWORK', 'The upload was interrupted', 0));
    xhr.send(file);
  });
}

/** Uploads a checked file; resolves to its upload id. */
export async function uploadFile(api: OneTripApi, file: File, onProgress: (fraction: number) => void): Promise<string> {
  const sha256 = await sha256Hex(file);
  const target = await api.post<PresignedUpload>(paths.uploads(), { fileName: file.name, contentType: contentTypeOf(file), size: file.size, sha256 });
  onProgress(0);
  await put(target, file, onProgress);
  onProgress(1);
  return target.uploadId;
}
