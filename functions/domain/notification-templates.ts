/**
 * Notification wording (docs/notifications.md, "Templates"): the templates a catalog version
 * publishes (`catalog/versions/<v>/notifications/templates.json`), rendered in the
 * recipient's language with the placeholders' values, and the SMS as the phone shows it.
 *
 * Which placeholders a template may name is the contract's (`NOTIFICATION_TEMPLATES`);
 * `validateCatalog` refuses a template naming any other, so a template of a published
 * version renders with the values its spec lists.
 */
import { publishedCatalogs } from '../../catalog/index.js';
import type { LocalizedText } from '../../contracts/catalog.js';
import {
  NOTIFICATION_TEMPLATES,
  type NotificationLanguage,
  type NotificationTemplate,
  type NotificationTemplates,
  type TemplateSpec,
} from '../../contracts/notifications.js';
import { ConfigurationError } from './errors.js';

/**
 * The signature (签名) every SMS starts with, as carriers require: the one registered for
 * the counties' sign name, counted in each message's segment budget.
 */
export const SMS_SIGNATURE = '【岳阳政务服务】';

/** `{name}`: a placeholder, named in camelCase ASCII as the contract's are. */
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The templates of a catalog version; ConfigurationError when it has none. */
export function notificationTemplates(catalogVersion: string): NotificationTemplates {
  const templates = publishedCatalogs[catalogVersion]?.notifications;
  if (!templates) throw new ConfigurationError(`Catalog version ${catalogVersion} has no notification templates`);
  return templates;
}

const textIn = (text: LocalizedText, language: NotificationLanguage): string => (language === 'en' ? text.en : text.zh);

/** One part of a template in a language, its {placeholders} replaced (every one must be given). */
export function renderTemplate(
  template: NotificationTemplate,
  part: 'sms' | 'subject' | 'body',
  language: NotificationLanguage,
  params: Record<string, string>,
): string {
  const text = template[part];
  if (!text) throw new RangeError(`The template has no ${part} part`);
  return textIn(text, language).replace(PLACEHOLDER, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new RangeError(`No value for the placeholder {${name}}`);
    return value;
  });
}

/** The SMS as the phone shows it: the county's signature `SMS_SIGNATURE` (【岳阳政务服务】) + the rendered sms part. */
export function smsBody(template: NotificationTemplate, language: NotificationLanguage, params: Record<string, string>): string {
  return `${SMS_SIGNATURE}${renderTemplate(template, 'sms', language, params)}`;
}

/**
 * Characters per segment: 70 for one, 67 each when split. Every message is sent in UCS-2
 * (the signature is Chinese, so even an English text is), where a segment holds 70 UTF-16
 * code units, 67 once a header joins the parts; `length` counts exactly those units.
 */
export function fitsSegments(text: string, segments: 1 | 2): boolean {
  return text.length <= (segments === 1 ? 70 : 67 * segments);
}

const PARTS = ['sms', 'subject', 'body'] as const;
const LANGUAGE_KEYS = ['zh', 'en'] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Every problem of a version's `notifications` (part of `validateCatalog`): a template
 * missing or unknown, a part or a language missing, an SMS where the spec sends none (or
 * none where it does), a placeholder the spec does not list, a stray brace.
 */
export function notificationTemplateProblems(templates: unknown): string[] {
  if (!isRecord(templates)) return ['notifications: must map every template id to its template'];
  const problems: string[] = [];
  const specs: Record<string, TemplateSpec> = NOTIFICATION_TEMPLATES;
  for (const id of Object.keys(specs)) if (!(id in templates)) problems.push(`notifications.${id}: missing`);
  for (const [id, template] of Object.entries(templates)) {
    const spec = specs[id];
    if (!spec) {
      problems.push(`notifications.${id}: not a template id (${Object.keys(specs).join(', ')})`);
      continue;
    }
    if (!isRecord(template)) {
      problems.push(`notifications.${id}: must be an object with subject and body (and sms where the spec sends one)`);
      continue;
    }
    for (const part of Object.keys(template)) {
      if (!(PARTS as readonly string[]).includes(part)) problems.push(`notifications.${id}.${part}: not a part (sms, subject, body)`);
    }
    if (spec.smsSegments === undefined && template.sms !== undefined) problems.push(`notifications.${id}.sms: the spec sends no SMS`);
    if (spec.smsSegments !== undefined && template.sms === undefined) problems.push(`notifications.${id}.sms: missing (the spec sends an SMS)`);
    for (const part of PARTS) {
      const text = template[part];
      if (text === undefined && part === 'sms') continue;
      for (const language of LANGUAGE_KEYS) {
        const where = `notifications.${id}.${part}.${language}`;
        const wording = isRecord(text) ? text[language] : undefined;
        if (typeof wording !== 'string' || !wording.trim()) {
          problems.push(`${where}: missing`);
          continue;
        }
        for (const [, name] of wording.matchAll(PLACEHOLDER)) {
          if (!spec.placeholders.includes(name as string)) problems.push(`${where}: unknown placeholder {${name}}`);
        }
        if (/[{}]/.test(wording.replace(PLACEHOLDER, ''))) problems.push(`${where}: a brace that is not part of a {placeholder}`);
      }
    }
  }
  return problems;
}
