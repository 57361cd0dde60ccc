/** Material files: `POST /v1/uploads` announces one and answers where to PUT it. */

export interface UploadRequest {
  fileName: string;
  contentType: string;
  /** Bytes. */
  size: number;
  /** Hex SHA-256 of the file: S3 refuses a body that does not match it. */
  sha256: string;
}

/** A presigned PUT bound to the announced type, size and checksum. */
export interface PresignedUpload {
  uploadId: string;
  url: string;
  method: 'PUT';
  /** Send exactly these headers with the PUT. */
  headers: Record<string, string>;
  expiresAt: string;
  maxBytes: number;
}
