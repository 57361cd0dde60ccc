/**
 * `<onetrip-apply>`: the application form. The element keeps the draft, the step and the
 * receipt, and renders the frame around the steps; the steps themselves (flow.ts and
 * steps/) are loaded on demand.
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import type { BundleGuide, ItemGuide } from '../../../contracts/guides.js';
import { OneTripApi, paths } from '../shared/api.js';
import '../shared/error-summary.js';
import { getLocale, intlLocale } from '../shared/localize.js';
import { OneTripElement } from '../shared/onetrip.element.js';
import { problemText } from '../shared/problem.js';
import { baseStyles } from '../shared/styles.js';
import { fieldStyles } from '../shared/fields.styles.js';
import { applyStyles } from './apply.styles.js';
import { clearDraft, confirmedAnswers, draftKey, emptyDraft, hasContent, loadDraft, saveDraft, type Draft } from './draft.js';
import type { ApplyFlow } from './flow.js';
import { STEP_COUNT, type ApplyHost, type ShownReceipt, type StepError, type Upload } from './host.js';

/**
 * A multi-step application for one service item, or for a bundle of items applied for
 * together ("one thing"; a bundle that asks situation questions asks them first, and the
 * rest follows the answers): the applicant, the item's own form (rendered from its JSON
 * Schema; a bundle's merged form in sections, shared fields first, with a panel naming the
 * departments that will handle it and what the bundle saves), the materials (uploaded through a presigned URL, or
 * supplied later under a written commitment), the delivery of the result, a review, and
 * the receipt. Every step is checked in the browser with validators compiled ahead of
 * time from the API's own schemas (no `eval`: works under a strict Content-Security-Policy);
 * the API's field errors are shown on their step and field. What is typed is kept as a
 * draft in localStorage; a submit keeps one idempotency key across retries, so a lost
 * answer never makes a second case.
 *
 * @summary Apply for one catalog item or bundle.
 *
 * @attr item - Base code (e.g. `000105002000`) or implementation code of the item.
 * @attr bundle - Code of a bundle (e.g. `BIZ-ONE-ENTRY`), instead of `item`.
 * @attr api-base - Origin and path prefix of the OneTrip API. Defaults to the page's origin.
 * @attr locale - `en` for English; anything else (or nothing) for Chinese.
 *
 * @fires onetrip-step - The applicant moved to another step. `detail`: `{ step, title }` (step 1–5).
 * @fires onetrip-submitted - The application was accepted and the receipt is shown (bubbles, composed). `detail`: `{ caseId, receiptNumber, queryCode, promisedDate }`.
 *
 * @csspart step-indicator - The list of the five steps.
 * @csspart form - The form of the current step.
 * @csspart field - Each field (or group of fields).
 * @csspart label - Each field's label or legend.
 * @csspart input - Each input, select, textarea, radio and checkbox.
 * @csspart button - Every button (next, back, change, upload retry, discard).
 * @csspart error-summary - The error summary at the top of a step.
 * @csspart error - A problem that is not about one field (submission failed).
 * @csspart receipt - The receipt shown once the application is submitted.
 * @csspart fee-estimate - The estimated fee on the check-your-answers step: its lines per department and the total.
 * @csspart library - "Use my certificate library" on the materials step: the one-time code sent by SMS, then what the library holds.
 * @csspart status - The loading message.
 *
 * @cssprop [--onetrip-accent=#1a5fb4] - Buttons, the current step, the receipt panel.
 * @cssprop [--onetrip-on-accent=#ffffff] - Text on the accent colour.
 * @cssprop [--onetrip-text=#1f2328] - Body text.
 * @cssprop [--onetrip-muted=#57606a] - Hints and secondary text.
 * @cssprop [--onetrip-surface=#ffffff] - Background.
 * @cssprop [--onetrip-field-background=#ffffff] - Background of inputs.
 * @cssprop [--onetrip-border=#57606a] - Borders of inputs.
 * @cssprop [--onetrip-panel-border=#b1b4b6] - Rules between sections and the edge of groups.
 * @cssprop [--onetrip-link=#1a5fb4] - "Change" and "discard" links.
 * @cssprop [--onetrip-error=#b3261e] - Error text and borders.
 * @cssprop [--onetrip-focus=#ffbf47] - Focus outline.
 * @cssprop [--onetrip-font] - Font family.
 * @cssprop [--onetrip-font-size=16px] - Base font size.
 * @cssprop [--onetrip-radius=4px] - Corner radius.
 * @cssprop [--onetrip-loading-height] - The room the element keeps until it shows what it loads (onetrip.js sets one per element; README, "Keeping the page still").
 */
