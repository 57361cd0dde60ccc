// A county's signing certificate without a certification authority: `npm start` makes a
// self-signed one (RSA 2048, SHA-256, ten years) once per data directory and keeps it as
// the value of the template's signing secret, exactly as the administrator puts the
// county's real one into Secrets Manager: base64 of a PKCS#12 with an empty passphrase
// (README, "Deploying one county"). The tests and the bench make theirs here too.
import { randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface SigningSubject {
  /** The county's name, e.g. 岳阳市: the certificate's CN, which a PDF reader shows as the signer. */
  commonName: string;
  /**
   * The organisation.
   * @default `${commonName}人民政府政务服务中心`
   */
  organization?: string;
}

/** Base64 of a PKCS#12 (empty passphrase) holding a new key and its self-signed certificate. */
export function selfSignedSigningP12(subject: SigningSubject): string {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048 });
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = keys.publicKey;
  // A positive serial: the first bit clear.
  certificate.serialNumber = `01${randomBytes(15).toString('hex')}`;
  const now = new Date();
  certificate.validity.notBefore = new Date(now.getTime() - 24 * 3600 * 1000);
  certificate.validity.notAfter = new Date(now.getTime() + 10 * 365 * 24 * 3600 * 1000);
  const attributes = [
    { shortName: 'CN', value: subject.commonName, valueTagClass: forge.asn1.Type.UTF8 },
    { shortName: 'O', value: subject.organization ?? `${subject.commonName}人民政府政务服务中心`, valueTagClass: forge.asn1.Type.UTF8 },
    { shortName: 'C', value: 'CN' },
  ] as forge.pki.CertificateField[];
  certificate.setSubject(attributes);
  certificate.setIssuer(attributes);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', critical: true, digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  certificate.sign(keys.privateKey, forge.md.sha256.create());
  // A passphrase (even empty) makes forge shroud the key, as openssl does and the signer expects.
  const p12 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [certificate], '', { algorithm: '3des', generateLocalKeyId: true, friendlyName: subject.commonName });
  return forge.util.encode64(forge.asn1.toDer(p12).getBytes());
}
