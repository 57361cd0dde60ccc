/** The fields of a short lookup form, shared by the tracker and the verification widget (styles: lookup.styles.ts). */
import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';

/** A field's error, with the visually hidden "错误：" prefix; `id` ties it to its field. */
export function fieldError(id: string, message: string): TemplateResult {
  return html`<p class="error-message" id=${id}><span class="visually-hidden">${msg('错误：', { id: 'common.error' })}</span>${message}</p>`;
}

/**
 * A labelled lookup input with its hint and its error, tied by aria-describedby (the
 * tracker's codes, the verification code). `labelPart`: expose the label as `::part(label)`.
 */
export function lookupField(f: { id: string; name: string; label: string; hint: string; error?: string; value: string; set: (v: string) => void; capitalize?: boolean; labelPart?: boolean }) {
  const described = f.error ? `${f.id}-hint ${f.id}-error` : `${f.id}-hint`;
  return html`<div class="field">
    <label part=${f.labelPart ? 'label' : nothing} for=${f.id}>${f.label}</label>
    <p class="hint" id=${`${f.id}-hint`}>${f.hint}</p>
    ${f.error ? fieldError(`${f.id}-error`, f.error) : nothing}
    <input
      id=${f.id}
      part="input"
      name=${f.name}
      autocomplete="off"
      spellcheck="false"
      autocapitalize=${f.capitalize ? 'characters' : 'off'}
      aria-describedby=${described}
      aria-invalid=${f.error ? 'true' : 'false'}
      .value=${f.value}
      @input=${(e: Event) => f.set((e.target as HTMLInputElement).value)}
    />
  </div>`;
}
