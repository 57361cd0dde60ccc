/**
 * The caller's language, negotiated from `Accept-Language` (RFC 9110 §12.5.4): the API
 * words its error messages in Chinese or English. Chinese is the default, as it is for
 * the widgets: a client that sends no preference, or one OneTrip does not speak, is
 * answered in Chinese.
 */
import type { NotificationLanguage } from '../../contracts/notifications.js';

export const LANGUAGES = ['zh', 'en'] as const;

export type Language = (typeof LANGUAGES)[number];

/** @default zh: the language of the counties OneTrip serves. */
export const DEFAULT_LANGUAGE: Language = 'zh';

/** The value of `Content-Language` for each language. */
export const CONTENT_LANGUAGE: Readonly<Record<Language, NotificationLanguage>> = { zh: 'zh-CN', en: 'en' };

/** `zh`, `zh-CN`, `zh-Hans-CN`… are Chinese; `en`, `en-GB`… English; `*` is any, so the default. */
function languageOfTag(tag: string): Language | undefined {
  if (tag === '*') return DEFAULT_LANGUAGE;
  const primary = tag.split('-')[0];
  return (LANGUAGES as readonly string[]).includes(primary ?? '') ? (primary as Language) : undefined;
}

/**
 * The language to answer in: the one OneTrip speaks that the header ranks highest (`q`,
 * default 1; `q=0` refuses it; the first listed wins a tie), else the default, unless
 * the caller refused it.
 */
export function negotiateLanguage(acceptLanguage: string | undefined): Language {
  let best: { language: Language; q: number } | undefined;
  const refused = new Set<Language>();
  for (const part of (acceptLanguage ?? '').split(',')) {
    const [tag = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const language = languageOfTag(tag);
    if (!language) continue;
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0) {
      if (tag !== '*') refused.add(language);
      continue;
    }
    if (!best || q > best.q) best = { language, q };
  }
  if (best) return best.language;
  return refused.has(DEFAULT_LANGUAGE) ? (LANGUAGES.find((l) => !refused.has(l)) ?? DEFAULT_LANGUAGE) : DEFAULT_LANGUAGE;
}
