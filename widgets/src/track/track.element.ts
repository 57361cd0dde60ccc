/**
 * `<onetrip-track>`: the applicant's view of their case after submission. The element keeps
 * the state (the lookup, the forms, the quiet re-reading while results travel) and the
 * wiring; what it shows is rendered section by section in sections/.
 */
import { html } from 'lit';
import { msg, str } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import type { LocalizedText } from '../../../contracts/catalog.js';
import type { CaseView } from '../../../contracts/cases.js';
import type { BundleGuide, CatalogSummary, ItemGuide } from '../../../contracts/guides.js';
import type { ApplicantMessages, NotificationPreferences } from '../../../contracts/notifications.js';
import { answersQuery, ApiError, OneTripApi, paths } from '../shared/api.js';
import { getLocale } from '../shared/localize.js';
import { OneTripElement } from '../shared/onetrip.element.js';
import { problemText } from '../shared/problem.js';
import type { CaseWatch } from './case-watch.js';
import type { Lookup, RatingDraft, TrackHost, UpdateInput } from './host.js';
import type { RatingRequest } from '../../../contracts/ratings.js';
import '../shared/error-summary.js';
import type { OneTripErrorSummary, SummaryError } from '../shared/error-summary.js';
import { takePaying } from './paying.js';
import { lookupProblems, renderLookupError, renderLookupForm } from './sections/lookup-form.js';
import { lookupStyles } from '../shared/lookup.styles.js';
import { fieldStyles } from '../shared/fields.styles.js';
import { trackStyles } from './track.styles.js';
import type { ResultLink } from '../../../contracts/certificates.js';

