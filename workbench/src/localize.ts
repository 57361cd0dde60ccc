/**
 * The workbench's languages: Chinese by default, English on request, through @lit/localize in
 * runtime mode with explicit message ids (`msg('队列', { id: 'nav.queue' })`). The English is
 * hand-kept in `locales/en.ts`. The choice is kept in the browser (localStorage) and sent to
 * the API as `Accept-Language`, which words its errors in it.
 */
import { configureLocalization } from '@lit/localize';

export type Locale = 'zh-CN' | 'en';

const LOCALE_KEY = 'onetrip.workbench.locale';

const { getLocale, setLocale } = configureLocalization({
  sourceLocale: 'zh-CN',
  targetLocales: ['en'],
  loadLocale: () => import('./locales/en.js'),
});

export const locale = (): Locale => (getLocale() === 'en' ? 'en' : 'zh-CN');

/** Switches every element's text, the page's `lang`, and what the API is asked for. */
export async function useLocale(value: Locale): Promise<void> {
  localStorage.setItem(LOCALE_KEY, value);
  document.documentElement.lang = value;
  if (getLocale() !== value) await setLocale(value);
}

/** The language chosen last in this browser, else Chinese. */
export const storedLocale = (): Locale => (localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'zh-CN');

/** A catalog text (`{zh, en}`) in the current language. */
export const text = (value: { zh: string; en: string } | undefined): string => (value ? (locale() === 'en' ? value.en : value.zh) : '');

/** A local date or an instant, as the staff member reads dates. */
export function formatDate(value: string | undefined, withTime = false): string {
  if (!value) return '';
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00+08:00` : value);
  return new Intl.DateTimeFormat(locale() === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'medium',
    ...(withTime ? { timeStyle: 'short' } : {}),
  }).format(date);
}
