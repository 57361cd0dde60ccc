// fauxqs, the in-memory SQS and S3 emulator, embedded in this process.
import { interceptLocalhostDns, startFauxqs, type FauxqsServer } from 'fauxqs';
import { EmulatorStartError } from './errors.js';

export type { FauxqsServer };

let dnsUsers = 0;
let restoreDns: (() => void) | undefined;

/**
 * fauxqs hands out AWS-shaped queue URLs (`http://sqs.<region>.localhost:<port>/...`),
 * and SDK v3 sends each SQS call to its QueueUrl's host. `*.localhost` is loopback by
 * RFC 6761, but glibc does not resolve it, so the lookup is taught to (in this process;
 * the function workers do the same for themselves).
 */
export function useLocalhostDns(): () => void {
  dnsUsers += 1;
  if (dnsUsers === 1) restoreDns = interceptLocalhostDns();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    dnsUsers -= 1;
    if (dnsUsers === 0) {
      restoreDns?.();
      restoreDns = undefined;
    }
  };
}

export async function startAwsEmulator(options: { port: number; region: string }): Promise<FauxqsServer> {
  try {
    return await startFauxqs({ port: options.port, logger: false, host: 'localhost', defaultRegion: options.region });
  } catch (error) {
    throw new EmulatorStartError(`fauxqs did not start on port ${options.port}`, { cause: error });
  }
}

/** The origin of fauxqs's queue URLs, which is also the SQS endpoint functions use. */
export function sqsOrigin(region: string, port: number): string {
  return `http://sqs.${region}.localhost:${port}`;
}
