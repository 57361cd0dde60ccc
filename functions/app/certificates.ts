/**
 * Certificates in public (docs/results.md): anyone verifies a certificate by its code; a
 * chief of the issuing department revokes one. The form's library is app/library.ts.
 */
import type { CertificateView } from '../../contracts/certificates.js';
import { NotFoundError } from '../domain/errors.js';
import type { Certificate } from '../domain/records.js';
import { VERIFICATION_CODE_PATTERN } from '../domain/results.js';
import { requireDepartment, requireRole, type Staff } from '../domain/staff.js';
import { certificateView } from '../domain/views.js';
import { clock } from '../lambda/clock.js';
import { getCertificate, revokeCertificate } from '../store/certificates.js';
import { servedCatalog } from './served-catalog.js';

async function certificateAt(code: string): Promise<Certificate> {
  const found = VERIFICATION_CODE_PATTERN.test(code) ? await getCertificate(code) : undefined;
  if (!found) throw new NotFoundError('No certificate has this verification code: it is not genuine, or the code is mistyped', 'CERTIFICATE_NOT_FOUND');
  return found;
}

const publicView = (c: Certificate): CertificateView => certificateView(c, servedCatalog().source.departments, clock().today);

export async function verifyCertificate(code: string): Promise<CertificateView> {
  return publicView(await certificateAt(code));
}

export async function revoke(staff: Staff, code: string, reason: string): Promise<CertificateView> {
  requireRole(staff, 'chief');
  const certificate = await certificateAt(code);
  requireDepartment(staff, certificate.issuer);
  const revoked = { at: clock().now, by: staff.username, reason };
  await revokeCertificate(certificate.verificationCode, revoked);
  return publicView({ ...certificate, status: 'revoked', revoked });
}
