/**
 * Checks a PDF's signature in tests the way a reader does, without OneTrip's code: the
 * signature dictionary found through the document's form field with pdf-lib, the PKCS#7
 * read and verified with node-forge (the signed `messageDigest` against the SHA-256 of the
 * `/ByteRange` bytes, the RSA signature over the signed attributes), and `openssl cms
 * -verify` over the same bytes (.ci/run installs openssl where it is missing).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber } from 'pdf-lib';

export interface SignedParts {
  byteRange: [number, number, number, number];
  /** The bytes the signature covers: the file less the `/Contents` value. */
  signed: Buffer;
  /** The DER of the PKCS#7, without the placeholder's padding. */
  cms: Buffer;
  subFilter: string;
}

/** The one signature field's dictionary, through AcroForm → Fields → /V. */
export async function signedParts(pdf: Uint8Array): Promise<SignedParts> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const fields = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict).lookup(PDFName.of('Fields'), PDFArray);
  const field = fields.lookup(0, PDFDict);
  const signature = field.lookup(PDFName.of('V'), PDFDict);
  const range = signature.lookup(PDFName.of('ByteRange'), PDFArray).asArray().map((n) => (n as PDFNumber).asNumber()) as SignedParts['byteRange'];
  const [a, b, c, d] = range;
  const bytes = Buffer.from(pdf);
  const contents = Buffer.from(signature.lookup(PDFName.of('Contents'), PDFHexString).asBytes());
  const length = forge.asn1.fromDer(forge.util.createBuffer(contents.toString('binary')), { parseAllBytes: false } as unknown as boolean);
  const der = Buffer.from(forge.asn1.toDer(length).getBytes(), 'binary');
  return {
    byteRange: range,
    signed: Buffer.concat([bytes.subarray(a, a + b), bytes.subarray(c, c + d)]),
    cms: der,
    subFilter: signature.lookup(PDFName.of('SubFilter'), PDFName).decodeText(),
  };
}

export interface ForgeCheck {
  /** The signed messageDigest equals the SHA-256 of the byte ranges. */
  digestMatches: boolean;
  /** The signer certificate's key verifies the signature over the signed attributes. */
  signatureVerifies: boolean;
  /** The signer's certificate as PEM, to compare with the county's. */
  signerPem: string;
}

export function forgeCheck(parts: SignedParts): ForgeCheck {
  const message = forge.pkcs7.messageFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(parts.cms.toString('binary')))) as forge.pkcs7.PkcsSignedData & {
    rawCapture: { signerInfos: forge.asn1.Asn1[] };
  };
  const signerInfo = message.rawCapture.signerInfos[0]!.value as forge.asn1.Asn1[];
  const signedAttrs = signerInfo.find((node) => node.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && node.type === 0)!;
  const signatureValue = signerInfo[signerInfo.indexOf(signedAttrs) + 2]!.value as string;
  const attrs = signedAttrs.value as forge.asn1.Asn1[];
  const digestAttr = attrs.find((attr) => forge.asn1.derToOid((attr.value as forge.asn1.Asn1[])[0]!.value as string) === forge.pki.oids.messageDigest)!;
  const signedDigest = Buffer.from(((digestAttr.value as forge.asn1.Asn1[])[1]!.value as forge.asn1.Asn1[])[0]!.value as string, 'binary');
  const signer = message.certificates[0]!;
  const set = forge.asn1.toDer(forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, attrs)).getBytes();
  const attrsDigest = forge.md.sha256.create().update(set).digest().getBytes();
  return {
    digestMatches: signedDigest.equals(createHash('sha256').update(parts.signed).digest()),
    signatureVerifies: (signer.publicKey as forge.pki.rsa.PublicKey).verify(attrsDigest, signatureValue),
    signerPem: forge.pki.certificateToPem(signer),
  };
}

/** `openssl cms -verify -binary -noverify` of the signature over the byte ranges: true when it verifies. */
export function opensslVerifies(parts: SignedParts): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'onetrip-cms-'));
  try {
    writeFileSync(join(dir, 'signature.der'), parts.cms);
    writeFileSync(join(dir, 'content.bin'), parts.signed);
    execFileSync('openssl', ['cms', '-verify', '-binary', '-noverify', '-inform', 'DER', '-in', join(dir, 'signature.der'), '-content', join(dir, 'content.bin'), '-out', join(dir, 'out.bin')], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
