/**
 * The county's supervision thresholds (infra/config/counties.ts `supervision`), handed to
 * every function as JSON in SUPERVISION_THRESHOLDS by the stack: when a task turns yellow.
 * Absent: the reform's defaults (20% of the promised time, or 1 working day). Malformed: a
 * configuration error, loudly, rather than a silently different warning.
 */
import { DEFAULT_THRESHOLDS, THRESHOLDS_VARIABLE, type SupervisionThresholds } from '../../contracts/supervision.js';
import { jsonEnv } from './env.js';

export function supervisionThresholds(): SupervisionThresholds {
  return jsonEnv<SupervisionThresholds>(THRESHOLDS_VARIABLE, DEFAULT_THRESHOLDS, (value) => ({
    yellowShare: value.yellowShare ?? DEFAULT_THRESHOLDS.yellowShare,
    yellowDays: value.yellowDays ?? DEFAULT_THRESHOLDS.yellowDays,
    ...(value.items ? { items: value.items } : {}),
  }));
}
