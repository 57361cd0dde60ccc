/**
 * The county's notification rules (infra/config/counties.ts `notifications`), handed to the
 * notification functions as JSON in NOTIFICATION_RULES by the stack: the channels, the
 * quiet hours, the daily cap per phone. Absent: the defaults (SMS else email, 22:00–08:00,
 * 50 a day). Malformed: a configuration error, loudly, rather than messages sent at night.
 */
import { DEFAULT_NOTIFICATION_RULES, NOTIFICATION_RULES_VARIABLE, type NotificationRules } from '../../contracts/notification-rules.js';
import { ConfigurationError } from '../domain/errors.js';

let parsed: { raw: string; value: NotificationRules } | undefined;

export function notificationRules(): NotificationRules {
  const raw = process.env[NOTIFICATION_RULES_VARIABLE]?.trim();
  if (!raw) return DEFAULT_NOTIFICATION_RULES;
  if (parsed?.raw === raw) return parsed.value;
  let value: Partial<NotificationRules>;
  try {
    value = JSON.parse(raw) as Partial<NotificationRules>;
  } catch (error) {
    throw new ConfigurationError(`Environment variable ${NOTIFICATION_RULES_VARIABLE} is not JSON`, { cause: error });
  }
  parsed = { raw, value: { ...DEFAULT_NOTIFICATION_RULES, ...value } };
  return parsed.value;
}
