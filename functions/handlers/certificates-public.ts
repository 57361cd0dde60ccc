/**
 * The certificate library in public (docs/results.md): anyone verifies a certificate by its
 * code or by the PDF itself; the application form asks which proofs an applicant's library
 * holds, with a one-time code sent to the holder's phone; a chief of the issuing department
 * revokes one.
 */
import librarySchema from '../../contracts/schemas/certificate-library.schema.json' with { type: 'json' };
import challengeSchema from '../../contracts/schemas/library-challenge.schema.json' with { type: 'json' };
import revokeSchema from '../../contracts/schemas/certificate-revoke.schema.json' with { type: 'json' };
import { MAX_VERIFIED_PDF_BYTES, type LibraryChallengeRequest, type LibraryQuery } from '../../contracts/certificates.js';
import { revoke, verifyCertificate } from '../app/certificates.js';
import { answerLibraryChallenge, openLibraryChallenge } from '../app/library.js';
import { httpHandler, json, jsonBody, pathParameter, type HttpEvent } from '../lambda/http.js';
import { pdfBody } from '../lambda/pdf-body.js';
import { staffOf } from '../lambda/staff-auth.js';
import { validator } from '../lambda/validate.js';

const validateChallenge = validator<LibraryChallengeRequest>(challengeSchema, 'library code request');
const validateLibrary = validator<LibraryQuery>(librarySchema, 'library request');
const validateRevoke = validator<{ reason: string }>(revokeSchema, 'revocation');

const codeOf = (event: HttpEvent) => pathParameter(event, 'verificationCode').toUpperCase();

export const handler = httpHandler({
  'GET /v1/certificates/verify/{verificationCode}': async (event) => json(200, await verifyCertificate(codeOf(event))),
  'POST /v1/certificates/verify': async (event) => {
    const pdf = pdfBody(event, MAX_VERIFIED_PDF_BYTES);
    // The PDF stack (pdf-lib, node-forge: about 700 KB) only for this route, read on its first call rather than at every cold start.
    const { verifyPdf } = await import('../app/verify-pdf.js');
    return json(200, await verifyPdf(pdf));
  },
  'POST /v1/certificates/library/challenges': async (event) => json(202, await openLibraryChallenge(validateChallenge(jsonBody(event)))),
  'POST /v1/certificates/library': async (event) => json(200, await answerLibraryChallenge(validateLibrary(jsonBody(event)))),
  'POST /v1/staff/certificates/{verificationCode}/revoke': async (event) => {
    const staff = staffOf(event);
    return json(200, await revoke(staff, codeOf(event), validateRevoke(jsonBody(event)).reason));
  },
});
