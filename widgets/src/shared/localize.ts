/**
 * Chinese by default, English on request, through @lit/localize in runtime mode. The
 * translations are hand-kept in `locales/en.ts`, keyed by explicit message ids
 * (`msg('下一步', { id: 'common.next' })`), so no generated files are needed.
 *
 * Localization is per page: the last widget told `locale="en"` switches every OneTrip
 * widget on the page (an agency page is in one language).
 */
import { configureLocalization } from '@lit/localize';

export const SOURCE_LOCALE = 'zh-CN';
export const TARGET_LOCALES = ['en'] as const;
export type Locale = typeof SOURCE_LOCALE | (typeof TARGET_LOCALES)[number];

type Localization = ReturnType<typeof configureLocalization>;
const REGISTRY = Symbol.for('onetrip.localization');

/**
 * lit-localize may be configured once per page. A page can load the bundle twice under
 * two URLs (`onetrip.js` and `onetrip.js?v=2`): the second copy reuses the first's.
 */
function localization(): Localization {
  const registry = globalThis as unknown as Record<symbol, Localization | undefined>;
  registry[REGISTRY] ??= configureLocalization({
    sourceLocale: SOURCE_LOCALE,
    targetLocales: TARGET_LOCALES,
    loadLocale: () => import('../locales/en.js'),
  });
  return registry[REGISTRY]!;
}

const { getLocale, setLocale } = localization();

export { getLocale };

/** `en`, `en-US` → `en`; anything else (or nothing) → Chinese. */
export function normalizeLocale(value: string | null | undefined): Locale {
  return value && /^en\b/i.test(value) ? 'en' : SOURCE_LOCALE;
}

export async function useLocale(value: string | null | undefined): Promise<void> {
  const locale = normalizeLocale(value);
  if (getLocale() !== locale) await setLocale(locale);
}

/** BCP 47 tag for Intl and the `lang` attribute. */
export const intlLocale = (): string => (getLocale() === 'en' ? 'en' : 'zh-CN');
