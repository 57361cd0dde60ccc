/**
 * The county's supervision thresholds (infra/config/counties.ts `supervision`), handed to
 * every function as JSON in SUPERVISION_THRESHOLDS by the stack: when a task turns yellow.
 * Absent: the reform's defaults (20% of the promised time, or 1 working day). Malformed: a
 * configuration error, loudly, rather than a silently different warning.
 */
import { DEFAULT_THRESHOLDS, THRESHOLDS_VARIABLE, type SupervisionThresholds } from '../../contracts/supervision.js';
import { ConfigurationError } from '../domain/errors.js';

let parsed: { raw: string; value: SupervisionThresholds } | undefined;

export function supervisionThresholds(): SupervisionThresholds {
  const raw = process.env[THRESHOLDS_VARIABLE]?.trim();
  if (!raw) return DEFAULT_THRESHOLDS;
  if (parsed?.raw === raw) return parsed.value;
  let value: Partial<SupervisionThresholds>;
  try {
    value = JSON.parse(raw) as Partial<SupervisionThresholds>;
  } catch (error) {
    throw new ConfigurationError(`Environment variable ${THRESHOLDS_VARIABLE} is not JSON`, { cause: error });
  }
  const thresholds: SupervisionThresholds = {
    yellowShare: value.yellowShare ?? DEFAULT_THRESHOLDS.yellowShare,
    yellowDays: value.yellowDays ?? DEFAULT_THRESHOLDS.yellowDays,
    ...(value.items ? { items: value.items } : {}),
  };
  parsed = { raw, value: thresholds };
  return thresholds;
}
