/**
 * The field templates every step uses, built the GOV.UK way: a `<label for>` (or a
 * fieldset with its legend for a group), the hint and the error tied to the control with
 * `aria-describedby`, `aria-invalid` on a control in error, and the error message read
 * with a visually hidden "错误：" / "Error:" prefix. Required fields say so in words.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { msg, str } from '@lit/localize';
import type { GuideMaterial } from '../../../contracts/guides.js';
import { formatBytes } from './format.js';
import { intlLocale } from './localize.js';

export interface FieldOptions {
  /** Id of the control (of the first radio in a group): error summary links point to it. */
  id: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
}

export interface Choice {
  value: string;
  label: string;
}

/** JSON pointer → an id that is valid and unique in the widget's shadow root. */
export const fieldId = (pointer: string): string => `f${pointer.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** The id of a material's file field. */
export const materialId = (code: string): string => fieldId(`/material/${code}`);

const TYPE_NAMES: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG' };

/** The file types a material accepts, in words: "PDF、JPG 或 PNG" / "PDF, JPG, or PNG". */
export const fileKinds = (m: GuideMaterial): string =>
  new Intl.ListFormat(intlLocale(), { type: 'disjunction' }).format(m.contentTypes.map((t) => TYPE_NAMES[t] ?? t));

/** What a material's file field accepts, worded once for every form that takes a file: "PDF、JPG 或 PNG 文件，不超过 10 MB". */
export const fileHint = (m: GuideMaterial): string =>
  msg(str`${fileKinds(m)} 文件，不超过 ${formatBytes(m.maxBytes)}`, { id: 'common.fileHint' });

const describedBy = (o: FieldOptions): string | undefined =>
  [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : ''].filter(Boolean).join(' ') || undefined;

const requiredMark = (required?: boolean) =>
  required ? html` <span class="required">${msg('（必填）', { id: 'apply.required' })}</span>` : nothing;

const hint = (o: FieldOptions) => (o.hint ? html`<div class="hint" id="${o.id}-hint">${o.hint}</div>` : nothing);

export const errorMessage = (id: string, error?: string) =>
  error
    ? html`<p class="error-message" id="${id}-error"><span class="visually-hidden">${msg('错误：', { id: 'common.error' })}</span>${error}</p>`
    : nothing;

export interface TextOptions extends FieldOptions {
  value: string;
  type?: 'text' | 'tel' | 'email' | 'date';
  inputmode?: 'text' | 'numeric' | 'decimal' | 'tel' | 'email';
  autocomplete?: string;
  maxlength?: number;
  min?: string;
  max?: string;
  /** Codes and numbers: no spell check, capitals on touch keyboards. */
  code?: boolean;
  multiline?: boolean;
  width?: 'short' | 'medium';
  onInput: (value: string) => void;
}

export function textField(o: TextOptions): TemplateResult {
  const input = (event: Event) => o.onInput((event.target as HTMLInputElement).value);
  const control = o.multiline
    ? html`<textarea part="input" id=${o.id} rows="3" maxlength=${ifDefined(o.maxlength)} aria-describedby=${ifDefined(describedBy(o))}
        aria-invalid=${o.error ? 'true' : 'false'} .value=${o.value} @input=${input}></textarea>`
    : html`<input part="input" id=${o.id} class=${o.width ?? ''} type=${o.type ?? 'text'} inputmode=${ifDefined(o.inputmode)}
        autocomplete=${o.autocomplete ?? 'off'} maxlength=${ifDefined(o.maxlength)} min=${ifDefined(o.min)} max=${ifDefined(o.max)}
        spellcheck=${o.code ? 'false' : nothing} autocapitalize=${o.code ? 'characters' : nothing}
        aria-describedby=${ifDefined(describedBy(o))} aria-invalid=${o.error ? 'true' : 'false'} .value=${o.value} @input=${input} />`;
  return html`<div part="field" class="field ${o.error ? 'field-error' : ''}">
    <label part="label" for=${o.id}>${o.label}${requiredMark(o.required)}</label>
    ${hint(o)} ${errorMessage(o.id, o.error)} ${control}
  </div>`;
}

export interface ChoiceOptions extends FieldOptions {
  value: string;
  choices: Choice[];
  onChange: (value: string) => void;
}

/** The id of a group's `i`th option: the group's own id for the first, which error summaries link to. */
const optionId = (id: string, i: number) => (i === 0 ? id : `${id}-${i}`);

/** A radio group in a fieldset; arrow keys move between the options. */
export function radioGroup(o: ChoiceOptions): TemplateResult {
  return html`<fieldset part="field" class="field ${o.error ? 'field-error' : ''}" aria-describedby=${ifDefined(describedBy(o))}>
    <legend part="label">${o.label}${requiredMark(o.required)}</legend>
    ${hint(o)} ${errorMessage(o.id, o.error)}
    <div class="radios">
      ${o.choices.map(
        (c, i) => html`<div class="choice">
          <input part="input" type="radio" id=${optionId(o.id, i)} name=${o.id} .value=${c.value}
            .checked=${o.value === c.value} aria-invalid=${o.error ? 'true' : 'false'} @change=${() => o.onChange(c.value)} />
          <label for=${optionId(o.id, i)}>${c.label}</label>
        </div>`,
      )}
    </div>
  </fieldset>`;
}

export function selectField(o: ChoiceOptions): TemplateResult {
  return html`<div part="field" class="field ${o.error ? 'field-error' : ''}">
    <label part="label" for=${o.id}>${o.label}${requiredMark(o.required)}</label>
    ${hint(o)} ${errorMessage(o.id, o.error)}
    <select part="input" id=${o.id} aria-describedby=${ifDefined(describedBy(o))} aria-invalid=${o.error ? 'true' : 'false'}
      @change=${(event: Event) => o.onChange((event.target as HTMLSelectElement).value)}>
      <option value="" ?selected=${!o.value}>${msg('请选择', { id: 'apply.choose' })}</option>
      ${o.choices.map((c) => html`<option .value=${c.value} ?selected=${o.value === c.value}>${c.label}</option>`)}
    </select>
  </div>`;
}

export interface CheckboxesOptions extends FieldOptions {
  values: string[];
  choices: Choice[];
  onChange: (values: string[]) => void;
}

/** Several choices (an array of enumerated values): checkboxes in a fieldset. */
export function checkboxGroup(o: CheckboxesOptions): TemplateResult {
  const toggle = (value: string, on: boolean) =>
    o.onChange(o.choices.map((c) => c.value).filter((v) => (v === value ? on : o.values.includes(v))));
  return html`<fieldset part="field" class="field ${o.error ? 'field-error' : ''}" aria-describedby=${ifDefined(describedBy(o))}>
    <legend part="label">${o.label}${requiredMark(o.required)}</legend>
    ${hint(o)} ${errorMessage(o.id, o.error)}
    <div class="radios">
      ${o.choices.map(
        (c, i) => html`<div class="choice">
          <input part="input" type="checkbox" id=${optionId(o.id, i)} .value=${c.value} .checked=${o.values.includes(c.value)}
            aria-invalid=${o.error ? 'true' : 'false'} @change=${(event: Event) => toggle(c.value, (event.target as HTMLInputElement).checked)} />
          <label for=${optionId(o.id, i)}>${c.label}</label>
        </div>`,
      )}
    </div>
  </fieldset>`;
}

export interface CheckboxOptions extends FieldOptions {
  checked: boolean;
  onChange: (checked: boolean) => void;
}

export function checkboxField(o: CheckboxOptions): TemplateResult {
  return html`<div part="field" class="field checkbox ${o.error ? 'field-error' : ''}">
    ${errorMessage(o.id, o.error)}
    <div class="choice">
      <input part="input" type="checkbox" id=${o.id} .checked=${o.checked} aria-describedby=${ifDefined(describedBy(o))}
        aria-invalid=${o.error ? 'true' : 'false'} @change=${(event: Event) => o.onChange((event.target as HTMLInputElement).checked)} />
      <label part="label" for=${o.id}>${o.label}${requiredMark(o.required)}</label>
    </div>
    ${hint(o)}
  </div>`;
}