export class OneTripApply extends OneTripElement implements ApplyHost {
  // The form renders in its own box (`.apply`), not in the isolated root: it holds on a
  // hostile page through the shared :host rules alone, and its look is tested as it is.
  static override styles = [baseStyles, fieldStyles, applyStyles];

  static override properties = {
    item: { type: String, reflect: true },
    bundle: { type: String, reflect: true },
    draft: { state: true },
    errors: { state: true },
    confirmingDiscard: { state: true },
    submitting: { state: true },
    submitProblem: { state: true },
    receipt: { state: true },
  };

  /** Base or implementation code of the item. */
  item?: string;
  /** Code of the bundle, instead of an item. */
  bundle?: string;

  // The state the steps (flow.ts) read and change; not part of the element's public API.
  /** @internal What has been typed so far (kept in localStorage). */
  draft: Draft = emptyDraft();
  /** @internal The current step's problems. */
  errors: StepError[] = [];
  /** @internal */
  submitting = false;
  /** @internal */
  submitProblem?: string;
  /** @internal */
  receipt?: ShownReceipt;
  /** @internal Uploads in progress or failed, by material code (finished ones are in the draft). */
  readonly uploads = new Map<string, Upload>();
  /** @internal */ storageKey = '';
  /** @internal Set by a "change" link: the step after the changed one is the review again. */
  returnToReview = false;
  /** @internal What to focus once the next render is done. */
  focusAfterRender?: string;

  private confirmingDiscard = false;

  /**
   * The guide, and the steps' code in parallel with it (the first render needs both). The
   * precompiled validators of the envelope and of this item (or bundle) load once the
   * citizen starts on the form.
   */
  private readonly loader = new Task(this, {
    task: async ([item, bundle, base, answers], { signal }): Promise<ApplyFlow | undefined> => {
      const api = new OneTripApi(base);
      if (bundle) {
        // The guide for the confirmed situation answers; before them, the core and the questions.
        const path = paths.bundle(bundle, answers);
        const [guide, flow, bundleSteps] = await Promise.all([api.get<BundleGuide>(path, signal), import('./flow.js'), import('./steps/bundle-steps.js')]);
        const validatorsFor = { name: `bundle-${guide.code}`, catalogVersion: guide.catalogVersion, narrowTo: guide.formSchema };
        return this.started(new flow.ApplyFlow(this, flow.bundleApplyGuide(guide), validatorsFor, bundleSteps));
      }
      if (!item) return undefined;
      const [guide, flow] = await Promise.all([api.get<ItemGuide>(paths.item(item), signal), import('./flow.js')]);
      return this.started(new flow.ApplyFlow(this, flow.itemApplyGuide(guide), { name: guide.baseCode, catalogVersion: guide.catalogVersion }));
    },
    args: () => [this.bundle ? '' : (this.item ?? ''), this.bundle ?? '', this.base, confirmedAnswers(this.draft.situations)] as const,
  });

  /** The citizen has started on the form (focused or pressed something in it): what the later steps need loads. */
  private interacted = false;

  private readonly onInteraction = () => {
    this.interacted = true;
    this.removeEventListener('focusin', this.onInteraction);
    this.removeEventListener('pointerdown', this.onInteraction);
    if (this.loader.status === TaskStatus.COMPLETE) this.loader.value?.prepare();
  };

