/**
 * The one-time deficiency notice (一次性告知书), naming every material and field to put
 * right, and the form that puts them right in one correction while it is allowed: the
 * flagged form fields (correction-fields.ts), new files for the flagged materials, a note.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { fieldTitle } from '../../service-guide/catalog-text.js';
import { formatDateTime } from '../../shared/format.js';
import { materialName, type Lookup, type TrackHost } from '../host.js';
import { fieldError } from '../../shared/lookup-field.js';
import { renderCorrectionFields } from './correction-fields.js';
import { renderFileField, renderSendButton, renderUpdateFailure } from './update-form.js';

export function renderNotice(lookup: Lookup): TemplateResult | typeof nothing {
  const notice = lookup.application.notices.find((n) => n.kind === 'deficiency');
  if (!notice) return nothing;
  return html`<section part="notice" class="notice" aria-labelledby="notice-title">
    <h3 id="notice-title">${msg('一次性告知书', { id: 'track.notice' })}</h3>
    <p class="muted">${msg(str`${formatDateTime(notice.issuedAt)} 告知以下需要补正的内容：`, { id: 'track.noticeIssued' })}</p>
    <ol>
      ${notice.deficiencies.map((d) => {
        const subject = d.materialCode
          ? msg(str`材料“${materialName(lookup, d.materialCode)}”`, { id: 'track.deficiencyMaterial' })
          : d.path
            ? msg(str`填写项“${fieldTitle(lookup.guide?.formSchema, d.path) ?? d.path}”`, { id: 'track.deficiencyField' })
            : '';
        return html`<li>${subject ? html`<strong>${subject}</strong>${msg('：', { id: 'guide.colon' })}` : nothing}${d.message}</li>`;
      })}
    </ol>
  </section>`;
}

export function renderCorrection(host: TrackHost, lookup: Lookup): TemplateResult | typeof nothing {
  const { application: a } = lookup;
  if (!a.correctionAllowed) return nothing;
  const notice = a.notices.find((n) => n.kind === 'deficiency');
  const codes = [...new Set((notice?.deficiencies ?? []).flatMap((d) => (d.materialCode ? [d.materialCode] : [])))];
  const errors = host.updateErrors;
  return html`<form
    part="correction"
    class="applicant-update"
    novalidate
    aria-labelledby="correction-title"
    @submit=${(e: SubmitEvent) => host.onApplicantUpdate(e, lookup, 'correction')}
  >
    <h3 id="correction-title">${msg('补正材料和信息', { id: 'track.correction' })}</h3>
    <p>${msg('请按告知书一次补正。提交后由综合窗口重新预审，不会再次要求补正。', { id: 'track.correctionIntro' })}</p>
    ${renderUpdateFailure(host)}
    ${renderCorrectionFields(host, lookup)}
    ${codes.map((code) =>
      renderFileField(host, lookup, `file-${code}`, code, msg(str`重新上传：${materialName(lookup, code)}`, { id: 'track.replaceMaterial' })),
    )}
    <div class="field">
      <label for="note">${msg('补正说明', { id: 'track.note' })}</label>
      <p class="hint" id="note-hint">${msg('选填。例如更正了哪些内容。', { id: 'track.noteHint' })}</p>
      ${errors.note ? fieldError('note-error', errors.note) : nothing}
      <textarea
        id="note"
        part="input"
        rows="3"
        maxlength="1000"
        aria-describedby=${errors.note ? 'note-hint note-error' : 'note-hint'}
        aria-invalid=${errors.note ? 'true' : 'false'}
      ></textarea>
    </div>
    ${renderSendButton(host, msg('提交补正', { id: 'track.submitCorrection' }))}
  </form>`;
}
