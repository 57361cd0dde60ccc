/**
 * The situation questions a bundle asks first (情形选择: will you sell food? do you need seals
 * engraved?): one yes/no group each, before the form, because the answers decide which
 * items the bundle includes and so the form, the materials, the fees and the delivery
 * modes. Confirming them loads the bundle's guide for those answers
 * (`GET /v1/catalog/bundles/{code}?answers=…`); "change the answers" in the bundle panel
 * brings this step back with the answers kept.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { BundleGuide } from '../../../../contracts/guides.js';
import { fieldId, radioGroup } from '../../shared/fields.js';
import type { ApplyHost, StepFlow } from '../host.js';

/**
 * The draft's answers, a question not yet answered left so: none is preselected (GOV.UK:
 * never preselect a radio), since the answers decide what the applicant is bound to do.
 */
function answersOf(host: ApplyHost, bundle: BundleGuide): Record<string, boolean | undefined> {
  const chosen = host.draft.situations?.answers ?? {};
  return Object.fromEntries(bundle.situations.map((s) => [s.code, chosen[s.code]]));
}

/** Whether the questions are still to be answered (a bundle that asks some, not yet confirmed). */
export function situationsPending(flow: StepFlow): boolean {
  const bundle = flow.guide.bundle;
  return Boolean(bundle && bundle.situations.length > 0 && !flow.host.draft.situations?.confirmed);
}

/** Back to the questions, answers kept (the bundle panel's "change the answers"). */
export function reopenSituations(host: ApplyHost): void {
  if (host.draft.situations) host.draft.situations.confirmed = false;
  host.focusAfterRender = 'step-heading';
  host.save();
}

function confirm(flow: StepFlow, bundle: BundleGuide, event: Event): void {
  event.preventDefault();
  const { host } = flow;
  const answers = answersOf(host, bundle);
  const missing = bundle.situations.filter((s) => answers[s.code] === undefined);
  if (missing.length > 0) {
    // Each unanswered question named in the summary, so the applicant knows which are left.
    const text = (t: { zh: string; en: string }) => (host.english ? t.en : t.zh);
    host.showErrors(missing.map((s) => ({
      step: 0,
      fieldId: fieldId(`/answers/${s.code}`),
      message: msg(str`请回答“${text(s.question)}”`, { id: 'apply.situations.unanswered' }),
    })));
    host.requestUpdate();
    return;
  }
  host.draft.situations = { answers: answers as Record<string, boolean>, confirmed: true };
  host.errors = [];
  host.announce(msg('已根据您的回答确定需要办理的事项', { id: 'apply.situations.confirmed' }));
  host.focusAfterRender = 'step-heading';
  host.save();
}

/** The questions while they are to be answered; nothing once confirmed (or for an item). */
export function renderSituations(flow: StepFlow): TemplateResult | typeof nothing {
  const bundle = flow.guide.bundle;
  if (!bundle || !situationsPending(flow)) return nothing;
  const { host } = flow;
  const text = (t: { zh: string; en: string }) => (host.english ? t.en : t.zh);
  const answers = answersOf(host, bundle);
  const value = (answer: boolean | undefined) => (answer === undefined ? '' : answer ? 'yes' : 'no');
  return html`<form part="form" novalidate data-situations @submit=${(event: Event) => confirm(flow, bundle, event)}>
    <onetrip-error-summary part="error-summary" id="error-summary" .errors=${host.errors}></onetrip-error-summary>
    <h2 id="step-heading" tabindex="-1">${msg('先回答几个问题', { id: 'apply.situations.title' })}</h2>
    <p class="hint">${msg('您的回答决定本件事需要办理哪些事项、填写哪些信息、提交哪些材料，以及费用和送达方式。', { id: 'apply.situations.intro' })}</p>
    ${bundle.situations.map((s) => {
      const id = fieldId(`/answers/${s.code}`);
      return radioGroup({
        id,
        label: text(s.question),
        hint: s.help ? text(s.help) : undefined,
        error: host.errorFor(id),
        required: true,
        value: value(answers[s.code]),
        choices: [
          { value: 'yes', label: msg('是', { id: 'apply.situations.yes' }) },
          { value: 'no', label: msg('否', { id: 'apply.situations.no' }) },
        ],
        onChange: (choice) => {
          host.draft.situations = { answers: { ...host.draft.situations?.answers, [s.code]: choice === 'yes' }, confirmed: false };
          host.clearErrors(id);
          host.save();
        },
      });
    })}
    <div class="actions">
      <button type="submit" part="button" id="next">${msg('确定，开始填写', { id: 'apply.situations.confirm' })}</button>
    </div>
  </form>`;
}
