/**
 * Certificates in public (docs/results.md): the verification answer, the certificate
 * library the form asks, and the applicant's short-lived download link.
 */
import type { LocalizedText } from './catalog.js';

/**
 * A verification code (核验码) as printed on a certificate, e.g. `YY7K-3MPQ-8HRT`: three
 * groups of four, in an alphabet without 0, 1, I, L and O so that it can be read aloud and
 * typed back. The API and the verification widget check it with this one pattern.
 */
export const VERIFICATION_CODE_PATTERN = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;

/** `GET /v1/certificates/verify/{verificationCode}`: enough to trust it, not the holder's identity. */
export interface CertificateView {
  verificationCode: string;
  genuine: true;
  /**
   * `pending`: rendered, not yet issued — a case's results are issued together once the
   * case is complete (every department approved, the fees paid, deferred materials
   * supplied); until then it proves nothing.
   */
  status: 'pending' | 'valid' | 'revoked';
  /** Issued to the holder: false while `pending`. */
  issued: boolean;
  /** Issued, not revoked, and within its validity (not past `validTo`). */
  current: boolean;
  itemCode: string;
  itemName: LocalizedText;
  issuer: { code: string; name: LocalizedText };
  issuedOn: string;
  /** 证照编号 as printed; absent on certificates rendered before catalog 2026.12.1. */
  licenceNumber?: string;
  /** 有效期: from the day of issue… */
  validFrom: string;
  /** …to this day, inclusive; null when the result is valid long-term (长期). */
  validTo: string | null;
  /** Masked, unless the holder is a company. */
  holder: { type: 'person' | 'company'; name: string; idNumber: string };
  /** Of the PDF. */
  sha256: string;
  revoked?: { at: string; reason: string };
}

/** The largest PDF `POST /v1/certificates/verify` reads (a certificate is about 50 KB). */
export const MAX_VERIFIED_PDF_BYTES = 4 * 1024 * 1024;

/**
 * `POST /v1/certificates/verify` with a PDF as the body: whether the file itself is a
 * genuine, current certificate of this county — signed with the county's certificate, not
 * altered since (the signature covers every byte), exactly the PDF OneTrip issued, and
 * that certificate valid.
 */
export interface PdfVerification {
  genuine: boolean;
  /** The PDF's signature: `invalid` when the file was altered after signing or the signature does not verify. */
  signature: 'valid' | 'invalid' | 'missing';
  /** Whether the (valid) signature is this county's; false for any other signer, or no valid signature. */
  signedByCounty: boolean;
  /** SHA-256 of the uploaded file. */
  sha256: string;
  /** The certificate this exact file is, when OneTrip issued it (its status says whether it is current). */
  certificate?: CertificateView;
}

/** Whose certificate library: the holder's identity and name, as the application names the applicant. */
export interface LibraryHolder {
  idType: 'resident_id' | 'credit_code';
  idNumber: string;
  name: string;
}

/**
 * `POST /v1/certificates/library/challenges`: asks for a one-time code, sent by SMS to the
 * phone on file for the holder when they have a library in that name. The answer is the same
 * (`202`) whether or not they do, so it tells nobody who holds what.
 */
export interface LibraryChallengeRequest {
  applicant: LibraryHolder;
}

/** The challenge to answer with the code: `POST /v1/certificates/library` within ten minutes. */
export interface LibraryChallenge {
  challengeId: string;
  expiresAt: string;
}

/** A one-time code has six digits. */
export const LIBRARY_CODE_PATTERN = /^\d{6}$/;

/**
 * `POST /v1/certificates/library`: the code sent for a challenge, and which proofs the form
 * asks for. A challenge opens the library once; five answers at most.
 */
export interface LibraryQuery {
  challengeId: string;
  code: string;
  proofs: string[];
}

/** A proof the applicant's library holds, valid and in their name. */
export interface HeldCertificate {
  proof: string;
  verificationCode: string;
  itemName: LocalizedText;
  issuedOn: string;
}

/** `GET /v1/applications/{receiptNumber}/results/{verificationCode}`: electronic delivery. */
export interface ResultLink {
  url: string;
  expiresAt: string;
  sha256: string;
}
