/** Limits on material uploads; the presigned request binds them so S3 itself enforces them. */

export const UPLOAD_URL_TTL_SECONDS = 15 * 60;

/** Keeps the name readable in the staff console but safe as a download name. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim();
  return cleaned.slice(-120) || 'upload';
}

/** S3 wants the SHA-256 checksum base64-encoded; the API takes it as hex. */
export function sha256HexToBase64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64');
}

export function uploadObjectKey(uploadId: string, localDate: string): string {
  return `uploads/${localDate}/${uploadId}`;
}
