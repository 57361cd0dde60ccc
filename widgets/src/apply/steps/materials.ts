/**
 * Step 3, the materials: each uploaded (checked for type and size first, with a progress
 * bar and a retry), or, where the guide allows, supplied later under a written commitment,
 * or, when the applicant's certificate library holds the proof it is, taken from there
 * once the applicant opened it with the code texted to them (steps/library.ts; the
 * applicant may still upload a file instead).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { formatBytes, formatDate } from '../../shared/format.js';
import { checkboxField, errorMessage, fileKinds, materialId, textField } from '../../shared/fields.js';
import type { StepFlow } from '../host.js';
import { renderLibrary } from './library.js';

export function renderMaterials(flow: StepFlow): TemplateResult {
  const { guide } = flow;
  return html`<p>${msg('请逐项上传材料。可“容缺后补”的材料，可以承诺在期限内补交，先行受理。', { id: 'apply.materials.intro' })}</p>
    ${renderLibrary(flow)}
    ${guide.materials.map((m) => {
      const { min, max } = flow.dueBounds(m);
      const id = materialId(m.code);
      const name = flow.host.english ? m.name.en : m.name.zh;
      const done = flow.host.draft.uploads[m.code];
      const upload = flow.host.uploads.get(m.code);
      const deferred = flow.deferredOn(m);
      const deferral = flow.host.draft.deferred[m.code];
      const error = flow.host.errorFor(id);
      const percent = Math.round((upload?.progress ?? 0) * 100);
      const describedBy = [`${id}-hint`, done ? `${id}-done` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
      const kinds = fileKinds(m);
      const held = flow.heldFor(m);
      const reused = flow.reusedFor(m);
      const title = html`${name}${m.required
        ? html` <span class="required">${msg('（必填）', { id: 'apply.required' })}</span>`
        : html` <span class="optional">${msg('（选填）', { id: 'apply.optional' })}</span>`}`;
      return html`<div part="field" class="field material ${error ? 'field-error' : ''}">
        ${reused ? html`<p part="label" class="label">${title}</p>` : html`<label part="label" for=${id}>${title}</label>`}
        ${reused
          ? html`<p class="reused" id="${id}-reused">
              ✓ ${msg(str`已从证照库调取：${flow.host.english ? reused.itemName.en : reused.itemName.zh}（${reused.verificationCode}，${formatDate(reused.issuedOn)}签发），无需上传`, {
                id: 'apply.library.reused',
              })}
            </p>`
          : html`<div class="hint" id="${id}-hint">
              ${msg(str`${kinds} 文件，不超过 ${formatBytes(m.maxBytes)}`, { id: 'apply.materials.hint' })}${m.originalRequired
                ? msg('；办理时需出示原件', { id: 'apply.materials.original' })
                : nothing}
            </div>`}
        ${errorMessage(id, error)}
        ${held
          ? checkboxField({
              id: `${id}-upload`,
              label: msg(str`不使用证照库中的证照，改为上传${name}`, { id: 'apply.library.uploadInstead' }),
              checked: !reused,
              onChange: (upload) => flow.setUploadInstead(m, upload),
            })
          : nothing}
        ${reused || deferred
          ? nothing
          : html`${done ? html`<p class="uploaded" id="${id}-done">✓ ${msg(str`已上传：${done.fileName}（${formatBytes(done.size)}）`, { id: 'apply.materials.uploaded' })}</p>` : nothing}
              <input part="input" type="file" id=${id} accept=${m.contentTypes.join(',')} aria-describedby=${describedBy}
                aria-invalid=${error ? 'true' : 'false'} @change=${(event: Event) => void flow.chooseFile(m, event.target as HTMLInputElement)} />
              ${upload?.status === 'uploading'
                ? html`<progress max="100" .value=${percent} aria-label=${msg(str`${name}上传进度`, { id: 'apply.materials.progress' })}>${percent}%</progress>`
                : nothing}
              ${upload?.status === 'failed'
                ? html`<button type="button" part="button" class="secondary" @click=${() => void flow.upload(m, upload.file)}>
                    ${msg('重试上传', { id: 'apply.materials.retry' })}<span class="visually-hidden">${name}</span>
                  </button>`
                : nothing}`}
        ${m.deferrable && !reused
          ? html`${checkboxField({
              id: `${id}-defer`,
              label: msg('容缺后补：暂不提交，承诺在期限内补交', { id: 'apply.materials.defer' }),
              checked: deferred,
              onChange: (on) => flow.setDeferral(m, { on }),
            })}
            ${deferred
              ? html`<fieldset class="group">
                  <legend>${msg(str`${name}：容缺后补承诺`, { id: 'apply.materials.commitmentLegend' })}</legend>
                  ${textField({
                    id: `${id}-due`,
                    label: msg('补交期限', { id: 'apply.materials.due' }),
                    hint: msg(str`${formatDate(min)} 至 ${formatDate(max)} 之间的工作日`, { id: 'apply.materials.dueHint' }),
                    error: flow.host.errorFor(`${id}-due`),
                    required: true,
                    type: 'date',
                    min,
                    max,
                    width: 'medium',
                    value: deferral?.dueDate ?? '',
                    onInput: (dueDate) => flow.setDeferral(m, { dueDate }),
                  })}
                  ${checkboxField({
                    id: `${id}-commit`,
                    label: msg('本人承诺在补交期限内提交该材料，逾期未补交的，愿意承担相应后果', { id: 'apply.materials.commitment' }),
                    error: flow.host.errorFor(`${id}-commit`),
                    required: true,
                    checked: deferral?.commitment ?? false,
                    onChange: (commitment) => flow.setDeferral(m, { commitment }),
                  })}
                </fieldset>`
              : nothing}`
          : nothing}
      </div>`;
    })}`;
}