/** `GET v1/applications/{receipt}/results/{code}`: a presigned link to the PDF, valid for minutes. */
/**
 * Progress of one case for the applicant: receipt number and query code in, the case's
 * status, each department's task and deadline, the timeline, the one-time deficiency
 * notice with the correction form, deferred materials, the official notices to download
 * and (when the API reports them) the fee ticket, results and delivery out.
 *
 * Looks up as soon as the page sets both `receipt` and `query-code`. Listens for
 * `onetrip-submitted` on the document and prefills the form from its detail.
 *
 * A case with a fee ticket shows it in an `<onetrip-fee-ticket>` that can pay it. When
 * the applicant comes back from the payment provider (to this page, without its query),
 * the tracker looks the same case up again, and again once the payment is confirmed.
 *
 * Results are listed with their verification codes, a link to verify each and a button
 * that downloads its PDF through a short-lived link. While a courier carries them, the
 * tracker reads the case again every 3 seconds (for about three minutes) and announces
 * each step in its polite live region; it stops once they arrive or the element leaves
 * the page.
 *
 * The applicant's messages (消息通知) are listed in the tracker's language with what became
 * of each text message and email (the address masked), and a checkbox opts out of
 * non-essential ones (sent as soon as it changes; legally required notices are still sent).
 *
 * Once the case is completed or rejected, the applicant rates the service (grade, reasons,
 * comment); a poor rating's rectification shows with the department's response, and then
 * the form for the second rating (docs/ratings.md).
 *
 * @summary Track a case with its receipt number and query code.
 *
 * @attr receipt - Receipt number (受理编号), e.g. `430600-20261127-000001`.
 * @attr query-code - Query code (查询码) given at submission.
 * @attr api-base - Origin and path prefix of the OneTrip API. Defaults to the page's origin.
 * @attr locale - `en` for English; anything else (or nothing) for Chinese.
 *
 * @fires onetrip-tracked - A lookup found the case. `detail`: `{ receiptNumber, status }`.
 * @fires onetrip-corrected - The one-time correction was accepted. `detail`: `{ receiptNumber, status }`.
 * @fires onetrip-supplied - Deferred materials were supplied. `detail`: `{ receiptNumber, status }`.
 * @fires onetrip-rated - The applicant rated the service (好差评). `detail`: `{ receiptNumber, round, grade }`.
 *
 * @csspart form - The lookup form.
 * @csspart input - Every text, file and note field.
 * @csspart button - Every button.
 * @csspart result - The case found (a `section`).
 * @csspart title - The result heading.
 * @csspart status - The case status in plain words.
 * @csspart facts - Item, submission time, promised date and trips.
 * @csspart notice - The one-time deficiency notice (一次性告知书).
 * @csspart correction - The correction form.
 * @csspart supply - The form for supplying deferred materials.
 * @csspart tasks - The department tasks table.
 * @csspart deferred - The deferred materials (容缺后补) list.
 * @csspart documents - The official notices to download (受理通知书, 一次性告知书, 容缺受理承诺书, 不予受理 / 不予许可决定书), once the case has one.
 * @csspart document - One notice's download link (its signed PDF).
 * @csspart ticket - The fee section, once the case has a ticket (the ticket itself is an `<onetrip-fee-ticket>`, styled through its own parts).
 * @csspart results - The results (certificates), once issued.
 * @csspart result-card - One result: its name, verification code, issuer, issue date and actions.
 * @csspart code - A verification code.
 * @csspart download - A result's download button (also `button`).
 * @csspart verify - A result's verification link.
 * @csspart delivery - How the results are delivered.
 * @csspart handover - Where the results are (courier under way, delivered, available for download).
 * @csspart pickup-notice - The notice to collect the results at the service hall.
 * @csspart trips - The number of trips the case took, once the results have arrived.
 * @csspart redispatch - The note that a shipment failed and the results went out again.
 * @csspart waybill - The courier's waybill number.
 * @csspart progress - The courier's steps, the current one marked `aria-current="step"`.
 * @csspart history - The courier's history with times.
 * @csspart rating - The service rating (好差评), once the case is completed or rejected: the ratings given, the rectifications and the form.
 * @csspart rating-form - The rating form (grade, reasons, comment), while a round may be rated.
 * @csspart error-summary - The rating form's error summary (`<onetrip-error-summary>`, styled through its own parts).
 * @csspart rectification - One rectification a poor rating opened, with the department's response.
 * @csspart messages - The applicant's messages (消息通知), newest first, with the choice to opt out of non-essential ones.
 * @csspart message - One message: its subject, time, text, and what became of its text message and email.
 * @csspart opt-out - The opt-out of non-essential text messages and emails (legally required notices are still sent).
 * @csspart timeline - The timeline of the case.
 * @csspart error - Error messages.
 *
 * @cssprop [--onetrip-accent=#1a5fb4] - Buttons and highlights.
 * @cssprop [--onetrip-on-accent=#ffffff] - Text on the accent colour.
 * @cssprop [--onetrip-text=#1f2328] - Body text.
 * @cssprop [--onetrip-muted=#57606a] - Secondary text.
 * @cssprop [--onetrip-surface=#ffffff] - Background.
 * @cssprop [--onetrip-panel=#f3f6f9] - Background of panels and table headers.
 * @cssprop [--onetrip-border=#57606a] - Borders of fields and tables.
 * @cssprop [--onetrip-field-background=#ffffff] - Background of fields.
 * @cssprop [--onetrip-font] - Font family.
 * @cssprop [--onetrip-font-size=16px] - Base font size.
 * @cssprop [--onetrip-radius=4px] - Corner radius.
 * @cssprop [--onetrip-loading-height] - The room the element keeps until it shows what it loads (onetrip.js sets one per element; README, "Keeping the page still").
 * @cssprop [--onetrip-focus=#ffbf47] - Focus outline.
 * @cssprop [--onetrip-error=#b3261e] - Error text and the notice's border.
 */
export class OneTripTrack extends OneTripElement implements TrackHost {
  static override styles = [OneTripElement.styles, lookupStyles, fieldStyles, trackStyles];

  static override properties = {
    receipt: { type: String },
    queryCode: { type: String, attribute: 'query-code' },
    formErrors: { state: true },
    updateErrors: { state: true },
    downloading: { state: true },
    resultProblem: { state: true },
    ratingDraft: { state: true },
    ratingErrors: { state: true },
    rated: { state: true },
    optOut: { state: true },
  };

  /** Receipt number (受理编号). */
  receipt = '';
  /** Query code (查询码). */
  queryCode = '';

