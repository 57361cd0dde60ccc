/**
 * The item's own form, rendered from its JSON Schema as the catalog publishes it: text,
 * numbers, dates, choices (`enum`, English labels in `x-enum-en`), yes/no, nested groups
 * and repeated groups; labels from `title` / `x-title-en`, hints from `description` /
 * `x-description-en`. Also builds the data the schema validates from what was typed.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { formatDate } from './format.js';
import { checkboxField, checkboxGroup, fieldId, radioGroup, selectField, textField } from './fields.js';

/** What the applicant typed, as typed: numbers stay strings until the data is built. */
export type FormValue = string | boolean | FormValue[] | { [key: string]: FormValue };

export interface JsonSchema {
  type?: string;
  title?: string;
  description?: string;
  'x-title-en'?: string;
  'x-description-en'?: string;
  enum?: unknown[];
  'x-enum-en'?: string[];
  format?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  default?: unknown;
}

type Raw = FormValue | undefined;

export const title = (s: JsonSchema, english: boolean): string => (english ? s['x-title-en'] : undefined) ?? s.title ?? '';
export const description = (s: JsonSchema, english: boolean): string | undefined =>
  (english ? s['x-description-en'] : undefined) ?? s.description;

export function choices(s: JsonSchema, english: boolean) {
  return (s.enum ?? []).map((value, i) => ({ value: String(value), label: (english ? s['x-enum-en']?.[i] : undefined) ?? String(value) }));
}

const isObject = (v: Raw): v is { [key: string]: FormValue } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The raw value at a pointer under the form. */
export function getAt(root: FormValue | undefined, pointer: string): FormValue | undefined {
  let value = root;
  for (const part of pointer.split('/').filter(Boolean)) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, FormValue>)[part];
  }
  return value;
}

/** Sets the raw value at a pointer under the form, making the groups on the way. */
export function setAt(root: Record<string, FormValue>, pointer: string, value: FormValue): void {
  const parts = pointer.split('/').filter(Boolean);
  let target: Record<string, FormValue> = root;
  parts.slice(0, -1).forEach((part, i) => {
    const next = target[part];
    if (typeof next !== 'object' || next === null) target[part] = /^\d+$/.test(parts[i + 1] ?? '') ? [] : {};
    target = target[part] as Record<string, FormValue>;
  });
  target[parts.at(-1)!] = value;
}

/** The schema of the field at a pointer under the form, and whether it must be answered. */
export function schemaAt(root: JsonSchema, pointer: string): { schema: JsonSchema; required: boolean } | undefined {
  let schema: JsonSchema | undefined = root;
  let required = true;
  for (const part of pointer.split('/').filter(Boolean)) {
    if (schema?.type === 'array') schema = schema.items;
    else {
      required = schema?.required?.includes(part) ?? false;
      schema = schema?.properties?.[part];
    }
  }
  return schema && schema !== root ? { schema, required } : undefined;
}

/** A value as the form holds what is typed (numbers as text), to show it for editing. */
export function toRaw(value: unknown): FormValue | undefined {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.flatMap((v) => toRaw(v) ?? []);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, FormValue> = {};
    for (const [key, child] of Object.entries(value)) {
      const raw = toRaw(child);
      if (raw !== undefined) out[key] = raw;
    }
    return out;
  }
  return undefined;
}

/** The entries of a repeated group: at least `minItems` (one, when the group is required). */
export function entries(s: JsonSchema, raw: Raw, required: boolean): FormValue[] {
  if (Array.isArray(raw)) return raw;
  return Array.from({ length: Math.max(s.minItems ?? 0, required ? 1 : 0) }, () => ({}));
}

