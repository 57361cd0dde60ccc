/**
 * The results bucket: certificate PDFs written by the certificates worker, read through
 * short-lived links, and the official notices the notices worker writes (docs/notices.md),
 * read whole by the notice downloads.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { s3Client } from '../lambda/aws.js';
import { requireEnv } from '../lambda/env.js';

const resultsBucket = () => requireEnv('RESULTS_BUCKET');

export async function putResultPdf(key: string, pdf: Uint8Array): Promise<void> {
  await s3Client().send(new PutObjectCommand({ Bucket: resultsBucket(), Key: key, Body: pdf, ContentType: 'application/pdf' }));
}

/** The case's notice PDFs, one object per notice: a redelivered event rewrites the same object with the same bytes. */
export const noticeKey = (caseId: string, noticeId: string) => `notices/${caseId}/${noticeId}.pdf`;

export async function getResultPdf(key: string): Promise<Uint8Array> {
  const out = await s3Client().send(new GetObjectCommand({ Bucket: resultsBucket(), Key: key }));
  return out.Body!.transformToByteArray();
}

/** A presigned GET that downloads the PDF as `<fileName>.pdf`, valid for `expiresIn` seconds. */
export function resultPdfUrl(key: string, fileName: string, expiresIn: number): Promise<string> {
  return getSignedUrl(
    s3Client(),
    new GetObjectCommand({
      Bucket: resultsBucket(),
      Key: key,
      ResponseContentType: 'application/pdf',
      ResponseContentDisposition: `attachment; filename="${fileName}.pdf"`,
    }),
    { expiresIn },
  );
}