  /** @internal */
  formErrors: TrackHost['formErrors'] = {};
  /** @internal */
  updateErrors: Record<string, string> = {};
  /** @internal */
  correctionForm: TrackHost['correctionForm'] = {};
  /** @internal */
  sent?: UpdateInput['kind'];
  /** @internal */
  downloading?: string;
  /** @internal */
  resultProblem?: TrackHost['resultProblem'];
  /** @internal */
  ratingDraft: RatingDraft = { reasons: [], comment: '' };
  /** @internal */
  ratingErrors: SummaryError[] = [];
  /** @internal */
  rated = false;
  /** @internal */
  optOut?: boolean;
  /** Move focus to the result heading once the running lookup settles (only for lookups a person asked for). */
  private focusAfterLookup = false;
  /** `receipt` or `query-code` came from the page as attributes (not typed): look up once both are there. */
  private attributesChanged = false;

  /** The case view's code (found.ts), loaded with the first lookup; set whenever a lookup stands complete. */
  private view?: typeof import('./found.js');

  /** @internal */
  readonly lookup = new Task(this, {
    autoRun: false,
    task: async ([receipt, queryCode, base]: readonly [string, string, string], { signal }): Promise<Lookup> => {
      const api = new OneTripApi(base);
      const [application, view] = await Promise.all([api.get<CaseView>(paths.application(receipt, queryCode), signal), import('./found.js')]);
      this.view = view;
      const { flaggedFieldValidator } = view;
      // Names for codes: a missing guide or catalog only costs readability, never the answer.
      const { itemCode, bundleCode, answers } = application;
      const [guide, catalog, messages] = await Promise.all([
        bundleCode
          ? api.get<BundleGuide>(paths.bundle(bundleCode, answers && answersQuery(answers)), signal).catch(() => undefined)
          : itemCode ? api.get<ItemGuide>(paths.item(itemCode), signal).catch(() => undefined) : undefined,
        api.get<CatalogSummary>(paths.catalog(), signal).catch(() => undefined),
        // Worded by the API in the tracker's language; a failure only hides the section.
        api.request<ApplicantMessages>('GET', paths.messages(receipt, queryCode), { headers: { 'accept-language': getLocale() }, signal }).catch(() => undefined),
      ]);
      const departments = new Map<string, LocalizedText>((catalog?.departments ?? []).map((d) => [d.code, d.name] as const));
      for (const d of guide && 'departments' in guide ? guide.departments : guide ? [guide.department] : []) departments.set(d.code, d.name);
      return { receipt, queryCode, application, guide, departments, messages, formValidator: await flaggedFieldValidator(application, guide) };
    },
    onComplete: (found) => {
      const { application } = found;
      const { caseStatusText, correctionStart } = this.view!;
      this.correctionForm = correctionStart(found);
      this.optOut = undefined;
      this.announcement = `${msg('查询结果：', { id: 'track.resultAnnounce' })}${caseStatusText(application).title}`;
      this.resultProblem = undefined;
      // Made with the first case found: following a case (and its handover's texts) is found.ts's code.
      this.watch ??= new this.view!.CaseWatch(this, () => (this.lookup.status === TaskStatus.COMPLETE ? this.lookup.value : undefined));
      this.watch.follow(application);
      this.dispatchEvent(
        new CustomEvent('onetrip-tracked', { bubbles: true, composed: true, detail: { receiptNumber: application.receiptNumber, status: application.status } }),
      );
    },
    onError: (error) => {
      if ((error as Error).name !== 'AbortError') this.announcement = msg('未查到办件', { id: 'track.notFound' });
    },
  });

