// The protocol simulators' keys (local/simulators/index.ts): generated once per data dir and
// kept, each provider's certificate a real X.509 of its own key, and the county's secrets
// holding what each adapter reads.
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProviderKeys, SIMULATED_SECRETS } from '../../local/simulators/index.js';

const dir = mkdtempSync(join(tmpdir(), 'onetrip-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('protocol keys', () => {
  it('are made once per data dir, with a certificate of the provider key, and fill each provider secret', () => {
    // Act
    const file = join(dir, 'protocol-keys.json');
    const first = loadProviderKeys(file, ['wechatpay', 'sf']);
    const again = loadProviderKeys(file, ['wechatpay', 'sf']);

    // Assess
    expect(again).toEqual(first);
    const keys = first.wechatpay;
    const certificate = new X509Certificate(keys.provider.certificate);
    expect(certificate.serialNumber.toUpperCase()).toBe(keys.provider.serialNumber);
    expect(certificate.publicKey.export({ type: 'spki', format: 'pem' })).toBe(createPublicKey(keys.provider.publicKey).export({ type: 'spki', format: 'pem' }));
    expect(certificate.verify(createPublicKey(keys.provider.publicKey))).toBe(true);
    expect(createPrivateKey(keys.merchant.privateKey).asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(keys.sharedSecret).toHaveLength(32);
    expect(SIMULATED_SECRETS.wechatpay(keys)).toEqual({
      merchantPrivateKey: keys.merchant.privateKey,
      merchantSerialNumber: keys.merchant.serialNumber,
      apiV3Key: keys.sharedSecret,
      platformCertificates: [{ serialNumber: keys.provider.serialNumber, certificate: keys.provider.certificate }],
    });
    expect(SIMULATED_SECRETS.sf(first.sf)).toEqual({ checkWord: first.sf.sharedSecret });
  });
});
