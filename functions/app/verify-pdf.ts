/**
 * Verifies an uploaded PDF (docs/results.md, "Signatures"): the signature is checked over
 * the file's bytes, its signer compared with the county's certificate, and the file looked
 * up by its SHA-256 among the certificates OneTrip issued. Genuine only when all agree and
 * the certificate is current (issued, not revoked, not past its validity); the answer says
 * which part failed.
 */
import { createHash } from 'node:crypto';
import type { PdfVerification } from '../../contracts/certificates.js';
import { certificateView } from '../domain/views.js';
import { clock } from '../lambda/clock.js';
import { countySigningKey } from '../results/county-key.js';
import { checkPdfSignature } from '../results/pdf-signature.js';
import { certificateByDigest } from '../store/certificates.js';
import { servedCatalog } from './served-catalog.js';

export async function verifyPdf(pdf: Buffer): Promise<PdfVerification> {
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const check = checkPdfSignature(pdf);
  const signedByCounty = check.signature === 'valid' && check.signerFingerprint === (await countySigningKey()).fingerprint;
  const found = await certificateByDigest(sha256);
  const certificate = found ? certificateView(found, servedCatalog().source.departments, clock().today) : undefined;
  return {
    genuine: signedByCounty && certificate?.current === true,
    signature: check.signature,
    signedByCounty,
    sha256,
    ...(certificate ? { certificate } : {}),
  };
}
