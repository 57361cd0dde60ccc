/**
 * The official notices (docs/notices.md): on an acceptance, a deficiency or a rejection, the
 * notices it issues, rendered, stored in the results bucket and recorded on the case.
 * Idempotent: a redelivered event finds its notices on the case and does nothing.
 */
import { issueNotices } from '../app/issue-notices.js';
import { queueWorker } from '../lambda/worker.js';

export const handler = queueWorker(issueNotices);
