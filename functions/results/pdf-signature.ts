/**
 * Checks the signature of a PDF someone uploads (`POST /v1/certificates/verify`) with
 * node-forge, independently of the @signpdf code that signed it: the last signature's
 * `/ByteRange` must cover the whole file but its `/Contents`; the PKCS#7's signed
 * `messageDigest` must be the SHA-256 of those bytes; and the signer certificate's RSA key
 * must verify the signature over the signed attributes. Which certificate signed is
 * returned as its fingerprint, for the caller to compare with the county's.
 */
import { createHash } from 'node:crypto';
import forge from 'node-forge';
import { certificateFingerprint } from './pdf-signing.js';

export type SignatureCheck =
  | { signature: 'missing' }
  /** `reason` says what failed, for the log; the answer is only "invalid". */
  | { signature: 'invalid'; reason: string }
  | { signature: 'valid'; signerFingerprint: string };

const OID = {
  sha256: forge.pki.oids.sha256 as string,
  messageDigest: forge.pki.oids.messageDigest as string,
};

/** The last `/ByteRange [a b c d]` and the `/Contents <hex>` its gap holds. */
function signedParts(pdf: Buffer): { signed: Buffer; contents: Buffer } | 'missing' | string {
  const text = pdf.toString('latin1');
  const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const last = ranges[ranges.length - 1];
  if (!last) return 'missing';
  const [a, b, c, d] = last.slice(1, 5).map(Number) as [number, number, number, number];
  if (a !== 0 || b <= 0 || c <= b || c + d !== pdf.length) return 'the byte range does not cover the whole file';
  const gap = text.slice(b, c);
  if (!/^<[0-9A-Fa-f]*>$/.test(gap)) return 'the byte range gap is not the signature';
  return { signed: Buffer.concat([pdf.subarray(0, b), pdf.subarray(c, c + d)]), contents: Buffer.from(gap.slice(1, -1), 'hex') };
}

function childrenOf(node: forge.asn1.Asn1 | undefined): forge.asn1.Asn1[] {
  return node && Array.isArray(node.value) ? node.value : [];
}

/** The signature's state: missing, invalid (with why), or valid with the signer's fingerprint. */
export function checkPdfSignature(pdf: Buffer): SignatureCheck {
  const parts = signedParts(pdf);
  if (parts === 'missing') return { signature: 'missing' };
  if (typeof parts === 'string') return { signature: 'invalid', reason: parts };
  try {
    // The placeholder is longer than the signature: the zeros after the DER are not part of it.
    const fromDer = forge.asn1.fromDer as unknown as (bytes: forge.util.ByteStringBuffer, options: { parseAllBytes: boolean }) => forge.asn1.Asn1;
    const asn1 = fromDer(forge.util.createBuffer(parts.contents.toString('binary')), { parseAllBytes: false });
    const message = forge.pkcs7.messageFromAsn1(asn1) as forge.pkcs7.PkcsSignedData & { rawCapture?: { signerInfos?: forge.asn1.Asn1[] } };
    const signerInfo = message.rawCapture?.signerInfos?.[0];
    // SignerInfo: version, issuerAndSerialNumber, digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature.
    const [, issuerAndSerial, digestAlgorithm, signedAttrs, , signatureValue] = childrenOf(signerInfo);
    if (!issuerAndSerial || !digestAlgorithm || !signedAttrs || !signatureValue || signedAttrs.tagClass !== forge.asn1.Class.CONTEXT_SPECIFIC) {
      return { signature: 'invalid', reason: 'the signature has no signed attributes' };
    }
    const digestOid = forge.asn1.derToOid(childrenOf(digestAlgorithm)[0]?.value as string);
    if (digestOid !== OID.sha256) return { signature: 'invalid', reason: `unsupported digest ${digestOid}` };

    const serial = forge.util.bytesToHex(childrenOf(issuerAndSerial)[1]?.value as string).replace(/^00/, '');
    const signer = message.certificates.find((cert) => cert.serialNumber.replace(/^00/, '') === serial);
    if (!signer) return { signature: 'invalid', reason: 'the signer certificate is not in the signature' };

    const attributes = childrenOf(signedAttrs);
    const digestAttribute = attributes.find((attr) => forge.asn1.derToOid(childrenOf(attr)[0]?.value as string) === OID.messageDigest);
    const signedDigest = childrenOf(childrenOf(digestAttribute)[1])[0]?.value;
    const actualDigest = createHash('sha256').update(parts.signed).digest('binary');
    if (signedDigest !== actualDigest) return { signature: 'invalid', reason: 'the document was altered after signing' };

    // The signature is over the signed attributes as a DER SET, not as the [0] they are stored in.
    const set = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, attributes);
    const md = forge.md.sha256.create().update(forge.asn1.toDer(set).getBytes());
    const publicKey = signer.publicKey as forge.pki.rsa.PublicKey;
    if (!publicKey.verify(md.digest().getBytes(), signatureValue.value as string)) {
      return { signature: 'invalid', reason: 'the signature does not verify with its certificate' };
    }
    return { signature: 'valid', signerFingerprint: certificateFingerprint(signer) };
  } catch (error) {
    return { signature: 'invalid', reason: `the signature cannot be read: ${(error as Error).message}` };
  }
}
