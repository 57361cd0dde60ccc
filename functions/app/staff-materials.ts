/**
 * An uploaded material of a case, opened by staff (docs/need-to-know.md): under the same
 * need to know as the case, always logged (a file cannot be masked), through a presigned
 * GET valid for five minutes.
 */
import type { MaterialLink } from '../../contracts/staff.js';
import { NotFoundError } from '../domain/errors.js';
import type { Staff } from '../domain/staff.js';
import { getUploads, materialUrl } from '../store/uploads.js';
import { caseKnownTo, logAccess } from './staff-access.js';

/** How long a material's link works. */
const LINK_SECONDS = 300;

export async function materialLink(staff: Staff, caseId: string, materialCode: string): Promise<MaterialLink> {
  const { case: c } = await caseKnownTo(staff, caseId);
  const material = c.materials.find((m) => m.materialCode === materialCode);
  // The upload record holds the object's key; a bound one never expires (store/uploads.ts).
  const upload = material ? (await getUploads([material.uploadId])).get(material.uploadId) : undefined;
  if (!material || upload?.caseId !== c.caseId) {
    // Also a proof from the certificate library: nothing was uploaded; the case's `reused` names its certificate.
    throw new NotFoundError(`Case ${c.receiptNumber} has no uploaded material ${materialCode}`, 'MATERIAL_NOT_FOUND', { params: { receiptNumber: c.receiptNumber, materialCode } });
  }
  await logAccess(staff, c, 'material', materialCode);
  const url = await materialUrl(upload, LINK_SECONDS);
  // Real time, not the platform's clock: S3 checks the signature's (functions/lambda/clock.ts).
  const expiresAt = new Date(Date.now() + LINK_SECONDS * 1000).toISOString();
  return { materialCode, fileName: material.fileName, contentType: material.contentType, size: material.size, url, expiresAt };
}
