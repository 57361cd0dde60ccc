/**
 * The one-time deficiency notice (一次性告知书), composed by ticking: the clerk ticks each
 * material and form field that is wrong, chooses a common reason or types one for each,
 * previews the notice as the applicant will read it, and sends it once. What is sent names
 * materials by code and fields by pointer (the API's `deficiencies`); what the clerk sees
 * names them in words from the guide.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { Deficiency } from '../../../contracts/cases.js';

export type Kind = 'material' | 'field';

/** One ticked row: what it names, its label in words, and the reason chosen (an id of REASONS, or `other` with a typed text). */
export interface Ticked {
  kind: Kind;
  /** A material code, or a field's pointer (`/form/premisesArea`). */
  target: string;
  label: string;
  reason: string;
  typed: string;
}

/** The common reasons, by kind; `other` asks for a typed one. */
function reasons(kind: Kind): [string, string][] {
  return kind === 'material'
    ? [
        ['missing', msg('缺少该材料', { id: 'deficiency.reason.missing' })],
        ['illegible', msg('文件不清晰，无法辨认', { id: 'deficiency.reason.illegible' })],
        ['expired', msg('已超过有效期', { id: 'deficiency.reason.expired' })],
        ['unsigned', msg('缺少签字或盖章', { id: 'deficiency.reason.unsigned' })],
        ['inconsistent', msg('与申请内容不一致', { id: 'deficiency.reason.inconsistent' })],
        ['other', msg('其他（请填写）', { id: 'deficiency.reason.other' })],
      ]
    : [
        ['wrong', msg('填写有误，请更正', { id: 'deficiency.reason.wrong' })],
        ['mismatch', msg('与所交材料不一致', { id: 'deficiency.reason.mismatch' })],
        ['incomplete', msg('填写不完整', { id: 'deficiency.reason.incomplete' })],
        ['other', msg('其他（请填写）', { id: 'deficiency.reason.other' })],
      ];
}

/** The reason's words for the notice, or '' while none is chosen (or `other` is not typed). */
export function reasonText(row: Ticked): string {
  if (row.reason === 'other') return row.typed.trim();
  return reasons(row.kind).find(([id]) => id === row.reason)?.[1] ?? '';
}

/** The rows ticked, in the order ticked. */
export class DeficiencyDraft {
  readonly rows = new Map<string, Ticked>();

  key = (kind: Kind, target: string) => `${kind}:${target}`;

  toggle(kind: Kind, target: string, label: string, on: boolean): void {
    if (on) this.rows.set(this.key(kind, target), { kind, target, label, reason: '', typed: '' });
    else this.rows.delete(this.key(kind, target));
  }

  get(kind: Kind, target: string): Ticked | undefined {
    return this.rows.get(this.key(kind, target));
  }

  /** The rows still without a reason. */
  unfinished = (): Ticked[] => [...this.rows.values()].filter((row) => reasonText(row) === '');

  deficiencies = (): Deficiency[] =>
    [...this.rows.values()].map((row) => (row.kind === 'material' ? { materialCode: row.target, message: reasonText(row) } : { path: row.target, message: reasonText(row) }));
}

const idOf = (row: { kind: Kind; target: string }) => `${row.kind}-${row.target.replace(/[^\w-]/g, '_')}`;

/** The tick box of a row, labelled with what it names. */
export function tickBox(draft: DeficiencyDraft, kind: Kind, target: string, label: string, changed: () => void): TemplateResult {
  const id = `tick-${idOf({ kind, target })}`;
  return html`<input type="checkbox" id=${id} .checked=${draft.get(kind, target) !== undefined}
      @change=${(e: Event) => { draft.toggle(kind, target, label, (e.target as HTMLInputElement).checked); changed(); }}>
    <label for=${id}>${msg('需补正', { id: 'deficiency.tick' })}<span class="visually-hidden">：${label}</span></label>`;
}

/** The reason chooser under a ticked row. */
export function reasonPicker(row: Ticked | undefined, changed: () => void): TemplateResult | typeof nothing {
  if (!row) return nothing;
  const id = `reason-${idOf(row)}`;
  return html`<div class="reason">
    <label for=${id}>${msg('原因', { id: 'deficiency.reason' })}<span class="visually-hidden">：${row.label}</span></label>
    <select id=${id} @change=${(e: Event) => { row.reason = (e.target as HTMLSelectElement).value; changed(); }}>
      <option value="" ?selected=${row.reason === ''}>${msg('请选择', { id: 'deficiency.choose' })}</option>
      ${reasons(row.kind).map(([value, words]) => html`<option value=${value} ?selected=${row.reason === value}>${words}</option>`)}
    </select>
    ${row.reason === 'other'
      ? html`<label for="${id}-typed">${msg('填写原因', { id: 'deficiency.typed' })}<span class="visually-hidden">：${row.label}</span></label>
          <input id="${id}-typed" type="text" maxlength="500" .value=${row.typed} @input=${(e: Event) => { row.typed = (e.target as HTMLInputElement).value; changed(); }}>`
      : nothing}
  </div>`;
}

/** The notice as the applicant will read it. */
export function preview(draft: DeficiencyDraft): TemplateResult {
  const rows = [...draft.rows.values()];
  const list = (kind: Kind) => rows.filter((row) => row.kind === kind);
  const part = (kind: Kind, title: string) =>
    list(kind).length > 0 ? html`<h3>${title}</h3><ol>${list(kind).map((row) => html`<li><strong>${row.label}</strong>：${reasonText(row)}</li>`)}</ol>` : nothing;
  return html`<section class="panel" aria-labelledby="notice-preview">
    <h2 id="notice-preview">${msg('一次性告知书（预览）', { id: 'deficiency.preview' })}</h2>
    <p>${msg('您的申请需补正以下内容，请一次性补齐后重新提交：', { id: 'deficiency.intro' })}</p>
    ${part('material', msg('材料', { id: 'deficiency.materials' }))}
    ${part('field', msg('申请表', { id: 'deficiency.fields' }))}
  </section>`;
}
