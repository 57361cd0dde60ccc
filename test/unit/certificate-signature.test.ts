// Signed certificates: the PAdES signature with the county's key, checked independently of
// the code that signed (pdf-lib to find it, node-forge and openssl to verify it); one altered
// byte is caught; and what the certificate prints besides: licence number, validity, seal.
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../functions/domain/errors.js';
import { renderCertificatePdf, type CertificateContent } from '../../functions/results/certificate-pdf.js';
import { checkPdfSignature } from '../../functions/results/pdf-signature.js';
import { signingKeyFromP12, type SigningKey } from '../../functions/results/pdf-signing.js';
import { selfSignedSigningP12 } from '../../local/signing-certificate.js';
import { extractText } from '../support/pdf.js';
import { forgeCheck, opensslVerifies, signedParts } from '../support/pdf-signature.js';

const LICENCE: CertificateContent = {
  verificationCode: 'YY7K-3MPQ-8HRT',
  verifyUrl: 'https://zwfw.yueyang.gov.cn/verify.html?code=YY7K-3MPQ-8HRT',
  title: { zh: '食品经营许可', en: 'Food business licence' },
  holder: { name: '岳阳市洞庭鲜食品有限公司', idType: 'credit_code', idNumber: '91430600MA4T8K2L39' },
  issuer: { zh: '岳阳市市场监督管理局', en: 'Yueyang Administration for Market Regulation' },
  issuedOn: '2026-12-07',
  validTo: '2031-12-06',
  receiptNumber: '430600-20261207-000123',
  licenceNumber: '430600-105002-20261207000123-01',
};
const SIGNED_AT = new Date('2026-12-07T02:00:00.000Z');

/** The county's certificate as the P12 holds it, read with forge's PKCS#12 reader, not OneTrip's. */
function certificatePemOf(p12Base64: string): string {
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.decode64(p12Base64)), '');
  const bag = p12.getBags({ bagType: forge.pki.oids.certBag as string })[forge.pki.oids.certBag as string]![0]!;
  return forge.pki.certificateToPem(bag.cert!);
}

let countyP12: string;
let county: SigningKey;
let pdf: Uint8Array;

beforeAll(async () => {
  countyP12 = selfSignedSigningP12({ commonName: '岳阳市' });
  county = signingKeyFromP12(countyP12);
  pdf = await renderCertificatePdf(LICENCE, { key: county, signingTime: SIGNED_AT });
});

/** The file with one byte of the signed range changed (inside the page's content, before the signature). */
function altered(bytes: Uint8Array, at: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}

describe('a signed certificate', () => {
  it('carries a PAdES signature over the whole file but its own value', async () => {
    const parts = await signedParts(pdf);

    expect(parts.subFilter).toBe('ETSI.CAdES.detached');
    const [a, b, c, d] = parts.byteRange;
    expect(a).toBe(0);
    expect(c + d).toBe(pdf.length);
    expect(Buffer.from(pdf.subarray(b, b + 1)).toString('latin1')).toBe('<');
  });

  it('verifies with node-forge: the digest of the byte ranges, the signature, and the county certificate as signer', async () => {
    const check = forgeCheck(await signedParts(pdf));

    expect(check.digestMatches).toBe(true);
    expect(check.signatureVerifies).toBe(true);
    expect(check.signerPem).toBe(certificatePemOf(countyP12));
  });

  it('verifies with openssl cms', async () => {
    const parts = await signedParts(pdf);

    expect(opensslVerifies(parts)).toBe(true);
  });

  it('is caught when one byte in the signed range is altered', async () => {
    // Prepare: a byte of the first range, well before the signature
    const changed = altered(pdf, 200);

    // Act
    const parts = await signedParts(changed);

    // Assess
    expect(forgeCheck(parts).digestMatches).toBe(false);
    expect(opensslVerifies(parts)).toBe(false);
    expect(checkPdfSignature(Buffer.from(changed))).toMatchObject({ signature: 'invalid' });
  });

  it('is valid to the verification check, which names the county certificate as signer; another key is another signer', async () => {
    const other = signingKeyFromP12(selfSignedSigningP12({ commonName: '华容县' }));
    const elsewhere = await renderCertificatePdf(LICENCE, { key: other, signingTime: SIGNED_AT });

    expect(checkPdfSignature(Buffer.from(pdf))).toEqual({ signature: 'valid', signerFingerprint: county.fingerprint });
    expect(checkPdfSignature(Buffer.from(elsewhere))).toEqual({ signature: 'valid', signerFingerprint: other.fingerprint });
    expect(other.fingerprint).not.toBe(county.fingerprint);
  });

  it('is missing from an unsigned PDF', async () => {
    expect(checkPdfSignature(Buffer.from(await renderCertificatePdf(LICENCE)))).toEqual({ signature: 'missing' });
  });

  it('gives the same bytes for the same content, key and signing time', async () => {
    expect(Buffer.from(await renderCertificatePdf(LICENCE, { key: county, signingTime: SIGNED_AT })).equals(Buffer.from(pdf))).toBe(true);
  });

  it('prints the licence number, the validity from–to, and the issuer on its seal', async () => {
    const text = await extractText(pdf);

    expect(text).toContain('证照编号');
    expect(text).toContain(LICENCE.licenceNumber);
    expect(text).toContain('2026年12月7日至2031年12月6日');
    expect(text).toContain('电子证照专用章');
    // The issuer's name twice: in the sign-off, and around the seal.
    expect(text.split(LICENCE.issuer.zh).length - 1).toBeGreaterThanOrEqual(2);
  });
});

describe('signingKeyFromP12', () => {
  it('reads the county name from the certificate, for the signature dictionary', () => {
    expect(county.signerName).toBe('岳阳市');
  });

  it('refuses a secret that is not a P12, saying what to put there', () => {
    expect(() => signingKeyFromP12('x'.repeat(64))).toThrow(ConfigurationError);
    expect(() => signingKeyFromP12('x'.repeat(64))).toThrow(/PKCS#12/);
  });
});