  /** @internal */
  readonly sending = new Task(this, {
    autoRun: false,
    task: async ([input]: readonly [UpdateInput], { signal }) => {
      const api = this.api;
      const { uploadFile } = this.view!;
      const materials = [];
      for (const { materialCode, file } of input.files) {
        signal.throwIfAborted();
        materials.push({ materialCode, uploadId: await uploadFile(api, file, () => {}) });
      }
      const body = { ...(input.form ? { form: input.form } : {}), ...(materials.length ? { materials } : {}), ...(input.note ? { note: input.note } : {}) };
      const reply = await api.post<{ status: string }>(paths.corrections(input.receipt, input.queryCode), body, { signal });
      return { kind: input.kind, receiptNumber: input.receipt, status: reply.status };
    },
    onError: (error) => {
      // A field the API refused is shown at the field, as the browser's own checks are.
      const lookup = this.lookup.value;
      if (error instanceof ApiError && error.status === 400 && lookup) this.updateErrors = { ...this.updateErrors, ...this.view!.refusedFields(lookup, error.fields) };
    },
    onComplete: ({ kind, receiptNumber, status }) => {
      this.sent = kind;
      const type = kind === 'correction' ? 'onetrip-corrected' : 'onetrip-supplied';
      this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail: { receiptNumber, status } }));
      const last = this.lookup.value;
      if (last) this.runLookup(last.receipt, last.queryCode, true);
    },
  });

  /** @internal */
  readonly rating = new Task(this, {
    autoRun: false,
    task: async ([lookup, body]: readonly [Lookup, RatingRequest], { signal }) => {
      const reply = await this.api.post<CaseView>(paths.rating(lookup.receipt, lookup.queryCode), body, { signal });
      return { lookup, body, round: reply.ratings.at(-1)?.round };
    },
    onError: (error) => {
      // A field the API refused is listed in the summary, as the browser's own checks are.
      if (error instanceof ApiError && error.status === 400) {
        const { COMMENT_ID, GRADE_ID, REASONS_ID } = this.view!;
        const ids: Record<string, string> = { '/grade': GRADE_ID, '/reasons': REASONS_ID, '/comment': COMMENT_ID };
        this.ratingErrors = error.fields.map((f) => ({ fieldId: ids[f.path.replace(/\/\d+$/, '')] ?? GRADE_ID, message: f.message }));
      }
    },
    onComplete: ({ lookup, body, round }) => {
      this.rated = true;
      this.ratingErrors = [];
      this.ratingDraft = { reasons: [], comment: '' };
      this.announce(msg('感谢您的评价。', { id: 'track.rating.thanks' }));
      this.dispatchEvent(new CustomEvent('onetrip-rated', { bubbles: true, composed: true, detail: { receiptNumber: lookup.receipt, round, grade: body.grade } }));
      this.runLookup(lookup.receipt, lookup.queryCode, false);
    },
  });

  /** @internal */
  readonly preferences = new Task(this, {
    autoRun: false,
    task: async ([lookup, optOut]: readonly [Lookup, boolean], { signal }) =>
      this.api.request<NotificationPreferences>('PUT', paths.notificationPreferences(lookup.receipt, lookup.queryCode), { body: { optOut }, signal }),
    onComplete: ({ optOut }) => {
      this.optOut = optOut;
      this.announce(
        optOut
          ? msg('已设置：不再接收非必要的短信和邮件。', { id: 'track.optOut.on' })
          : msg('已设置：恢复接收短信和邮件通知。', { id: 'track.optOut.off' }),
      );
    },
  });

  /** Reads the case found again while its results travel (while a lookup stands complete). */
  private watch?: CaseWatch;

  private readonly onSubmitted = (event: Event) => {
    const detail = (event as CustomEvent<{ receiptNumber?: string; queryCode?: string }>).detail;
    if (!detail?.receiptNumber) return;
    this.receipt = detail.receiptNumber;
    this.queryCode = detail.queryCode ?? '';
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('onetrip-submitted', this.onSubmitted);
    const paying = takePaying();
    if (paying && !this.receipt && !this.queryCode) {
      this.receipt = paying.receipt;
      this.queryCode = paying.queryCode;
      this.attributesChanged = true;
    }
  }

  override disconnectedCallback(): void {
    document.removeEventListener('onetrip-submitted', this.onSubmitted);
    super.disconnectedCallback();
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if ((name === 'receipt' || name === 'query-code') && old !== value) this.attributesChanged = true;
  }

  protected override updated(): void {
    // The page set (or changed) the codes: look up, without taking focus from the page.
    if (this.attributesChanged) {
      this.attributesChanged = false;
      if (this.receipt && this.queryCode) this.runLookup(this.receipt.trim(), this.queryCode.trim().toUpperCase(), false);
    }
    if (this.focusAfterLookup && (this.lookup.status === TaskStatus.COMPLETE || this.lookup.status === TaskStatus.ERROR)) {
      this.focusAfterLookup = false;
      this.renderRoot.querySelector<HTMLElement>('#result-title')?.focus();
    }
  }

  /** @internal */
  runLookup(receipt: string, queryCode: string, focus: boolean): void {
    this.focusAfterLookup = focus;
    this.watch?.stop();
    void this.lookup.run([receipt, queryCode, this.base]);
  }

  /** @internal Asks for a result's short-lived link and hands it to the browser as a download. */
  async download(lookup: Lookup, code: string): Promise<void> {
    if (this.downloading) return;
    this.downloading = code;
    this.resultProblem = undefined;
    try {
      const link = await this.api.get<ResultLink>(paths.result(lookup.receipt, code, lookup.queryCode));
      const anchor = Object.assign(document.createElement('a'), { href: link.url, download: `${code}.pdf`, rel: 'noopener', hidden: true });
      this.renderRoot.append(anchor);
      anchor.click();
      anchor.remove();
      this.announce(msg(str`${code} 的结果文件开始下载`, { id: 'track.result.downloading' }));
    } catch (error) {
      this.resultProblem = { code, message: problemText(error) };
    } finally {
      this.downloading = undefined;
    }
  }

  /** @internal */
  setOptOut(lookup: Lookup, optOut: boolean): void {
    void this.preferences.run([lookup, optOut]);
  }

  /** @internal */
  editRating(patch: Partial<RatingDraft>): void {
    this.ratingDraft = { ...this.ratingDraft, ...patch };
  }

  /** @internal Checks the rating in the browser (the summary takes focus on a problem), then sends it. */
  onRate(event: SubmitEvent, lookup: Lookup): void {
    event.preventDefault();
    const errors = this.view!.ratingProblems(this.ratingDraft);
    this.ratingErrors = errors;
    if (errors.length) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<OneTripErrorSummary>('#rating-summary')?.focus());
      return;
    }
    const { grade, reasons, comment } = this.ratingDraft;
    this.announcement = msg('正在提交评价…', { id: 'track.rating.sending' });
    void this.rating.run([lookup, { grade: grade!, reasons, ...(comment.trim() ? { comment: comment.trim() } : {}) }]);
  }

  /** @internal */
  onLookup(event: SubmitEvent): void {
    event.preventDefault();
    const receipt = this.receipt.trim();
    const queryCode = this.queryCode.trim().toUpperCase();
    const errors = lookupProblems(receipt, queryCode);
    this.formErrors = errors;
    if (errors.receipt || errors.queryCode) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(errors.receipt ? '#receipt' : '#query-code')?.focus());
      return;
    }
    this.sent = undefined;
    this.rated = false;
    this.runLookup(receipt, queryCode, true);
  }

  /** @internal */
  onApplicantUpdate(event: SubmitEvent, lookup: Lookup, kind: UpdateInput['kind']): void {
    event.preventDefault();
    const { inScreenOrder, readCorrectionFields, readUpdate } = this.view!;
    const fields = kind === 'correction' ? readCorrectionFields(this, lookup) : { errors: {} };
    const form = event.currentTarget as HTMLFormElement;
    const { errors: fileErrors, files, note } = readUpdate(form, lookup, kind, Boolean(fields.form));
    // In the order the form shows them, so focus goes to the first problem on screen.
    const errors = inScreenOrder(form, { ...fields.errors, ...fileErrors });
    this.updateErrors = errors;
    const first = Object.keys(errors)[0];
    if (first) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${first}`)?.focus());
      return;
    }
    this.announcement = msg('正在上传并提交…', { id: 'track.sending' });
    void this.sending.run([{ kind, receipt: lookup.receipt, queryCode: lookup.queryCode, files, note, form: fields.form }]);
  }

  protected override render() {
    return this.isolated(html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      ${renderLookupForm(this)}
      ${this.lookup.render({
        pending: () => html`<p class="loading">${msg('加载中…', { id: 'common.loading' })}</p>`,
        complete: (found) => this.view!.renderCase(this, found, this.watch?.latest),
        error: (error) => renderLookupError(error),
      })}`);
  }
}