  /** A new flow prepares at once when the citizen has already started on the form (a bundle's answers, another item). */
  private started(flow: ApplyFlow): ApplyFlow {
    if (this.interacted) flow.prepare();
    return flow;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.interacted) {
      this.addEventListener('focusin', this.onInteraction);
      this.addEventListener('pointerdown', this.onInteraction);
    }
  }

  /** @internal */
  get english(): boolean {
    return getLocale() === 'en';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('item') || changed.has('bundle') || changed.has('apiBase')) {
      // One draft per item or bundle (a bundle's key cannot be taken for an item's code).
      this.storageKey = draftKey(this.base, this.bundle ? `bundle:${this.bundle}` : (this.item ?? ''));
      this.draft = loadDraft(this.storageKey) ?? emptyDraft();
      this.uploads.clear();
      this.errors = [];
      this.receipt = undefined;
    }
  }

  protected override updated(): void {
    const target = this.focusAfterRender;
    if (!target) return;
    const element = this.renderRoot.querySelector<HTMLElement>(`#${target}`);
    // The guide for new situation answers is still loading: its step's heading takes focus once drawn.
    if (!element && this.loader.status === TaskStatus.PENDING) return;
    this.focusAfterRender = undefined;
    element?.focus();
  }

  /** @internal */
  save(): void {
    if (hasContent(this.draft)) saveDraft(this.storageKey, this.draft);
    else clearDraft(this.storageKey);
    this.requestUpdate();
  }

  /** @internal */
  stepTitle(step: number): string {
    return [
      msg('申请人', { id: 'apply.step.applicant' }),
      msg('申请信息', { id: 'apply.step.details' }),
      msg('申请材料', { id: 'apply.step.materials' }),
      msg('送达方式', { id: 'apply.step.delivery' }),
      msg('核对', { id: 'apply.step.review' }),
    ][step - 1]!;
  }

  /** @internal */
  goTo(step: number, options: { fromReview?: boolean; errors?: StepError[] } = {}): void {
    this.returnToReview = options.fromReview ?? false;
    this.draft.step = step;
    this.errors = options.errors ?? [];
    this.confirmingDiscard = false;
    this.submitProblem = undefined;
    this.save();
    this.announce(msg(str`第 ${step} 步，共 ${STEP_COUNT} 步：${this.stepTitle(step)}`, { id: 'apply.stepOf' }));
    // Problems found on arrival (the API's, after a submit) are read first; otherwise the step's heading.
    this.focusAfterRender = this.errors.length ? 'error-summary' : 'step-heading';
    this.dispatchEvent(new CustomEvent('onetrip-step', { bubbles: true, composed: true, detail: { step, title: this.stepTitle(step) } }));
  }

  /** @internal */
  showErrors(errors: StepError[]): void {
    this.errors = errors;
    this.focusAfterRender = 'error-summary';
  }

  /** @internal */
  errorFor(id: string): string | undefined {
    return this.errors.find((e) => e.fieldId === id)?.message;
  }

  /** @internal */
  clearErrors(...ids: string[]): void {
    // GOV.UK: a field's error goes once it is answered again; the summary keeps the others.
    if (this.errors.some((e) => ids.includes(e.fieldId))) this.errors = this.errors.filter((e) => !ids.includes(e.fieldId));
  }

  private async next(event: Event, flow: ApplyFlow): Promise<void> {
    event.preventDefault();
    const step = this.draft.step;
    if (step === STEP_COUNT) {
      void flow.submit();
      return;
    }
    const errors = await flow.validate(step);
    // The validators were still loading and the applicant went elsewhere meanwhile.
    if (this.draft.step !== step || this.loader.value !== flow) return;
    if (errors.length) this.showErrors(errors);
    else this.goTo(this.returnToReview ? STEP_COUNT : step + 1);
  }

  private discard(): void {
    clearDraft(this.storageKey);
    this.draft = emptyDraft();
    this.uploads.clear();
    this.goTo(1);
    this.announce(msg('草稿已放弃，可以重新填写', { id: 'apply.discarded' }));
  }

  protected override get shown(): boolean {
    return (!this.item && !this.bundle) || this.loader.status === TaskStatus.COMPLETE || this.loader.status === TaskStatus.ERROR;
  }

  protected override render() {
    return html`<div class="apply" lang=${intlLocale()}>
      <div class="visually-hidden" aria-live="polite">${this.announcement}</div>
      ${this.loader.render({
        pending: () => html`<p part="status">${msg('加载中…', { id: 'common.loading' })}</p>`,
        complete: (flow) => {
          if (!flow) return nothing;
          if (this.receipt) return flow.renderReceipt();
          const questions = flow.renderSituations();
          return questions === nothing ? this.renderSteps(flow) : html`<p class="caption">${this.english ? flow.guide.name.en : flow.guide.name.zh}</p>${questions}`;
        },
        error: (error) => html`<div class="notice" part="error" role="alert">
          <p>
            ${problemText(error)}
          </p>
          <button type="button" part="button" @click=${() => void this.loader.run()}>${msg('重试', { id: 'common.retry' })}</button>
        </div>`,
      })}
    </div>`;
  }

  private renderSteps(flow: ApplyFlow): TemplateResult {
    const { guide } = flow;
    const step = this.draft.step;
    const last = step === STEP_COUNT;
    return html`
      <p class="caption">${this.english ? guide.name.en : guide.name.zh}</p>
      ${step <= 2 ? flow.renderBundlePanel() : nothing}
      <ol part="step-indicator" class="steps" aria-label=${msg('申请步骤', { id: 'apply.steps' })}>
        ${[1, 2, 3, 4, 5].map(
          (n) => html`<li class=${n === step ? 'current' : n < step ? 'done' : ''} aria-current=${n === step ? 'step' : nothing}>
            <span class="num" aria-hidden="true">${n}</span><span class="visually-hidden">${msg(str`第 ${n} 步：`, { id: 'apply.stepNumber' })}</span>${this.stepTitle(n)}${n < step
              ? html`<span class="visually-hidden">${msg('（已完成）', { id: 'apply.stepDone' })}</span>`
              : nothing}
          </li>`,
        )}
      </ol>
      <form part="form" novalidate @submit=${(event: Event) => void this.next(event, flow)}>
        <onetrip-error-summary part="error-summary" id="error-summary" .errors=${this.errors}></onetrip-error-summary>
        <h2 id="step-heading" tabindex="-1">
          <span class="visually-hidden">${msg(str`第 ${step} 步，共 ${STEP_COUNT} 步：`, { id: 'apply.stepPrefix' })}</span>${this.stepTitle(step)}
        </h2>
        ${flow.render(step)}
        ${this.submitProblem
          ? html`<div class="notice" part="error" id="submit-problem" tabindex="-1" role="alert">
              <span class="visually-hidden">${msg('错误：', { id: 'common.error' })}</span>${this.submitProblem}
            </div>`
          : nothing}
        <div class="actions">
          ${step > 1
            ? html`<button type="button" part="button" class="secondary" id="back" @click=${() => this.goTo(step - 1)}>${msg('上一步', { id: 'apply.back' })}</button>`
            : nothing}
          <button type="submit" part="button" id="next" ?disabled=${this.submitting}>
            ${last
              ? this.submitting
                ? msg('正在提交…', { id: 'apply.submittingButton' })
                : this.submitProblem
                  ? msg('重试提交', { id: 'apply.retrySubmit' })
                  : msg('提交申请', { id: 'apply.submit' })
              : this.returnToReview
                ? msg('保存并返回核对', { id: 'apply.saveAndReview' })
                : msg('下一步', { id: 'apply.next' })}
          </button>
        </div>
      </form>
      ${hasContent(this.draft) ? this.renderDraftBar() : nothing}
    `;
  }

  private renderDraftBar(): TemplateResult {
    if (!this.confirmingDiscard) {
      return html`<div class="draft">
        <p class="hint">${msg('填写的内容已自动保存在本浏览器中。', { id: 'apply.draftSaved' })}</p>
        <button type="button" part="button" class="link" id="discard" @click=${() => {
          this.confirmingDiscard = true;
          this.focusAfterRender = 'discard-question';
        }}>${msg('放弃草稿', { id: 'apply.discard' })}</button>
      </div>`;
    }
    return html`<div class="draft confirm" role="group" aria-labelledby="discard-question">
      <p id="discard-question" tabindex="-1"><strong>${msg('确定要放弃草稿吗？已填写的内容和已上传的材料将被清除，且无法恢复。', { id: 'apply.discardQuestion' })}</strong></p>
      <div class="actions">
        <button type="button" part="button" class="danger" id="discard-confirm" @click=${() => this.discard()}>${msg('确定放弃', { id: 'apply.discardConfirm' })}</button>
        <button type="button" part="button" class="secondary" @click=${() => {
          this.confirmingDiscard = false;
          this.focusAfterRender = 'discard';
        }}>${msg('继续填写', { id: 'apply.discardCancel' })}</button>
      </div>
    </div>`;
  }
}
