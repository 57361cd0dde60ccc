/**
 * Signs the PDFs OneTrip issues (certificates, payment receipts) with the issuing county's
 * key, as PAdES: a CAdES detached signature (`ETSI.CAdES.detached`) over the file's byte
 * ranges, so that any PDF reader shows the document as signed and unaltered. The signature
 * dictionary comes from `@signpdf/placeholder-pdf-lib`, the byte ranges and embedding from
 * `@signpdf/signpdf`: a well-kept library, not our own PDF surgery. The PKCS#7 is made with
 * node-forge as `@signpdf/signer-p12` makes it, by {@link CountySigner} (see there why not
 * by P12Signer itself).
 *
 * The key is a PKCS#12 with an empty passphrase, kept base64 in the county's signing
 * secret (see county-key.ts). Signing is deterministic: the same document, key and
 * signing time give the same bytes (RSA PKCS#1 v1.5 has no randomness).
 */
import { constants, createHash, createPrivateKey, privateEncrypt, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import type { PDFDocument } from 'pdf-lib';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf, Signer } from '@signpdf/signpdf';
import { ConfigurationError } from '../domain/errors.js';

/** PAdES' subfilter (`SUBFILTER_ETSI_CADES_DETACHED` of `@signpdf/utils`). */
const PADES_SUBFILTER = 'ETSI.CAdES.detached';

/**
 * Hex digits reserved in `/Contents` for the signature, so 4 KB of DER: a 4096-bit
 * signature, the one certificate {@link CountySigner} embeds and the signed attributes fit
 * with room (a county certificate of 2048 or 3072 bits makes about 1.5 KB).
 */
const SIGNATURE_LENGTH = 8192;

const KEY_BAG = forge.pki.oids.pkcs8ShroudedKeyBag as string;
const CERT_BAG = forge.pki.oids.certBag as string;

/** A county's signing key and certificate, read once from its P12. */
export interface SigningKey {
  privateKey: forge.pki.rsa.PrivateKey;
  /** The same key for node:crypto, which makes the RSA signature (forge's is pure JavaScript and ~50× slower). */
  nodeKey: KeyObject;
  certificate: forge.pki.Certificate;
  /** The certificate's subject common name (the county), shown as the signer. */
  signerName: string;
  /** SHA-256 of the certificate's DER, hex: what a verification compares the signer with. */
  fingerprint: string;
}

/** SHA-256 of a certificate's DER, hex. */
export function certificateFingerprint(certificate: forge.pki.Certificate): string {
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes();
  return createHash('sha256').update(Buffer.from(der, 'binary')).digest('hex');
}

/**
 * The key in a P12 (base64, empty passphrase). A value that is not one — the random value
 * a fresh stack's secret starts with, before the administrator puts the county's P12 —
 * is a configuration error that says what to do.
 */
export function signingKeyFromP12(base64: string): SigningKey {
  const p12 = Buffer.from(base64.trim(), 'base64');
  let certificate: forge.pki.Certificate | undefined;
  let key: forge.pki.rsa.PrivateKey | undefined;
  try {
    const parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary'))), false, '');
    const keys = parsed.getBags({ bagType: KEY_BAG })[KEY_BAG] ?? [];
    key = keys[0]?.key as forge.pki.rsa.PrivateKey | undefined;
    const certs = parsed.getBags({ bagType: CERT_BAG })[CERT_BAG] ?? [];
    certificate = certs
      .map((bag) => bag.cert)
      .find((cert): cert is forge.pki.Certificate => {
        const publicKey = cert?.publicKey as forge.pki.rsa.PublicKey | undefined;
        return key !== undefined && publicKey !== undefined && publicKey.n.compareTo(key.n) === 0 && publicKey.e.compareTo(key.e) === 0;
      });
  } catch (cause) {
    throw new ConfigurationError('The county signing secret is not a base64 PKCS#12 with an empty passphrase (README: deploying one county)', { cause });
  }
  if (!certificate || !key) throw new ConfigurationError('The county signing P12 holds no RSA key with its certificate');
  const commonName = certificate.subject.getField('CN') as { value?: unknown } | null;
  // forge reads a UTF8String as its UTF-8 bytes in a binary string.
  const signerName = typeof commonName?.value === 'string' ? forge.util.decodeUtf8(commonName.value) : 'OneTrip';
  const nodeKey = createPrivateKey(forge.pki.privateKeyToPem(key));
  return { privateKey: key, nodeKey, certificate, signerName, fingerprint: certificateFingerprint(certificate) };
}

