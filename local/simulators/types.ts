// What every protocol simulator is and is made from (local/simulators/index.ts registers them).
import type { IncomingMessage } from 'node:http';
import type { HttpResponse } from '../api-gateway.js';
import type { Log } from '../types.js';

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
