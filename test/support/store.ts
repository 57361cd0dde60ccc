/**
 * Points OneTrip's own store code (`functions/store/`), run inside the test process, at a
 * test platform's DynamoDB Local, as the local runtime points the functions: through the
 * table-name variables and the SDK's endpoint variable. Never at AWS, and never mocked.
 */
import { vi } from 'vitest';
import type { TestPlatform } from './platform.js';

export function useStoreOf(t: TestPlatform): void {
  vi.stubEnv('DATA_TABLE', t.dataTable);
  vi.stubEnv('OUTBOX_TABLE', t.outboxTable);
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', t.platform.endpoints.dynamodb);
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', t.platform.credentials.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', t.platform.credentials.secretAccessKey);
}
