// The protocol simulators of `npm start -- --providers protocol` (startPlatform's
// `providers: 'protocol'`): Alipay, WeChat Pay and SF Express as their own open platforms
// behave, served under /simulators/<provider>/ on the runtime's port, so the real adapters
// (functions/payments/alipay.ts, wechatpay.ts, functions/courier/sf.ts) run unchanged
// against them. Each checks requests the provider's way and signs its answers and
// notifications the provider's way, with keys generated at start (keys.ts-like, below) and
// kept in the data dir (`protocol-keys.json`), from which the runtime also fills the
// county's imported provider secrets (docs/deploy.md, "Provider secrets").
//
// Adding a simulator: a class implementing ProtocolSimulator in local/simulators/<provider>.ts,
// and one line in SIMULATORS below (the interface is in types.ts).
import { createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import forge from 'node-forge';
import { AlipaySimulator } from './alipay.js';
import { SfSimulator } from './sf.js';
import { WECHATPAY_SIMULATOR_PREFIX, WechatpaySimulator } from './wechatpay.js';
import type { KeyPair, ProtocolSimulator, ProviderKeys, SimulatedProvider, SimulatorOptions } from './types.js';

export type { KeyPair, ProtocolSimulator, ProviderKeys, SimulatedProvider, SimulatorOptions };

interface Registration {
  create: (options: SimulatorOptions) => ProtocolSimulator;
  /** The path the functions' `url` points at, below the platform's URL. */
  path: string;
}

/** One line per simulator. */
export const SIMULATORS: Partial<Record<SimulatedProvider, Registration>> = {
  alipay: { create: (options) => new AlipaySimulator(options), path: '/simulators/alipay/gateway.do' },
  sf: { create: (options) => new SfSimulator(options), path: '/simulators/sf/std/service' },
  wechatpay: { create: (options) => new WechatpaySimulator(options), path: WECHATPAY_SIMULATOR_PREFIX },
};

/** The county's secret for each provider, as its adapter reads it (docs/providers/<provider>.md), made from its keys. */
export const SIMULATED_SECRETS: Record<SimulatedProvider, (keys: ProviderKeys) => Record<string, unknown>> = {
  alipay: (keys) => ({ appPrivateKey: keys.merchant.privateKey, alipayPublicKey: keys.provider.publicKey }),
  wechatpay: (keys) => ({
    merchantPrivateKey: keys.merchant.privateKey,
    merchantSerialNumber: keys.merchant.serialNumber,
    apiV3Key: keys.sharedSecret,
    platformCertificates: [{ serialNumber: keys.provider.serialNumber, certificate: keys.provider.certificate }],
  }),
  sf: (keys) => ({ checkWord: keys.sharedSecret }),
};

/** The path below the platform's URL the functions' `url` of `provider` points at. */
export const simulatedPath = (provider: SimulatedProvider): string => SIMULATORS[provider]?.path ?? `/simulators/${provider}`;

function keyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  return { privateKey, publicKey };
}

const serial = () => randomBytes(20).toString('hex').toUpperCase().replace(/^[89A-F]/, '1');

/** A self-signed X.509 certificate (ten years) of `pair`, with serial number `serialNumber` (hex). */
function selfSigned(pair: KeyPair, serialNumber: string, commonName: string): string {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(pair.publicKey);
  certificate.serialNumber = serialNumber;
  const now = Date.now();
  certificate.validity.notBefore = new Date(now - 24 * 3600 * 1000);
  certificate.validity.notAfter = new Date(now + 10 * 365 * 24 * 3600 * 1000);
  const attributes = [{ shortName: 'CN', value: commonName }];
  certificate.setSubject(attributes);
  certificate.setIssuer(attributes);
  const privateKey = forge.pki.privateKeyFromPem(createPrivateKey(pair.privateKey).export({ type: 'pkcs1', format: 'pem' }).toString());
  certificate.sign(privateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(certificate);
}

/** New keys for one provider: RSA 2048 pairs for both sides, the provider's certificate, a 32-character shared secret. */
export function generateProviderKeys(provider: SimulatedProvider): ProviderKeys {
  const own = keyPair();
  const providerSerial = serial();
  return {
    provider: { ...own, serialNumber: providerSerial, certificate: selfSigned(own, providerSerial, `${provider} simulator (OneTrip local)`) },
    merchant: { ...keyPair(), serialNumber: serial() },
    sharedSecret: randomBytes(24).toString('base64url').slice(0, 32),
  };
}

/** The keys of `providers`, kept in `file` (made once per data dir; `--fresh` makes new ones). */
export function loadProviderKeys(file: string, providers: SimulatedProvider[]): Record<SimulatedProvider, ProviderKeys> {
  const kept = (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}) as Partial<Record<SimulatedProvider, ProviderKeys>>;
  const missing = providers.filter((provider) => !kept[provider]);
  for (const provider of missing) kept[provider] = generateProviderKeys(provider);
  if (missing.length > 0) writeFileSync(file, JSON.stringify(kept, null, 2), { mode: 0o600 });
  return kept as Record<SimulatedProvider, ProviderKeys>;
}
