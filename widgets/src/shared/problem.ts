/**
 * What a person is told when a request failed: the API's own reason when it answered, or
 * to check the connection when no answer came (`NETWORK`, see api.ts). One place, so every
 * element words a lost connection the same way.
 */
import { msg } from '@lit/localize';
import { answered } from './api.js';

/** The API's reason, or "check your connection". */
export const problemText = (error: unknown): string =>
  answered(error) ? error.message : msg('无法连接服务，请检查网络后重试。', { id: 'common.networkError' });