/** What the schema validates, from what was typed: blanks left out, numbers parsed, codes upper-cased. */
export function buildData(s: JsonSchema, raw: Raw, required = true): unknown {
  switch (s.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const source = isObject(raw) ? raw : {};
      for (const [name, child] of Object.entries(s.properties ?? {})) {
        const value = buildData(child, source[name], s.required?.includes(name) ?? false);
        if (value !== undefined) out[name] = value;
      }
      return out;
    }
    case 'array':
      return s.items?.type === 'object' ? entries(s, raw, required).map((entry) => buildData(s.items!, entry)) : raw;
    case 'boolean':
      return typeof raw === 'boolean' ? raw : typeof s.default === 'boolean' ? s.default : false;
    case 'number':
    case 'integer': {
      const text = typeof raw === 'string' ? raw.trim().replace(/[,，\s]/g, '') : undefined;
      if (!text) return typeof s.default === 'number' && raw === undefined ? s.default : undefined;
      const value = Number(text);
      // Not a number: send the text so the schema's own `type` error names the field.
      return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text) && Number.isFinite(value) ? value : text;
    }
    default: {
      if (typeof raw !== 'string') return undefined;
      const text = s.format?.startsWith('cn-') ? raw.replace(/\s/g, '').toUpperCase() : raw.trim();
      return text || undefined;
    }
  }
}

/** The label of a field by its pointer under `/form`: "股东（出资人） 2：姓名" for a repeated group's field. */
export function labelAt(root: JsonSchema, pointer: string, english: boolean): string {
  let schema: JsonSchema | undefined = root;
  let label = '';
  for (const part of pointer.split('/').filter(Boolean)) {
    if (!schema) break;
    if (schema.type === 'array') {
      label = `${label} ${Number(part) + 1}`;
      schema = schema.items;
    } else {
      schema = schema.properties?.[part];
      if (schema) label = label ? `${label}${english ? ': ' : '：'}${title(schema, english)}` : title(schema, english);
    }
  }
  return label || msg('申请信息', { id: 'apply.step.details' });
}

/** Whether a field is answered by choosing (so its message says "choose", not "enter"). */
export function isChoiceAt(root: JsonSchema, pointer: string): boolean {
  let schema: JsonSchema | undefined = root;
  for (const part of pointer.split('/').filter(Boolean)) schema = schema?.type === 'array' ? schema.items : schema?.properties?.[part];
  return Boolean(schema?.enum ?? schema?.items?.enum) || schema?.type === 'boolean';
}

export interface SchemaFormContext {
  english: boolean;
  /** The raw value at a pointer under the form, e.g. `/shareholders/0/name`. */
  value(pointer: string): Raw;
  set(pointer: string, value: FormValue): void;
  addEntry(pointer: string): void;
  removeEntry(pointer: string, index: number): void;
  error(pointer: string): string | undefined;
}

const FORMAT_INPUT: Record<string, Partial<Parameters<typeof textField>[0]>> = {
  'cn-id-number': { inputmode: 'text', maxlength: 18, code: true, width: 'medium' },
  'cn-credit-code': { inputmode: 'text', maxlength: 18, code: true, width: 'medium' },
  'cn-mobile': { type: 'tel', inputmode: 'tel', autocomplete: 'tel-national', maxlength: 11, width: 'medium' },
  date: { type: 'date', width: 'medium' },
  email: { type: 'email', inputmode: 'email', autocomplete: 'email' },
};

