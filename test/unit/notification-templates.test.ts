/**
 * The notification templates of the catalog (docs/notifications.md, "Templates"): every one
 * renders in both languages with the longest values it can realistically be given, every
 * SMS fits its segment budget with the signature, and `validateCatalog` refuses a template
 * that breaks the contract (`NOTIFICATION_TEMPLATES`).
 */
import { describe, it, expect } from 'vitest';
import { publishedCatalogs } from '../../catalog/index.js';
import type { CatalogSource, LocalizedText } from '../../contracts/catalog.js';
import { formatFen } from '../../contracts/money.js';
import { NOTIFICATION_LANGUAGES, NOTIFICATION_TEMPLATES, TEMPLATE_IDS, type NotificationLanguage } from '../../contracts/notifications.js';
import { validateCatalog } from '../../functions/domain/catalog-validation.js';
import { receiptNumber } from '../../functions/domain/codes.js';
import { ConfigurationError } from '../../functions/domain/errors.js';
import { fitsSegments, notificationTemplates, renderTemplate, smsBody } from '../../functions/domain/notification-templates.js';
import { ticketNumberOf } from '../../functions/domain/tickets.js';
import { counties } from '../../infra/config/counties.js';
import { CATALOG_VERSION } from '../support/fixtures.js';

const source = publishedCatalogs[CATALOG_VERSION] as CatalogSource;
const templates = notificationTemplates(CATALOG_VERSION);

const key = (language: NotificationLanguage): keyof LocalizedText => (language === 'en' ? 'en' : 'zh');
const longest = (values: string[]): string => values.reduce((a, b) => (b.length > a.length ? b : a));

/**
 * The longest value each placeholder can realistically hold in a language: names from the
 * catalog (an item or a bundle, a material, a department), the longest county's receipt
 * number (a management area's `430600-quyuan-…`), an 8-digit amount, a date written
 * either way a sender may write it.
 */
function longestValues(language: NotificationLanguage): Record<string, string> {
  const l = key(language);
  const receipt = receiptNumber(longest(counties.map((c) => c.code)), '2026-12-31', 999_999);
  const date = longest(['2026-12-31', language === 'en' ? '30 September 2026' : '2026年12月31日']);
  return {
    receiptNumber: receipt,
    ticketNumber: ticketNumberOf(receipt),
    item: longest([...source.items, ...(source.bundles ?? [])].map((i) => i.name[l])),
    material: longest(source.items.flatMap((i) => i.materials.map((m) => m.name[l]))),
    department: longest(source.departments.map((d) => d.name[l])),
    count: '99',
    amount: formatFen(1_234_567_890),
    promisedDate: date,
    dueDate: date,
    legalDate: date,
    replyBy: date,
    courier: language === 'en' ? 'China Post EMS' : '中国邮政速递物流',
    waybillNumber: 'EA123456785CN',
    hall: longest(counties.map((c) => (language === 'en' ? `${c.name.en} Government Service Centre` : `${c.name.zh}政务服务中心`))),
  };
}

describe(`the notification templates of ${CATALOG_VERSION}`, () => {
  const cases = TEMPLATE_IDS.flatMap((id) => NOTIFICATION_LANGUAGES.map((language) => [id, language] as const));

  it.each(cases)('%s renders in %s with the longest values, no placeholder left', (id, language) => {
    // Prepare
    const params = longestValues(language);

    // Act
    const parts = (['subject', 'body', ...(templates[id].sms ? ['sms' as const] : [])] as const).map((part) => renderTemplate(templates[id], part, language, params));

    // Assess
    for (const text of parts) expect(text).not.toMatch(/[{}]/);
    expect(parts.join('')).toContain(params.receiptNumber);
  });

  it.each(cases.filter(([id]) => 'smsSegments' in NOTIFICATION_TEMPLATES[id]))('%s SMS in %s fits its segment budget with the signature', (id, language) => {
    // Prepare
    const budget = (NOTIFICATION_TEMPLATES[id] as { smsSegments: 1 | 2 }).smsSegments;

    // Act
    const text = smsBody(templates[id], language, longestValues(language));

    // Assess
    expect(text.startsWith('【岳阳政务服务】')).toBe(true);
    expect(fitsSegments(text, budget), `${text} (${text.length} characters)`).toBe(true);
  });

  it('never name the query code, nor send staff messages by SMS', () => {
    const text = JSON.stringify(templates);
    expect(text).not.toContain('{queryCode}');
    for (const id of TEMPLATE_IDS) expect(templates[id].sms === undefined).toBe(NOTIFICATION_TEMPLATES[id].audience === 'staff');
  });
});

