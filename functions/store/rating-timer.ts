/**
 * The case's `rating` timer (CONTRACT: spread into the case item): once the case finished,
 * unrated and not yet invited, it stands in `WATCH#rating` due 3 days after it finished, so the
 * deadline watch finds the invitations that fell due with one Query (docs/ratings.md).
 */
import { invitationDueAt } from '../domain/ratings.js';
import type { CaseRecord } from '../domain/records.js';
import { timerAttributes, timerPartition } from './keys.js';

export const ratingTimer = (c: CaseRecord) => timerAttributes(timerPartition('rating'), invitationDueAt(c), c.caseId);
