/**
 * Submitting an application, with the later steps (steps/later.ts re-exports it), so the
 * form's first view does not download it: the idempotency key kept with the draft before
 * the first request, an earlier attempt's case recovered when the key was already used,
 * the API's field errors put on their steps, and the receipt shown.
 */
import { msg, str } from '@lit/localize';
import type { FieldError } from '../../../contracts/errors.js';
import type { SubmissionResponse } from '../../../contracts/cases.js';
import { answered, ApiError, paths } from '../shared/api.js';
import { formatDate } from '../shared/format.js';
import { materialId } from '../shared/fields.js';
import { problemText } from '../shared/problem.js';
import { clearDraft, emptyDraft, type Submission } from './draft.js';
import { shownEstimate } from './fee-estimate.js';
import { STEP_COUNT, type ApplicationBody, type StepError, type SubmittingFlow } from './host.js';

/** Checks every step, then submits (the later steps are loaded: this is their code). */
export async function submit(flow: SubmittingFlow): Promise<void> {
  const { host } = flow;
  const all = await flow.validate();
  if (host.submitting) return;
  if (all.length) {
    const first = Math.min(...all.map((e) => e.step));
    host.goTo(first, { errors: all.filter((e) => e.step === first) });
    return;
  }
  const body = flow.body();
  // The key is kept with the draft before the first request, so a reload or a retry reuses it.
  const submission: Submission = host.draft.submission ?? { key: crypto.randomUUID(), bodies: [] };
  const text = JSON.stringify(body);
  if (!submission.bodies.some((b) => JSON.stringify(b) === text)) submission.bodies.push(body);
  host.draft.submission = submission;
  host.save();
  host.submitting = true;
  host.submitProblem = undefined;
  host.announce(msg('正在提交申请…', { id: 'apply.submitting' }));
  try {
    let note: string | undefined;
    let receipt: SubmissionResponse;
    try {
      receipt = await send(flow, body, submission.key);
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'IDEMPOTENCY_KEY_REUSED')) throw error;
      // An earlier attempt reached the server before the answer was lost; that case stands.
      receipt = await recover(flow, submission, text, error);
      note = msg('您此前提交的申请已被受理；之后所作的修改没有随之提交，如需更改请在补正时提出。', { id: 'apply.receipt.earlier' });
    }
    showReceipt(flow, receipt, note);
  } catch (error) {
    submitFailed(flow, error, body);
  } finally {
    host.submitting = false;
  }
}

function send(flow: SubmittingFlow, body: unknown, key: string): Promise<SubmissionResponse> {
  return flow.host.api.post<SubmissionResponse>(paths.applications(), body, { headers: { 'Idempotency-Key': key } });
}

async function recover(flow: SubmittingFlow, submission: Submission, current: string, cause: ApiError): Promise<SubmissionResponse> {
  for (const earlier of submission.bodies) {
    if (JSON.stringify(earlier) === current) continue;
    try {
      return await send(flow, earlier, submission.key);
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'IDEMPOTENCY_KEY_REUSED')) throw error;
    }
  }
  throw cause;
}

function submitFailed(flow: SubmittingFlow, error: unknown, body: ApplicationBody): void {
  const { host } = flow;
  if (error instanceof ApiError && error.status === 400 && error.fields.length) {
    const mapped = error.fields.map((f) => serverError(flow, f, body));
    const onSteps = mapped.filter((e) => e.step < STEP_COUNT);
    if (onSteps.length) {
      const first = Math.min(...onSteps.map((e) => e.step));
      host.goTo(first, { errors: onSteps.filter((e) => e.step === first) });
      return;
    }
  }
  const network = !answered(error) || error.status >= 500;
  host.submitProblem = network
    ? msg('提交没有完成：无法确认服务器是否已收到申请。请点击“重试提交”，重试不会产生重复的申请。', { id: 'apply.submitNetwork' })
    : msg(str`提交没有成功：${problemText(error)}`, { id: 'apply.submitRejected' });
  host.announce(host.submitProblem);
  host.focusAfterRender = 'submit-problem';
}

/** The API's field error, on its step and field, in the widget's words where it knows them: by its rule and params, never its message. */
function serverError(flow: SubmittingFlow, f: FieldError, body: ApplicationBody): StepError {
  const { guide, host } = flow;
  const materialAt = /^\/(materials|deferred)\/(\d+)(\/\w+)?/.exec(f.path);
  const nameOf = (code?: string) => {
    const m = guide.materials.find((x) => x.code === code);
    return m ? (host.english ? m.name.en : m.name.zh) : (code ?? '');
  };
  if (materialAt) {
    const list = materialAt[1] === 'materials' ? body.materials : (body.deferred ?? []);
    const code = list[Number(materialAt[2])]?.materialCode ?? '';
    if (materialAt[1] === 'deferred') {
      const p = f.params ?? {};
      return {
        step: 3,
        fieldId: `${materialId(code)}-due`,
        message: f.rule === 'not_working_day' && p.date
          ? flow.dueNotWorkingDay(nameOf(code), String(p.date))
          : f.rule === 'due_date_range' && p.today && p.latest
            ? msg(str`${nameOf(code)}的补交期限应晚于 ${formatDate(String(p.today))}，且不晚于 ${formatDate(String(p.latest))}`, { id: 'apply.error.dueServer' })
            : msg(str`请核对${nameOf(code)}的补交期限`, { id: 'apply.error.dueCheck' }),
      };
    }
    if (materialAt[3] === '/certificateCode') {
      // Revoked, or not the applicant's after all: the file it stood for is uploaded instead.
      const m = guide.materials.find((x) => x.code === code);
      if (m) flow.setUploadInstead(m, true);
      return { step: 3, fieldId: materialId(code), message: msg(str`证照库中的${nameOf(code)}不能用于本次申请，请上传文件`, { id: 'apply.error.certificateRefused' }) };
    }
    return { step: 3, fieldId: materialId(code), message: msg(str`${nameOf(code)}未能提交，请重新上传`, { id: 'apply.error.uploadAgain' }) };
  }
  if (f.path === '/materials') {
    const code = f.params?.materialCode === undefined ? undefined : String(f.params.materialCode);
    return { step: 3, fieldId: materialId(code ?? guide.materials[0]?.code ?? ''), message: msg(str`请上传${nameOf(code)}`, { id: 'apply.error.upload' }) };
  }
  const step = flow.stepOf(f.path);
  const keyword = f.rule === 'required' ? 'required' : 'invalid';
  return { ...flow.toStepError({ path: f.path, keyword, params: {} }), step };
}

function showReceipt(flow: SubmittingFlow, receipt: SubmissionResponse, note?: string): void {
  const { guide, host } = flow;
  const mode = host.draft.delivery.mode;
  clearDraft(host.storageKey);
  host.draft = emptyDraft();
  host.uploads.clear();
  host.errors = [];
  host.returnToReview = false;
  host.receipt = { ...receipt, note, guide, delivery: mode, estimate: shownEstimate(flow) };
  host.announce(msg(str`申请已提交，受理编号 ${receipt.receiptNumber}`, { id: 'apply.submitted' }));
  host.focusAfterRender = 'receipt-heading';
  const { caseId, receiptNumber, queryCode, promisedDate } = receipt;
  host.dispatchEvent(new CustomEvent('onetrip-submitted', { bubbles: true, composed: true, detail: { caseId, receiptNumber, queryCode, promisedDate } }));
}
