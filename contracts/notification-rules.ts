/**
 * The county's notification rules (infra/config/counties.ts `notifications`,
 * docs/notifications.md "Rules"), handed by the stack to the notification functions as JSON
 * in {@link NOTIFICATION_RULES_VARIABLE}: which outside channels the county uses, its quiet
 * hours and the daily cap per phone.
 */
import type { LocalizedText } from './catalog.js';
import type { Channel } from './notifications.js';

/** Environment variable through which functions learn the county's rules (JSON of {@link NotificationRules}). */
export const NOTIFICATION_RULES_VARIABLE = 'NOTIFICATION_RULES';

/** `HH:MM`, Asia/Shanghai. */
export type ClockTime = `${number}:${number}`;

export interface NotificationRules {
  /** The outside channels the applicant may be reached on (in-app is always on): SMS first, else email. */
  channels: Exclude<Channel, 'inapp'>[];
  /** Non-urgent SMS and email wait from `start` until `end` (the next morning when `start` > `end`). */
  quietHours: { start: ClockTime; end: ClockTime };
  /** SMS a phone number receives per Shanghai day at most; the next is `capped` (and sent by email where the applicant gave one). */
  smsDailyCap: number;
  /** The courier's name, as the `shipped` message says it. */
  courier: LocalizedText;
}

export const DEFAULT_NOTIFICATION_RULES: NotificationRules = {
  channels: ['sms', 'email'],
  quietHours: { start: '22:00', end: '08:00' },
  smsDailyCap: 50,
  courier: { zh: '中国邮政', en: 'China Post' },
};
