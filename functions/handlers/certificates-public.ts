/**
 * The certificate library in public (docs/results.md): anyone verifies a certificate by its
 * code; the application form asks which proofs an applicant's library holds; a chief of
 * the issuing department revokes one.
 */
import librarySchema from '../../contracts/schemas/certificate-library.schema.json' with { type: 'json' };
import revokeSchema from '../../contracts/schemas/certificate-revoke.schema.json' with { type: 'json' };
import { holderKey, VERIFICATION_CODE_PATTERN, type Certificate } from '../domain/results.js';
import { maskIdNumber, maskName } from '../domain/masking.js';
import { requireDepartment, requireRole } from '../domain/staff.js';
import { servedCatalog } from '../app/served-catalog.js';
import { NotFoundError } from '../domain/errors.js';
import { httpHandler, json, jsonBody, pathParameter, type HttpEvent } from '../lambda/http.js';
import { staffOf } from '../lambda/staff-auth.js';
import { validator } from '../lambda/validate.js';
import { getCertificate, holderLibrary, revokeCertificate } from '../store/certificates.js';

const validateLibrary = validator<{ applicant: { idType: string; idNumber: string; name: string }; proofs: string[] }>(librarySchema, 'library request');
const validateRevoke = validator<{ reason: string }>(revokeSchema, 'revocation');

async function certificateAt(event: HttpEvent): Promise<Certificate> {
  const code = pathParameter(event, 'verificationCode').toUpperCase();
  const found = VERIFICATION_CODE_PATTERN.test(code) ? await getCertificate(code) : undefined;
  if (!found) throw new NotFoundError('No certificate has this verification code: it is not genuine, or the code is mistyped', 'CERTIFICATE_NOT_FOUND');
  return found;
}

/** What anyone may know of a certificate: enough to trust it, not the holder's identity. */
function publicView(c: Certificate) {
  const issuer = servedCatalog().source.departments.find((d) => d.code === c.issuer)?.name ?? { zh: c.issuer, en: c.issuer };
  return {
    verificationCode: c.verificationCode,
    genuine: true,
    status: c.status,
    current: c.status === 'valid',
    itemCode: c.itemCode,
    itemName: c.itemName,
    issuer: { code: c.issuer, name: issuer },
    issuedOn: c.issuedOn,
    holder: { type: c.holder.type, name: c.holder.type === 'company' ? c.holder.name : maskName(c.holder.name), idNumber: maskIdNumber(c.holder.idNumber) },
    sha256: c.sha256,
    ...(c.revoked ? { revoked: { at: c.revoked.at, reason: c.revoked.reason } } : {}),
  };
}

async function verify(event: HttpEvent) {
  return json(200, publicView(await certificateAt(event)));
}

/**
 * Which of the asked proofs the applicant's library holds, valid and in the applicant's
 * name. Only codes and dates are returned, and only when the name matches the holder's.
 */
async function library(event: HttpEvent) {
  const { applicant, proofs } = validateLibrary(jsonBody(event));
  const entries = (await holderLibrary(holderKey(applicant.idType, applicant.idNumber))).filter((e) => e.proof && proofs.includes(e.proof));
  const held: { proof: string; verificationCode: string; itemName: Certificate['itemName']; issuedOn: string }[] = [];
  for (const entry of entries) {
    if (held.some((h) => h.proof === entry.proof)) continue;
    const certificate = await getCertificate(entry.verificationCode);
    if (certificate?.status === 'valid' && certificate.holder.name === applicant.name) {
      held.push({ proof: entry.proof as string, verificationCode: certificate.verificationCode, itemName: certificate.itemName, issuedOn: certificate.issuedOn });
    }
  }
  return json(200, { held });
}

async function revoke(event: HttpEvent) {
  const staff = staffOf(event);
  requireRole(staff, 'chief');
  const certificate = await certificateAt(event);
  requireDepartment(staff, certificate.issuer);
  const { reason } = validateRevoke(jsonBody(event));
  await revokeCertificate(certificate.verificationCode, { at: new Date().toISOString(), by: staff.username, reason });
  return json(200, publicView({ ...certificate, status: 'revoked', revoked: { at: new Date().toISOString(), by: staff.username, reason } }));
}

export const handler = httpHandler({
  'GET /v1/certificates/verify/{verificationCode}': verify,
  'POST /v1/certificates/library': library,
  'POST /v1/staff/certificates/{verificationCode}/revoke': revoke,
});
