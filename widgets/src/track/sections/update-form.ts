/**
 * What the two forms the applicant sends after submission share (the one-time correction
 * and the supply of deferred materials): a file field per material, checked in the
 * browser before anything is uploaded; the reason the last sending failed; the send
 * button; and reading the form into what is sent, or into its problems.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { TaskStatus } from '@lit/task';
import { formatBytes } from '../../shared/format.js';
import { problemText } from '../../shared/problem.js';
import { checkFile } from '../../shared/upload.js';
import { materialName, type Lookup, type TrackHost, type UpdateInput } from '../host.js';
import { fieldError } from '../../shared/lookup-field.js';
import { fileHint } from '../../shared/fields.js';

/** A file field for one material, with its accepted types and size, checked before upload. */
export function renderFileField(host: TrackHost, lookup: Lookup, id: string, code: string, label: string): TemplateResult {
  const material = lookup.guide?.materials.find((m) => m.code === code);
  const error = host.updateErrors[id];
  const hintId = `${id}-hint`;
  const describedBy = [material ? hintId : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${material
      ? html`<p class="hint" id=${hintId}>${fileHint(material)}</p>`
      : nothing}
    ${error ? fieldError(`${id}-error`, error) : nothing}
    <input
      type="file"
      id=${id}
      part="input"
      data-material=${code}
      accept=${material?.contentTypes.join(',') ?? ''}
      aria-describedby=${describedBy || nothing}
      aria-invalid=${error ? 'true' : 'false'}
    />
  </div>`;
}

/** The reason the last correction or supply failed, if it did. */
export function renderUpdateFailure(host: TrackHost): TemplateResult | typeof nothing {
  if (host.sending.status !== TaskStatus.ERROR) return nothing;
  return html`<p part="error" class="error-message" role="alert">
    <span class="visually-hidden">${msg('错误：', { id: 'common.error' })}</span>${problemText(host.sending.error)}
  </p>`;
}

export function renderSendButton(host: TrackHost, label: string): TemplateResult {
  const running = host.sending.status === TaskStatus.PENDING;
  return html`<button type="submit" part="button" ?disabled=${running}>${running ? msg('正在提交…', { id: 'track.submitting' }) : label}</button>`;
}

/**
 * The files and note of a correction or supply form, or its problems by field id: a file of
 * the wrong type or size; in a correction, a flagged material without its new file (the one
 * correction answers every deficiency, whatever else it corrects); in a supply, nothing to
 * send at all.
 */
export function readUpdate(form: HTMLFormElement, lookup: Lookup, kind: UpdateInput['kind'], fieldsSent = false): { errors: Record<string, string>; files: UpdateInput['files']; note: string } {
  const errors: Record<string, string> = {};
  const files: UpdateInput['files'] = [];
  for (const input of form.querySelectorAll<HTMLInputElement>('input[type=file]')) {
    const file = input.files?.[0];
    const materialCode = input.dataset.material ?? '';
    if (!file) {
      if (kind === 'correction') errors[input.id] = msg(str`请重新上传${materialName(lookup, materialCode)}`, { id: 'track.replaceRequired' });
      continue;
    }
    const material = lookup.guide?.materials.find((m) => m.code === materialCode);
    // Without the guide the API still checks type and size; the browser only saves a wasted upload.
    const problem = material ? checkFile(file, material) : undefined;
    if (problem === 'type') errors[input.id] = msg('文件格式不符合要求，请换一个文件', { id: 'track.fileType' });
    else if (problem === 'empty') errors[input.id] = msg('文件是空的，请换一个文件', { id: 'track.fileEmpty' });
    else if (problem === 'size') errors[input.id] = msg(str`文件不能超过 ${formatBytes(material!.maxBytes)}`, { id: 'track.fileSize' });
    else files.push({ materialCode, file });
  }
  const note = (form.querySelector<HTMLTextAreaElement>('textarea')?.value ?? '').trim();
  if (Object.keys(errors).length === 0 && files.length === 0 && !note && !fieldsSent) {
    if (kind === 'correction') errors.note = msg('请上传补正材料或填写补正说明', { id: 'track.correctionEmpty' });
    else errors[form.querySelector('input[type=file]')?.id ?? ''] = msg('请选择要补交的文件', { id: 'track.supplyEmpty' });
  }
  return { errors, files, note };
}

/** Problems by field id, in the order their fields stand in the form, so focus and reading go top down. */
export function inScreenOrder(form: HTMLFormElement, errors: Record<string, string>): Record<string, string> {
  const ids = [...form.querySelectorAll('[id]')].map((e) => e.id).filter((id) => id in errors);
  const rest = Object.keys(errors).filter((id) => !ids.includes(id));
  return Object.fromEntries([...ids, ...rest].map((id) => [id, errors[id]!]));
}
