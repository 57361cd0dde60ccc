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
// and one line in SIMULATORS below.
import { createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import forge from 'node-forge';
import type { HttpResponse } from '../api-gateway.js';
import type { Log } from '../types.js';
import { AlipaySimulator } from './alipay.js';
import { SfSimulator } from './sf.js';
import { WECHATPAY_SIMULATOR_PREFIX, WechatpaySimulator } from './wechatpay.js';

export type SimulatedProvider = 'alipay' | 'wechatpay' | 'sf';

export interface ProtocolSimulator {
  readonly provider: SimulatedProvider;
  /** Its routes for the platform index, e.g. `POST /simulators/sf/std/service`; all under /simulators/<provider>/. */
  readonly routes: string[];
  /** Answers a request under /simulators/<provider>/. */
  handle(request: IncomingMessage, path: string, body: Buffer): Promise<HttpResponse>;
  /** True while a notification is under way (`Platform.idle`). */
  readonly busy: boolean;
  stop(): void;
}

/** A key pair as PEM: the private key PKCS#8, the public key SPKI. */
export interface KeyPair {
  privateKey: string;
  publicKey: string;
}

/** What a simulator and the county's secret for that provider are made from. */
export interface ProviderKeys {
  /** The provider's own key pair, and a self-signed certificate of it (WeChat Pay's platform certificate): it signs answers and notifications. */
  provider: KeyPair & { certificate: string; serialNumber: string };
  /** The merchant's (the county's) key pair: OneTrip signs its requests with the private key, the simulator checks them with the public one. */
  merchant: KeyPair & { serialNumber: string };
  /** A shared symmetric secret: SF's check word, WeChat Pay's API v3 key (32 characters). */
  sharedSecret: string;
}

export interface SimulatorOptions {
  /** The platform's URL: notifications go to `${baseUrl}/v1/callbacks/...`. */
  baseUrl: string;
  keys: ProviderKeys;
  /** The configured entry of this provider (its appId, mchId or partnerId), as the functions see it. */
  settings: Record<string, unknown>;
  log: Log;
  /** Where state is kept across restarts. @default memory only */
  stateFile?: string;
  /** Milliseconds between two steps the simulator takes by itself (a parcel's next route), or `manual`. @default the sandbox courier's */
  stepMs?: number | 'manual';
}

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