describe('rendering', () => {
  it('replaces every placeholder and refuses one without a value', () => {
    // Prepare
    const template = templates.accepted;
    const params = { receiptNumber: '430602-20261207-000042', item: '食品经营许可', promisedDate: '2026年12月14日' };

    // Act
    const sms = smsBody(template, 'zh-CN', params);

    // Assess
    expect(sms).toBe('【岳阳政务服务】您的申请430602-20261207-000042已受理，承诺于2026年12月14日前办结。');
    expect(renderTemplate(template, 'subject', 'en', params)).toBe('Your application 430602-20261207-000042 is accepted');
    expect(() => renderTemplate(template, 'body', 'zh-CN', { receiptNumber: 'x', item: 'y' })).toThrow('{promisedDate}');
    expect(() => renderTemplate(templates.task_assigned, 'sms', 'zh-CN', params)).toThrow(RangeError);
  });

  it('finds no templates in a version published before them', () => {
    expect(() => notificationTemplates('2026.12.1')).toThrow(ConfigurationError);
    expect(() => notificationTemplates('1999.1.1')).toThrow(ConfigurationError);
  });

  it('counts 70 characters for one segment and 67 for each of two', () => {
    expect(fitsSegments('短'.repeat(70), 1)).toBe(true);
    expect(fitsSegments('短'.repeat(71), 1)).toBe(false);
    expect(fitsSegments('短'.repeat(134), 2)).toBe(true);
    expect(fitsSegments('短'.repeat(135), 2)).toBe(false);
  });
});

describe('validateCatalog refuses notification templates that break the contract', () => {
  /** The served version with its templates edited by `edit`. */
  function withTemplates(edit: (t: Record<string, Record<string, Record<string, string> | undefined>>) => void): CatalogSource {
    const copy = structuredClone(source);
    edit(copy.notifications as unknown as Record<string, Record<string, Record<string, string> | undefined>>);
    return copy;
  }

  it.each([
    ['a template missing', (t) => delete t.accepted, 'notifications.accepted: missing'],
    ['an unknown template id', (t) => (t.welcome = t.submitted!), 'notifications.welcome: not a template id'],
    ['a language missing', (t) => delete t.approved!.body!.en, 'notifications.approved.body.en: missing'],
    ['a part missing', (t) => delete t.rejected!.subject, 'notifications.rejected.subject.zh: missing'],
    ['an SMS where the spec has none', (t) => (t.task_assigned!.sms = t.submitted!.sms), 'notifications.task_assigned.sms: the spec sends no SMS'],
    ['no SMS where the spec has one', (t) => delete t.shipped!.sms, 'notifications.shipped.sms: missing (the spec sends an SMS)'],
    ['a placeholder the spec does not list', (t) => (t.accepted!.sms!.zh = '您的申请{receiptNumber}已受理，查询码{queryCode}。'), 'notifications.accepted.sms.zh: unknown placeholder {queryCode}'],
    ['a stray brace', (t) => (t.delivered!.body!.en = 'Delivered {receiptNumber'), 'notifications.delivered.body.en: a brace that is not part of a {placeholder}'],
  ] as const satisfies readonly (readonly [string, (t: Record<string, Record<string, Record<string, string> | undefined>>) => unknown, string])[])(
    '%s',
    (_, edit, problem) => {
      // Act
      const problems = validateCatalog(withTemplates(edit));

      // Assess
      expect(problems).toContainEqual(expect.stringContaining(problem));
    },
  );

  it('accepts the served version as published', () => {
    expect(validateCatalog(source)).toEqual([]);
  });
});
