/**
 * What free text a person types may hold: the one rule behind every name, address, note and
 * opinion the API takes (the `text` and `text-multiline` formats, contracts/formats.ts) and
 * the widgets check before sending. Text that breaks it was once stored, then could not be
 * printed on a certificate (issue 12, hole 5): control characters, bidi overrides that make a
 * name read differently from how it is stored, and unpaired surrogates that are not text at all.
 *
 * Pure and dependency-free, so the browser and the API run the very same function.
 */

/** Why a text is refused: the field error's `rule` (functions/lambda/messages.ts words each). */
export type TextProblem = 'control_character' | 'bidi_control' | 'lone_surrogate' | 'untrimmed' | 'blank';

export interface TextFinding {
  rule: TextProblem;
  /** The refused character as `U+XXXX`, for the rules about one character. */
  codePoint?: string;
}

export interface TextOptions {
  /** A field of several lines, where tab, line feed and carriage return are allowed. @default false */
  multiline?: boolean;
  /** Only refuse characters: leading or trailing spaces and blank text pass (form fields, whose schema says if they may be empty). @default false */
  charactersOnly?: boolean;
}

/** C0 controls, DEL and C1 controls (Unicode general category Cc). */
const CONTROL = /\p{Cc}/u;
/** The characters a multi-line field may hold among the controls. */
const LINE_CONTROLS = new Set(['\t', '\n', '\r']);
/** Embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069). */
const BIDI = /[\u202A-\u202E\u2066-\u2069]/u;
/** A surrogate code unit not part of a pair (with the `u` flag, pairs are read as one code point). */
const LONE_SURROGATE = /\p{Cs}/u;

const codePointOf = (c: string): string => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The first rule `s` breaks, or `undefined` when it is acceptable text. */
export function textProblem(s: string, options: TextOptions = {}): TextFinding | undefined {
  for (const c of s) {
    if (CONTROL.test(c) && !(options.multiline && LINE_CONTROLS.has(c))) return { rule: 'control_character', codePoint: codePointOf(c) };
    if (BIDI.test(c)) return { rule: 'bidi_control', codePoint: codePointOf(c) };
    if (LONE_SURROGATE.test(c)) return { rule: 'lone_surrogate', codePoint: codePointOf(c) };
  }
  if (options.charactersOnly) return undefined;
  if (s.trim() === '') return { rule: 'blank' };
  if (s.trim() !== s) return { rule: 'untrimmed' };
  return undefined;
}

/** The `text` format: one line, trimmed, not blank, no control, bidi or unpaired surrogate characters. */
export const isText = (s: string): boolean => textProblem(s) === undefined;

/** The `text-multiline` format: as `text`, but tab and line breaks are allowed. */
export const isMultilineText = (s: string): boolean => textProblem(s, { multiline: true }) === undefined;

/** The format names, and the options each checks with. */
export const TEXT_FORMATS: Readonly<Record<string, TextOptions>> = { text: {}, 'text-multiline': { multiline: true } };

/**
 * Every string inside `value` (a form's answers) that holds a refused character, by JSON
 * pointer under `prefix`. Form fields may span lines and their schemas say whether they may
 * be empty, so only characters are checked here.
 */
export function textProblemsIn(value: unknown, prefix = ''): Array<{ path: string } & TextFinding> {
  if (typeof value === 'string') {
    const found = textProblem(value, { multiline: true, charactersOnly: true });
    return found ? [{ path: prefix || '/', ...found }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => textProblemsIn(item, `${prefix}/${index}`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => textProblemsIn(item, `${prefix}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`));
  }
  return [];
}

/** The member of `data` a JSON pointer (`/applicant/name`) names: how a schema error's `instancePath` finds the refused text. */
export function memberAt(data: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined), data);
}
