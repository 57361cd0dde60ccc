/**
 * A material's file, chosen on the materials step: checked in the browser (type, size, not
 * empty), uploaded with its progress announced, and kept in the draft once uploaded. Loaded
 * with the later steps (steps/later.ts re-exports it), so the form's first view does not
 * download it.
 */
import { msg, str } from '@lit/localize';
import type { GuideMaterial } from '../../../contracts/guides.js';
import { answered } from '../shared/api.js';
import { fileKinds, materialId } from '../shared/fields.js';
import { formatBytes } from '../shared/format.js';
import { errorText } from '../shared/problem.js';
import { checkFile, uploadFile } from '../shared/upload.js';
import type { StepFlow, Upload } from './host.js';

export async function chooseFile(flow: StepFlow, m: GuideMaterial, input: HTMLInputElement): Promise<void> {
  const { host } = flow;
  const file = input.files?.[0];
  if (!file) return;
  const name = host.english ? m.name.en : m.name.zh;
  const problem = checkFile(file, m);
  if (problem) {
    const message =
      problem === 'type'
        ? msg(str`${name}只能是 ${fileKinds(m)} 文件`, { id: 'apply.error.fileType' })
        : problem === 'empty'
          ? msg(str`所选的${name}文件是空的`, { id: 'apply.error.fileEmpty' })
          : msg(str`${name}不能大于 ${formatBytes(m.maxBytes)}`, { id: 'apply.error.fileSize' });
    input.value = '';
    host.showErrors([...host.errors.filter((e) => e.fieldId !== materialId(m.code)), { step: 3, fieldId: materialId(m.code), message }]);
    return;
  }
  await upload(flow, m, file);
}

export async function upload(flow: StepFlow, m: GuideMaterial, file: File): Promise<void> {
  const { host } = flow;
  const name = host.english ? m.name.en : m.name.zh;
  const state: Upload = { status: 'uploading', progress: 0, file };
  host.uploads.set(m.code, state);
  host.errors = host.errors.filter((e) => e.fieldId !== materialId(m.code));
  host.announce(msg(str`正在上传${name}`, { id: 'apply.upload.started' }));
  let halfway = false;
  try {
    const uploadId = await uploadFile(host.api, file, (fraction) => {
      state.progress = fraction;
      if (!halfway && fraction >= 0.5 && fraction < 1) {
        halfway = true;
        host.announce(msg(str`${name}已上传一半`, { id: 'apply.upload.half' }));
      }
      host.requestUpdate();
    });
    if (host.uploads.get(m.code) !== state) return; // another file was chosen meanwhile
    host.uploads.delete(m.code);
    host.draft.uploads[m.code] = { uploadId, fileName: file.name, size: file.size };
    host.save();
    host.announce(msg(str`${name}上传完成`, { id: 'apply.upload.done' }));
  } catch (error) {
    if (host.uploads.get(m.code) !== state) return;
    state.status = 'failed';
    state.error = answered(error)
      ? msg(str`${name}上传失败：${errorText(error.code, error.status)}`, { id: 'apply.error.uploadRejected' })
      : msg(str`${name}上传失败，请检查网络后重试`, { id: 'apply.error.uploadNetwork' });
    host.announce(state.error);
    host.requestUpdate();
  }
}
