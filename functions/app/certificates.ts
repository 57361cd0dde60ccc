/**
 * The certificate library in public (docs/results.md): anyone verifies a certificate by its
 * code; the application form asks which proofs an applicant's library holds; a chief of
 * the issuing department revokes one.
 */
import type { CertificateView, HeldCertificate, LibraryQuery } from '../../contracts/certificates.js';
import { NotFoundError } from '../domain/errors.js';
import type { Certificate } from '../domain/records.js';
import { holderKey, VERIFICATION_CODE_PATTERN } from '../domain/results.js';
import { requireDepartment, requireRole, type Staff } from '../domain/staff.js';
import { certificateView } from '../domain/views.js';
import { clock } from '../lambda/clock.js';
import { getCertificate, holderLibrary, revokeCertificate } from '../store/certificates.js';
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

/**
 * Which of the asked proofs the applicant's library holds, valid and in the applicant's
 * name. Only codes and dates are returned, and only when the name matches the holder's.
 */
export async function heldProofs({ applicant, proofs }: LibraryQuery): Promise<{ held: HeldCertificate[] }> {
  const entries = (await holderLibrary(holderKey(applicant.idType, applicant.idNumber))).filter((e) => e.proof && proofs.includes(e.proof));
  const held: HeldCertificate[] = [];
  for (const entry of entries) {
    if (held.some((h) => h.proof === entry.proof)) continue;
    const certificate = await getCertificate(entry.verificationCode);
    if (certificate?.status === 'valid' && certificate.holder.name === applicant.name) {
      held.push({ proof: entry.proof as string, verificationCode: certificate.verificationCode, itemName: certificate.itemName, issuedOn: certificate.issuedOn });
    }
  }
  return { held };
}

export async function revoke(staff: Staff, code: string, reason: string): Promise<CertificateView> {
  requireRole(staff, 'chief');
  const certificate = await certificateAt(code);
  requireDepartment(staff, certificate.issuer);
  const revoked = { at: new Date().toISOString(), by: staff.username, reason };
  await revokeCertificate(certificate.verificationCode, revoked);
  return publicView({ ...certificate, status: 'revoked', revoked });
}
