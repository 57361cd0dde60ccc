/** What the tests of the local sandboxes (payment provider, courier) share. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNATURE_HEADER, signatureHeader } from '../../contracts/signature.js';

/** The receiver's clock, unix seconds, as `verifySignature` takes it. */
export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A callback's `occurredAt`: Shanghai time with its offset, to the millisecond. */
export const SHANGHAI_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/;

/** A POST as a provider adapter sends it: JSON, signed with `secret`. */
export function signedPost(url: string, body: unknown, secret: string): Promise<Response> {
  const raw = JSON.stringify(body);
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signatureHeader(secret, raw, nowSeconds()) },
    body: raw,
  });
}

/** A stand-in for OneTrip's callback route, on a random local port. */
export interface CallbackReceiver {
  /** `http://127.0.0.1:{port}`; any path is answered. */
  url: string;
  /** What it received, in order: the signature header and the raw body. */
  readonly received: Array<{ signature: string | undefined; body: string }>;
  /** Answers these statuses in turn from now on (the last one repeats), and forgets what it received. */
  answer(statuses: number[]): void;
  close(): Promise<void>;
}

export async function startCallbackReceiver(): Promise<CallbackReceiver> {
  let script: number[] = [200];
  const received: CallbackReceiver['received'] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ signature: request.headers[SIGNATURE_HEADER] as string | undefined, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(script.length > 1 ? script.shift()! : script[0]!).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    answer(statuses) {
      script = [...statuses];
      received.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