/** Renders one property (and, for groups, everything under it). `pointer` is relative to the form. */
export function renderProperty(ctx: SchemaFormContext, s: JsonSchema, pointer: string, required: boolean): TemplateResult {
  const id = fieldId(`/form${pointer}`);
  const common = { id, label: title(s, ctx.english), hint: description(s, ctx.english), error: ctx.error(pointer), required };
  const raw = ctx.value(pointer);

  if (s.type === 'object') {
    return html`<fieldset part="field" class="group">
      <legend part="label">${common.label}${required ? nothing : html` <span class="optional">${msg('（选填）', { id: 'apply.optional' })}</span>`}</legend>
      ${common.hint ? html`<div class="hint">${common.hint}</div>` : nothing}
      ${Object.entries(s.properties ?? {}).map(([name, child]) => renderProperty(ctx, child, `${pointer}/${name}`, s.required?.includes(name) ?? false))}
    </fieldset>`;
  }
  if (s.type === 'array' && s.items?.type === 'object') {
    const items = s.items;
    const list = entries(s, raw, required);
    const min = s.minItems ?? 0;
    return html`<div class="repeat" role="group" aria-labelledby="${id}-title">
      <h3 id="${id}-title" class="repeat-title">${common.label}</h3>
      ${common.hint ? html`<div class="hint">${common.hint}</div>` : nothing}
      ${list.map(
        (_entry, index) => html`<fieldset part="field" class="group entry">
          <legend part="label">${msg(str`${common.label} 第 ${index + 1} 项`, { id: 'apply.entry' })}</legend>
          ${Object.entries(items.properties ?? {}).map(([name, child]) =>
            renderProperty(ctx, child, `${pointer}/${index}/${name}`, items.required?.includes(name) ?? false),
          )}
          ${list.length > min
            ? html`<button type="button" part="button" class="secondary" @click=${() => ctx.removeEntry(pointer, index)}>
                ${msg(str`删除第 ${index + 1} 项`, { id: 'apply.removeEntry' })}<span class="visually-hidden">（${common.label}）</span>
              </button>`
            : nothing}
        </fieldset>`,
      )}
      ${common.error ? html`<p class="error-message" id="${id}-error"><span class="visually-hidden">${msg('错误：', { id: 'common.error' })}</span>${common.error}</p>` : nothing}
      ${list.length < (s.maxItems ?? Infinity)
        ? html`<button type="button" part="button" class="secondary" id=${id} aria-describedby=${common.error ? `${id}-error` : nothing}
            @click=${() => ctx.addEntry(pointer)}>${msg(str`添加${common.label}`, { id: 'apply.addEntry' })}</button>`
        : nothing}
    </div>`;
  }
  if (s.type === 'array' && s.items?.enum) {
    const values = Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : [];
    return checkboxGroup({ ...common, values, choices: choices(s.items, ctx.english), onChange: (v) => ctx.set(pointer, v) });
  }
  if (s.enum) {
    const options = { ...common, value: typeof raw === 'string' ? raw : '', choices: choices(s, ctx.english), onChange: (v: string) => ctx.set(pointer, v) };
    return s.enum.length <= 5 ? radioGroup(options) : selectField(options);
  }
  if (s.type === 'boolean') {
    const checked = typeof raw === 'boolean' ? raw : s.default === true;
    return checkboxField({ ...common, required: false, checked, onChange: (v) => ctx.set(pointer, v) });
  }
  const numeric = s.type === 'number' || s.type === 'integer';
  const fallback = raw === undefined && s.default !== undefined ? String(s.default) : '';
  return textField({
    ...common,
    value: typeof raw === 'string' ? raw : fallback,
    ...(numeric ? { inputmode: s.type === 'integer' ? 'numeric' : 'decimal', width: 'short' } : {}),
    ...(s.format ? FORMAT_INPUT[s.format] : {}),
    maxlength: s.maxLength ?? FORMAT_INPUT[s.format ?? '']?.maxlength,
    multiline: (s.maxLength ?? 0) > 200,
    onInput: (v) => ctx.set(pointer, v),
  });
}

/** The review step's text of one value. */
export function displayValue(s: JsonSchema, value: unknown, english: boolean): string {
  if (value === undefined || value === '') return '—';
  if (s.type === 'boolean') return value ? msg('是', { id: 'apply.yes' }) : msg('否', { id: 'apply.no' });
  if (Array.isArray(value)) return value.map((v) => displayValue(s.items ?? {}, v, english)).join(english ? ', ' : '、');
  if (s.enum) return choices(s, english).find((c) => c.value === String(value))?.label ?? String(value);
  // A date reads as every other date the widgets show ("2026年11月20日"), not as ISO.
  if (s.format === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  return String(value);
}

/** The review step's rows for the form: [label, text] for each answered field. */
export function reviewRows(s: JsonSchema, data: unknown, english: boolean, prefix = ''): [string, string][] {
  const rows: [string, string][] = [];
  const source = (data ?? {}) as Record<string, unknown>;
  for (const [name, child] of Object.entries(s.properties ?? {})) {
    const label = prefix ? `${prefix}${english ? ': ' : '：'}${title(child, english)}` : title(child, english);
    const value = source[name];
    if (child.type === 'object') rows.push(...reviewRows(child, value, english, label));
    else if (child.type === 'array' && child.items?.type === 'object' && Array.isArray(value))
      value.forEach((entry, i) => rows.push(...reviewRows(child.items!, entry, english, `${label} ${i + 1}`)));
    else rows.push([label, displayValue(child, value, english)]);
  }
  return rows;
}
