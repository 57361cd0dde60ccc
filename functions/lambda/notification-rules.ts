/**
 * The county's notification rules (infra/config/counties.ts `notifications`), handed to the
 * notification functions as JSON in NOTIFICATION_RULES by the stack: the channels, the
 * quiet hours, the daily cap per phone. Absent: the defaults (SMS else email, 22:00–08:00,
 * 50 a day). Malformed: a configuration error, loudly, rather than messages sent at night.
 */
import { DEFAULT_NOTIFICATION_RULES, NOTIFICATION_RULES_VARIABLE, type NotificationRules } from '../../contracts/notification-rules.js';
import { jsonEnv } from './env.js';

export function notificationRules(): NotificationRules {
  return jsonEnv<NotificationRules>(NOTIFICATION_RULES_VARIABLE, DEFAULT_NOTIFICATION_RULES, (value) => ({ ...DEFAULT_NOTIFICATION_RULES, ...value }));
}