/** DER of the DigestInfo header for SHA-256 (RFC 8017 §9.2): what RSASSA-PKCS1-v1_5 signs, before the digest. */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/** forge's signer asks its key to `sign(md)`: this one answers with node:crypto, the same RSASSA-PKCS1-v1_5 signature. */
function nodeSigningKey(key: SigningKey): forge.pki.rsa.PrivateKey {
  const sign = (md: forge.md.MessageDigest) => {
    const digest = Buffer.from(md.digest().getBytes(), 'binary');
    return privateEncrypt({ key: key.nodeKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest])).toString('binary');
  };
  return { ...key.privateKey, sign } as unknown as forge.pki.rsa.PrivateKey;
}

/**
 * The CMS signer: `@signpdf/signer-p12`'s P12Signer, less one bug. forge reads a name's
 * UTF8String values as raw UTF-8 bytes but encodes them again when it writes the signer's
 * issuer, so for a certificate whose issuer is Chinese (a county's own, or a Chinese CA's)
 * P12Signer names an issuer no certificate has, and readers report "signer certificate not
 * found". This one hands forge the issuer decoded, and the key parsed once rather than per
 * document, whose RSA operation node:crypto does. Signed attributes as P12Signer's, in its order: content type, signing time,
 * message digest; SHA-256 with RSA.
 */
export class CountySigner extends Signer {
  constructor(private readonly key: SigningKey) {
    super();
  }

  override async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    const { certificate } = this.key;
    const issuer = certificate.issuer.attributes.map((attribute) =>
      (attribute.valueTagClass as unknown) === forge.asn1.Type.UTF8 && typeof attribute.value === 'string'
        ? { ...attribute, value: forge.util.decodeUtf8(attribute.value) }
        : attribute,
    );
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdfBuffer.toString('binary'));
    p7.addCertificate(certificate);
    p7.addSigner({
      key: nodeSigningKey(this.key),
      issuer,
      serialNumber: certificate.serialNumber,
      digestAlgorithm: forge.pki.oids.sha256,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType, value: forge.pki.oids.data },
        { type: forge.pki.oids.signingTime, value: (signingTime ?? new Date()) as unknown as string },
        { type: forge.pki.oids.messageDigest },
      ],
    } as unknown as Parameters<typeof p7.addSigner>[0]);
    p7.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
  }
}

export interface SignOptions {
  /** Why the document is signed, e.g. 电子证照签发. */
  reason: string;
  /** Where, e.g. the issuing department. */
  location: string;
  /** The signing time written in the signature and its dictionary. */
  signingTime: Date;
}

/**
 * Adds the signature dictionary to `doc`, saves it and signs it. `doc` is spent: it now
 * holds the placeholder.
 */
export async function signPdf(doc: PDFDocument, key: SigningKey, options: SignOptions): Promise<Uint8Array> {
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: options.reason,
    location: options.location,
    name: key.signerName,
    contactInfo: '',
    signingTime: options.signingTime,
    signatureLength: SIGNATURE_LENGTH,
    subFilter: PADES_SUBFILTER,
    appName: 'OneTrip',
  });
  const unsigned = Buffer.from(await doc.save({ useObjectStreams: false }));
  const signed = await new SignPdf().sign(unsigned, new CountySigner(key), options.signingTime);
  return new Uint8Array(signed.buffer, signed.byteOffset, signed.byteLength);
}
