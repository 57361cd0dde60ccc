/**
 * The protocol-mode platform (`providers: 'protocol'`: Alipay, WeChat Pay and SF Express
 * behind their simulators) that the provider files share: providers.test.ts runs them in
 * one process, on one platform, started on first use.
 */
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let started: Promise<TestPlatform> | undefined;

export const protocolPlatform = (): Promise<TestPlatform> => (started ??= startTestPlatform('430600', { providers: 'protocol' }));

export async function stopProtocolPlatform(): Promise<void> {
  await (await started)?.stop();
}
