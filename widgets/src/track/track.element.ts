import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import type { LocalizedText } from '../../../contracts/catalog.js';
import type { CatalogSummary, GuideMaterial, ItemGuide } from '../../../contracts/guides.js';
import type { CaseView } from '../../../contracts/cases.js';
import { ApiError, OneTripApi, paths } from '../shared/api.js';
import { checkFile, uploadFile } from '../shared/upload.js';
import { formatBytes, formatDate, formatDateTime } from '../shared/format.js';
import { intlLocale, useLocale } from '../shared/localize.js';
import { baseStyles } from '../shared/styles.js';
import { deliveryModeText, fieldTitle, localized } from '../service-guide/catalog-text.js';
import { isolatedRoot } from '../shared/isolation.styles.js';
import '../fee-ticket/fee-ticket.js';
import type { TicketView } from '../fee-ticket/ticket-view.js';
import { renderHandover, renderResults } from './handover.js';
import { handoverAnnouncement } from './handover-text.js';
import { inTransit, type HandoverView, type ResultLink, type ResultView } from './handover-view.js';
import { caseStatusText, taskStatusText, timelineText } from './track-text.js';
import { trackStyles } from './track.styles.js';

/** `GET v1/applications/{receipt}` as the applicant sees it. */
export interface ApplicationStatus extends Omit<CaseView, 'ticket' | 'results' | 'handover' | 'delivery'> {
  ticket?: TicketView | null;
  results?: ResultView[];
  handover?: HandoverView | null;
  delivery?: { mode: string; address?: { city?: string; district?: string; detail?: string } };
}

interface Lookup {
  receipt: string;
  queryCode: string;
  application: ApplicationStatus;
  /** The item's guide, for material and field names; missing if it could not be read. */
  guide?: ItemGuide;
  departments: Map<string, LocalizedText>;
}

/** What the applicant sends after submission: the one-time correction, or deferred materials supplied. */
interface UpdateInput {
  kind: 'correction' | 'supply';
  receipt: string;
  queryCode: string;
  files: { materialCode: string; file: File }[];
  note: string;
}

const RECEIPT = /^\d{6}-\d{8}-\d{6}$/;
const QUERY_CODE = /^[2-9A-Z]{8}$/;

/**
 * The case being paid for, kept for this tab while the applicant is at the payment
 * provider: the provider sends them back to the page without its query (the query code
 * never goes to the provider), and the tracker looks the case up again from here.
 */
const PAYING_KEY = 'onetrip.track.paying';
const PAYING_FOR_MS = 60 * 60 * 1000;

/** While the results are on their way: read the case again every 3 s, for about three minutes. */
const WATCH_EVERY_MS = 3000;
const WATCHES = 60;

function session(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    // Storage may be blocked (sandboxed frames): the applicant types the codes again.
    return undefined;
  }
}

function rememberPaying(receipt: string, queryCode: string): void {
  try {
    session()?.setItem(PAYING_KEY, JSON.stringify({ receipt, queryCode, at: Date.now() }));
  } catch {
    // Full or blocked: as above.
  }
}

function takePaying(): { receipt: string; queryCode: string } | undefined {
  const storage = session();
  const saved = storage?.getItem(PAYING_KEY);
  if (!storage || !saved) return undefined;
  storage.removeItem(PAYING_KEY);
  try {
    const { receipt, queryCode, at } = JSON.parse(saved) as { receipt?: unknown; queryCode?: unknown; at?: unknown };
    const fresh = typeof at === 'number' && Date.now() - at < PAYING_FOR_MS;
    return fresh && typeof receipt === 'string' && typeof queryCode === 'string' ? { receipt, queryCode } : undefined;
  } catch {
    return undefined;
  }
}

/** Today in Asia/Shanghai, where deadlines are local dates. */
const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/**
 * Progress of one case for the applicant: receipt number and query code in, the case's
 * status, each department's task and deadline, the timeline, the one-time deficiency
 * notice with the correction form, deferred materials and (when the API reports them)
 * the fee ticket, results and delivery out.
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
 * @cssprop [--onetrip-focus=#ffbf47] - Focus outline.
 * @cssprop [--onetrip-error=#b3261e] - Error text and the notice's border.
 */
export class OneTripTrack extends LitElement {
  static override styles = [baseStyles, isolatedRoot, trackStyles];

  static override properties = {
    receipt: { type: String },
    queryCode: { type: String, attribute: 'query-code' },
    apiBase: { type: String, attribute: 'api-base' },
    locale: { type: String },
    formErrors: { state: true },
    updateErrors: { state: true },
    announcement: { state: true },
    live: { state: true },
    downloading: { state: true },
    resultProblem: { state: true },
  };

  /** Receipt number (受理编号). */
  receipt = '';
  /** Query code (查询码). */
  queryCode = '';
  /** Origin and path prefix of the OneTrip API; the page's origin when unset. */
  apiBase?: string;
  /** `en` for English, otherwise Chinese. */
  locale?: string;

  private formErrors: { receipt?: string; queryCode?: string } = {};
  private updateErrors: Record<string, string> = {};
  /** Text of the polite live region: status changes for screen-reader users. */
  private announcement = '';
  /** Move focus to the result heading once the running lookup settles (only for lookups a person asked for). */
  private focusAfterLookup = false;
  /** `receipt` or `query-code` came from the page as attributes (not typed): look up once both are there. */
  private attributesChanged = false;
  /** What the applicant last sent successfully, for the confirmation shown with the refreshed case. */
  private sent?: UpdateInput['kind'];
  /** The case shown, as last read again while its results are on their way (replaces the lookup's). */
  private live?: ApplicationStatus;
  private watchesLeft = 0;
  private watchTimer?: ReturnType<typeof setTimeout>;
  private watchAbort?: AbortController;
  /** Verification code of the result whose download link is being asked for. */
  private downloading?: string;
  private resultProblem?: { code: string; message: string };

  private readonly lookup = new Task(this, {
    autoRun: false,
    task: async ([receipt, queryCode, base]: readonly [string, string, string], { signal }): Promise<Lookup> => {
      const api = new OneTripApi(base);
      const application = await api.get<ApplicationStatus>(paths.application(receipt, queryCode), signal);
      // Names for codes: a missing guide or catalog only costs readability, never the answer.
      const [guide, catalog] = await Promise.all([
        application.itemCode ? api.get<ItemGuide>(paths.item(application.itemCode), signal).catch(() => undefined) : undefined,
        api.get<CatalogSummary>(paths.catalog(), signal).catch(() => undefined),
      ]);
      const departments = new Map((catalog?.departments ?? []).map((d) => [d.code, d.name] as const));
      if (guide) departments.set(guide.department.code, guide.department.name);
      return { receipt, queryCode, application, guide, departments };
    },
    onComplete: ({ application }) => {
      this.announcement = `${msg('查询结果：', { id: 'track.resultAnnounce' })}${caseStatusText(application.status).title}`;
      this.live = undefined;
      this.resultProblem = undefined;
      this.watchesLeft = WATCHES;
      this.scheduleWatch(application);
      this.dispatchEvent(
        new CustomEvent('onetrip-tracked', { bubbles: true, composed: true, detail: { receiptNumber: application.receiptNumber, status: application.status } }),
      );
    },
    onError: (error) => {
      if ((error as Error).name !== 'AbortError') this.announcement = msg('未查到办件', { id: 'track.notFound' });
    },
  });

  private readonly sending = new Task(this, {
    autoRun: false,
    task: async ([input]: readonly [UpdateInput], { signal }) => {
      const api = new OneTripApi(this.base);
      const materials = [];
      for (const { materialCode, file } of input.files) {
        signal.throwIfAborted();
        materials.push({ materialCode, uploadId: await uploadFile(api, file, () => {}) });
      }
      const body = { ...(materials.length ? { materials } : {}), ...(input.note ? { note: input.note } : {}) };
      const reply = await api.post<{ status: string }>(paths.corrections(input.receipt, input.queryCode), body, { signal });
      return { kind: input.kind, receiptNumber: input.receipt, status: reply.status };
    },
    onComplete: ({ kind, receiptNumber, status }) => {
      this.sent = kind;
      const type = kind === 'correction' ? 'onetrip-corrected' : 'onetrip-supplied';
      this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail: { receiptNumber, status } }));
      const last = this.lookup.value;
      if (last) this.runLookup(last.receipt, last.queryCode, true);
    },
  });

  private readonly onSubmitted = (event: Event) => {
    const detail = (event as CustomEvent<{ receiptNumber?: string; queryCode?: string }>).detail;
    if (!detail?.receiptNumber) return;
    this.receipt = detail.receiptNumber;
    this.queryCode = detail.queryCode ?? '';
  };

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  private get base(): string {
    return this.apiBase || location.origin;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('onetrip-submitted', this.onSubmitted);
    const paying = takePaying();
    if (paying && !this.receipt && !this.queryCode) {
      this.receipt = paying.receipt;
      this.queryCode = paying.queryCode;
      this.attributesChanged = true;
    }
    // Back on the page: carry on following a shipment.
    const shown = this.live ?? this.lookup.value?.application;
    if (shown) this.scheduleWatch(shown);
  }

  override disconnectedCallback(): void {
    document.removeEventListener('onetrip-submitted', this.onSubmitted);
    this.stopWatch();
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) void useLocale(this.locale);
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

  private runLookup(receipt: string, queryCode: string, focus: boolean): void {
    this.focusAfterLookup = focus;
    this.stopWatch();
    void this.lookup.run([receipt, queryCode, this.base]);
  }

  /** One more quiet reading in a while, if the results are on their way and readings are left. */
  private scheduleWatch(application: ApplicationStatus): void {
    if (this.watchTimer !== undefined || !this.isConnected || this.watchesLeft <= 0 || !inTransit(application.handover)) return;
    this.watchTimer = setTimeout(() => {
      this.watchTimer = undefined;
      this.watchesLeft -= 1;
      void this.readAgain();
    }, WATCH_EVERY_MS);
  }

  private stopWatch(): void {
    clearTimeout(this.watchTimer);
    this.watchTimer = undefined;
    this.watchAbort?.abort();
    this.watchAbort = undefined;
  }

  /** Reads the case shown again without the loading state: what changed replaces it and is announced. */
  private async readAgain(): Promise<void> {
    const lookup = this.lookup.value;
    if (!lookup || this.lookup.status !== TaskStatus.COMPLETE) return;
    const before = this.live ?? lookup.application;
    const abort = (this.watchAbort = new AbortController());
    try {
      const next = await new OneTripApi(this.base).get<ApplicationStatus>(paths.application(lookup.receipt, lookup.queryCode), abort.signal);
      if (abort.signal.aborted || this.lookup.value !== lookup) return;
      // An unchanged ticket keeps its object, so the fee ticket is not handed a copy every few seconds.
      if (JSON.stringify(next.ticket) === JSON.stringify(before.ticket)) next.ticket = before.ticket;
      const change = handoverAnnouncement(before.handover, next.handover);
      if (change) this.announce(change);
      this.live = next;
      this.scheduleWatch(next);
    } catch {
      // A missed reading: try again at the next tick.
      if (!abort.signal.aborted) this.scheduleWatch(before);
    }
  }

  private announce(text: string): void {
    // The same words twice must still be announced: the region changes either way.
    this.announcement = this.announcement === text ? `${text}\u00a0` : text;
  }

  /** Asks for a result's short-lived link and hands it to the browser as a download. */
  private async download(lookup: Lookup, code: string): Promise<void> {
    if (this.downloading) return;
    this.downloading = code;
    this.resultProblem = undefined;
    try {
      const link = await new OneTripApi(this.base).get<ResultLink>(paths.result(lookup.receipt, code, lookup.queryCode));
      const anchor = Object.assign(document.createElement('a'), { href: link.url, download: `${code}.pdf`, rel: 'noopener', hidden: true });
      this.renderRoot.append(anchor);
      anchor.click();
      anchor.remove();
      this.announce(msg(str`${code} 的结果文件开始下载`, { id: 'track.result.downloading' }));
    } catch (error) {
      this.resultProblem = {
        code,
        message: error instanceof ApiError && error.code !== 'NETWORK' ? error.message : msg('无法连接服务，请检查网络后重试。', { id: 'common.networkError' }),
      };
    } finally {
      this.downloading = undefined;
    }
  }

  private async copy(code: string, button: HTMLElement): Promise<void> {
    try {
      await navigator.clipboard.writeText(code);
      this.announce(msg(str`已复制核验码 ${code}`, { id: 'track.result.copied' }));
    } catch {
      // No clipboard here (permission, an insecure page): select the code for the applicant to copy.
      const shown = button.parentElement?.querySelector('code');
      if (shown) getSelection()?.selectAllChildren(shown);
      this.announce(msg(str`已选中核验码 ${code}，请复制`, { id: 'track.result.selected' }));
    }
  }

  private onLookup(event: SubmitEvent): void {
    event.preventDefault();
    const receipt = this.receipt.trim();
    const queryCode = this.queryCode.trim().toUpperCase();
    const errors: { receipt?: string; queryCode?: string } = {};
    if (!receipt) errors.receipt = msg('请输入受理编号', { id: 'track.receiptMissing' });
    else if (!RECEIPT.test(receipt)) errors.receipt = msg('受理编号格式应为 430600-20261127-000001', { id: 'track.receiptInvalid' });
    if (!queryCode) errors.queryCode = msg('请输入查询码', { id: 'track.queryCodeMissing' });
    else if (!QUERY_CODE.test(queryCode)) errors.queryCode = msg('查询码是 8 位字母或数字', { id: 'track.queryCodeInvalid' });
    this.formErrors = errors;
    if (errors.receipt || errors.queryCode) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(errors.receipt ? '#receipt' : '#query-code')?.focus());
      return;
    }
    this.sent = undefined;
    this.runLookup(receipt, queryCode, true);
  }

  private onApplicantUpdate(event: SubmitEvent, lookup: Lookup, kind: UpdateInput['kind']): void {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const errors: Record<string, string> = {};
    const files: UpdateInput['files'] = [];
    for (const input of form.querySelectorAll<HTMLInputElement>('input[type=file]')) {
      const file = input.files?.[0];
      const materialCode = input.dataset.material ?? '';
      if (!file) continue;
      const material = lookup.guide?.materials.find((m) => m.code === materialCode);
      // Without the guide the API still checks type and size; the browser only saves a wasted upload.
      const problem = material ? checkFile(file, material) : undefined;
      if (problem === 'type') errors[input.id] = msg('文件格式不符合要求，请换一个文件', { id: 'track.fileType' });
      else if (problem === 'empty') errors[input.id] = msg('文件是空的，请换一个文件', { id: 'track.fileEmpty' });
      else if (problem === 'size') errors[input.id] = msg(str`文件不能超过 ${formatBytes(material!.maxBytes)}`, { id: 'track.fileSize' });
      else files.push({ materialCode, file });
    }
    const note = (form.querySelector<HTMLTextAreaElement>('textarea')?.value ?? '').trim();
    if (Object.keys(errors).length === 0 && files.length === 0 && !note) {
      if (kind === 'correction') errors.note = msg('请上传补正材料或填写补正说明', { id: 'track.correctionEmpty' });
      else errors[form.querySelector('input[type=file]')?.id ?? ''] = msg('请选择要补交的文件', { id: 'track.supplyEmpty' });
    }
    this.updateErrors = errors;
    const first = Object.keys(errors)[0];
    if (first) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${first}`)?.focus());
      return;
    }
    this.announcement = msg('正在上传并提交…', { id: 'track.sending' });
    void this.sending.run([{ kind, receipt: lookup.receipt, queryCode: lookup.queryCode, files, note }]);
  }

  protected override render() {
    return html`<div class="root" lang=${intlLocale()}>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      ${this.renderForm()}
      ${this.lookup.render({
        pending: () => html`<p class="loading">${msg('加载中…', { id: 'common.loading' })}</p>`,
        complete: (lookup) => this.renderResult(lookup),
        error: (error) => this.renderLookupError(error),
      })}
    </div>`;
  }

  /** A labelled lookup input with its hint and its error, tied by aria-describedby. */
  private lookupField(f: { id: string; name: string; label: string; hint: string; error?: string; value: string; set: (v: string) => void; capitalize?: boolean }) {
    const described = f.error ? `${f.id}-hint ${f.id}-error` : `${f.id}-hint`;
    return html`<div class="field">
      <label for=${f.id}>${f.label}</label>
      <p class="hint" id=${`${f.id}-hint`}>${f.hint}</p>
      ${f.error ? this.fieldError(`${f.id}-error`, f.error) : nothing}
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

  private renderForm() {
    const { receipt: receiptError, queryCode: codeError } = this.formErrors;
    return html`<form part="form" class="lookup" novalidate @submit=${this.onLookup} aria-labelledby="lookup-title">
      <h2 id="lookup-title">${msg('查询办件进度', { id: 'track.title' })}</h2>
      ${this.lookupField({
        id: 'receipt',
        name: 'receipt',
        label: msg('受理编号', { id: 'track.receipt' }),
        hint: msg('提交申请后得到的编号，如 430600-20261127-000001', { id: 'track.receiptHint' }),
        error: receiptError,
        value: this.receipt,
        set: (v) => (this.receipt = v),
      })}
      ${this.lookupField({
        id: 'query-code',
        name: 'queryCode',
        label: msg('查询码', { id: 'track.queryCode' }),
        hint: msg('提交时给出的 8 位查询码，用来保护您的信息', { id: 'track.queryCodeHint' }),
        error: codeError,
        value: this.queryCode,
        set: (v) => (this.queryCode = v),
        capitalize: true,
      })}
      <button type="submit" part="button" ?disabled=${this.lookup.status === TaskStatus.PENDING}>${msg('查询', { id: 'track.lookup' })}</button>
    </form>`;
  }

  private fieldError(id: string, message: string) {
    return html`<p class="error-message" id=${id}><span class="visually-hidden">${msg('错误：', { id: 'common.error' })}</span>${message}</p>`;
  }

  private renderLookupError(error: unknown) {
    const message =
      error instanceof ApiError && error.code !== 'NETWORK' ? error.message : msg('无法连接服务，请检查网络后重试。', { id: 'common.networkError' });
    return html`<section part="error" class="problem" aria-labelledby="result-title">
      <h2 id="result-title" tabindex="-1">${msg('未查到办件', { id: 'track.notFound' })}</h2>
      <p><span class="error-message">${msg('错误：', { id: 'common.error' })}</span> ${message}</p>
      <p>${msg('请核对受理编号和查询码后再试。', { id: 'track.checkCodes' })}</p>
    </section>`;
  }

  private renderResult(found: Lookup) {
    // The case as last read: a quiet re-reading replaces the lookup's answer.
    const lookup = this.live ? { ...found, application: this.live } : found;
    const { application: a } = lookup;
    const status = caseStatusText(a.status);
    const department = (code: string | undefined) => (code ? localized(lookup.departments.get(code)) || code : undefined);
    return html`<section part="result" class="result" aria-labelledby="result-title">
      <h2 id="result-title" part="title" tabindex="-1">
        ${msg(str`办件 ${a.receiptNumber}`, { id: 'track.caseTitle' })}
      </h2>
      <p part="status" class="status status-${a.status}">
        <strong>${status.title}</strong>
        <span>${status.explanation}</span>
      </p>
      ${this.sent === 'correction' && a.status === 'submitted'
        ? html`<p class="confirmation">${msg('补正材料已提交，窗口将重新预审。', { id: 'track.corrected' })}</p>`
        : nothing}
      ${this.sent === 'supply' ? html`<p class="confirmation">${msg('容缺材料已补交。', { id: 'track.supplied.confirmation' })}</p>` : nothing}
      ${a.rejection ? html`<p class="rejection"><strong>${msg('原因：', { id: 'track.reason' })}</strong>${a.rejection.reason}</p>` : nothing}
      <dl part="facts" class="facts">
        <div><dt>${msg('申请事项', { id: 'track.item' })}</dt><dd>${localized(a.itemName)}</dd></div>
        <div><dt>${msg('提交时间', { id: 'track.submittedAt' })}</dt><dd>${formatDateTime(a.submittedAt)}</dd></div>
        <div>
          <dt>${a.completedAt ? msg('办结时间', { id: 'track.completedAt' }) : msg('承诺办结日期', { id: 'track.promisedDate' })}</dt>
          <dd>${a.completedAt ? formatDateTime(a.completedAt) : formatDate(a.promisedDate)}</dd>
        </div>
        <div>
          <dt>${msg('跑动次数', { id: 'track.trips' })}</dt>
          <dd>${a.trips === 0 ? msg('0 次（全程网办）', { id: 'track.tripsZero' }) : msg(str`${a.trips} 次`, { id: 'track.tripsCount' })}</dd>
        </div>
      </dl>
      ${this.renderNotice(lookup)} ${this.renderCorrection(lookup)} ${this.renderTasks(a, department)} ${this.renderDeferred(lookup)}
      ${this.renderTicket(lookup)}
      ${renderResults(a.results, {
        verifyHref: (code) => new OneTripApi(this.base).href(paths.verify(code)),
        downloading: this.downloading,
        problem: this.resultProblem,
        download: (code) => void this.download(lookup, code),
        copy: (code, button) => void this.copy(code, button),
      })}
      ${this.renderDelivery(a)}
      <section part="timeline" aria-labelledby="timeline-title">
        <h3 id="timeline-title">${msg('办理过程', { id: 'track.timeline' })}</h3>
        <ol class="timeline">
          ${a.timeline.map(
            (e) => html`<li>
              <time datetime=${e.at}>${formatDateTime(e.at)}</time>
              <span>${timelineText(e.action, department(e.actor.department))}</span>
            </li>`,
          )}
        </ol>
      </section>
    </section>`;
  }

  private materialName(lookup: Lookup, code: string): string {
    const material: GuideMaterial | undefined = lookup.guide?.materials.find((m) => m.code === code);
    return material ? localized(material.name) : code;
  }

  private renderNotice(lookup: Lookup) {
    const notice = lookup.application.notices.find((n) => n.kind === 'deficiency');
    if (!notice) return nothing;
    return html`<section part="notice" class="notice" aria-labelledby="notice-title">
      <h3 id="notice-title">${msg('一次性告知书', { id: 'track.notice' })}</h3>
      <p class="muted">${msg(str`${formatDateTime(notice.issuedAt)} 告知以下需要补正的内容：`, { id: 'track.noticeIssued' })}</p>
      <ol>
        ${notice.deficiencies.map((d) => {
          const subject = d.materialCode
            ? msg(str`材料“${this.materialName(lookup, d.materialCode)}”`, { id: 'track.deficiencyMaterial' })
            : d.path
              ? msg(str`填写项“${fieldTitle(lookup.guide?.formSchema, d.path) ?? d.path}”`, { id: 'track.deficiencyField' })
              : '';
          return html`<li>${subject ? html`<strong>${subject}</strong>${msg('：', { id: 'guide.colon' })}` : nothing}${d.message}</li>`;
        })}
      </ol>
    </section>`;
  }

  private renderCorrection(lookup: Lookup) {
    const { application: a } = lookup;
    if (!a.correctionAllowed) return nothing;
    const notice = a.notices.find((n) => n.kind === 'deficiency');
    const codes = [...new Set((notice?.deficiencies ?? []).flatMap((d) => (d.materialCode ? [d.materialCode] : [])))];
    const errors = this.updateErrors;
    return html`<form
      part="correction"
      class="applicant-update"
      novalidate
      aria-labelledby="correction-title"
      @submit=${(e: SubmitEvent) => this.onApplicantUpdate(e, lookup, 'correction')}
    >
      <h3 id="correction-title">${msg('补正材料', { id: 'track.correction' })}</h3>
      <p>${msg('请按告知书一次补正。提交后由综合窗口重新预审，不会再次要求补正。', { id: 'track.correctionIntro' })}</p>
      ${this.renderUpdateFailure()}
      ${codes.map((code) =>
        this.renderFileField(lookup, `file-${code}`, code, msg(str`重新上传：${this.materialName(lookup, code)}`, { id: 'track.replaceMaterial' })),
      )}
      <div class="field">
        <label for="note">${msg('补正说明', { id: 'track.note' })}</label>
        <p class="hint" id="note-hint">${msg('选填。例如更正了哪些内容。', { id: 'track.noteHint' })}</p>
        ${errors.note ? this.fieldError('note-error', errors.note) : nothing}
        <textarea
          id="note"
          part="input"
          rows="3"
          maxlength="1000"
          aria-describedby=${errors.note ? 'note-hint note-error' : 'note-hint'}
          aria-invalid=${errors.note ? 'true' : 'false'}
        ></textarea>
      </div>
      ${this.renderSendButton(msg('提交补正', { id: 'track.submitCorrection' }))}
    </form>`;
  }

  /** The reason the last correction or supply failed, if it did. */
  private renderUpdateFailure() {
    if (this.sending.status !== TaskStatus.ERROR) return nothing;
    const failed = this.sending.error;
    return html`<p part="error" class="error-message" role="alert">
      <span class="visually-hidden">${msg('错误：', { id: 'common.error' })}</span>${failed instanceof ApiError && failed.code !== 'NETWORK'
        ? failed.message
        : msg('无法连接服务，请检查网络后重试。', { id: 'common.networkError' })}
    </p>`;
  }

  private renderSendButton(label: string) {
    const running = this.sending.status === TaskStatus.PENDING;
    return html`<button type="submit" part="button" ?disabled=${running}>${running ? msg('正在提交…', { id: 'track.submitting' }) : label}</button>`;
  }

  /** A file field for one material, with its accepted types and size, checked before upload. */
  private renderFileField(lookup: Lookup, id: string, code: string, label: string) {
    const material = lookup.guide?.materials.find((m) => m.code === code);
    const error = this.updateErrors[id];
    const hintId = `${id}-hint`;
    const describedBy = [material ? hintId : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${material
        ? html`<p class="hint" id=${hintId}>
            ${material.contentTypes.map((t) => t.split('/')[1]?.toUpperCase()).join(' / ')} ·
            ${msg(str`不超过 ${formatBytes(material.maxBytes)}`, { id: 'guide.maxSize' })}
          </p>`
        : nothing}
      ${error ? this.fieldError(`${id}-error`, error) : nothing}
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

  private renderTasks(a: ApplicationStatus, department: (code: string | undefined) => string | undefined) {
    if (a.tasks.length === 0) return nothing;
    // A bundle's tasks name their item and stage; a single item's would only repeat the title.
    const bundle = new Set(a.tasks.map((t) => t.itemCode)).size > 1 || a.tasks.some((t) => t.stage > 1);
    return html`<section aria-labelledby="tasks-title">
      <h3 id="tasks-title">${msg('部门审查', { id: 'track.tasks' })}</h3>
      <table part="tasks">
        <thead>
          <tr>
            <th scope="col">${msg('部门', { id: 'track.department' })}</th>
            <th scope="col">${msg('状态', { id: 'track.taskStatus' })}</th>
            <th scope="col">${msg('办理期限', { id: 'track.deadline' })}</th>
          </tr>
        </thead>
        <tbody>
          ${a.tasks.map(
            (t) => html`<tr>
              <th scope="row">
                ${department(t.department)}
                ${bundle
                  ? html`<br /><span class="muted">${msg(str`第 ${t.stage} 阶段：${localized(t.itemName)}`, { id: 'track.taskItem' })}</span>`
                  : nothing}
              </th>
              <td>${taskStatusText(t.status)}${t.decision?.opinion ? html`<br /><span class="muted">${t.decision.opinion}</span>` : nothing}</td>
              <td>${formatDate(t.deadline)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }

  private renderDeferred(lookup: Lookup) {
    const { application: a } = lookup;
    if (a.deferred.length === 0) return nothing;
    const today = shanghaiToday();
    const open = a.deferred.filter((d) => d.status === 'open');
    // While a deficiency notice stands, everything goes through the one correction.
    const canSupply = open.length > 0 && !['deficient', 'completed', 'rejected'].includes(a.status);
    return html`<section part="deferred" aria-labelledby="deferred-title">
      <h3 id="deferred-title">${msg('容缺后补材料', { id: 'track.deferred' })}</h3>
      <ul>
        ${a.deferred.map((d) => {
          const late = d.status === 'open' && d.dueDate < today;
          const state =
            d.status === 'supplied'
              ? msg('已补交', { id: 'track.supplied' })
              : late
                ? msg('已逾期，请尽快补交', { id: 'track.overdue' })
                : msg('待补交', { id: 'track.open' });
          return html`<li class=${late ? 'overdue' : ''}>
            <strong>${this.materialName(lookup, d.materialCode)}</strong>${msg('：', { id: 'guide.colon' })}${msg(
              str`${formatDate(d.dueDate)} 前补交（${state}）`,
              { id: 'track.dueBy' },
            )}
          </li>`;
        })}
      </ul>
      ${canSupply
        ? html`<form
            part="supply"
            class="applicant-update"
            novalidate
            aria-labelledby="supply-title"
            @submit=${(e: SubmitEvent) => this.onApplicantUpdate(e, lookup, 'supply')}
          >
            <h4 id="supply-title">${msg('补交材料', { id: 'track.supply' })}</h4>
            ${this.renderUpdateFailure()}
            ${open.map((d) =>
              this.renderFileField(lookup, `supply-${d.materialCode}`, d.materialCode, msg(str`补交：${this.materialName(lookup, d.materialCode)}`, { id: 'track.supplyMaterial' })),
            )}
            ${this.renderSendButton(msg('提交补交材料', { id: 'track.submitSupply' }))}
          </form>`
        : nothing}
    </section>`;
  }

  /** The fee ticket, payable from here: the element gets the ticket the case view carries, and the codes to pay it. */
  private renderTicket(lookup: Lookup) {
    const ticket = lookup.application.ticket;
    if (!ticket) return nothing;
    return html`<section part="ticket" aria-labelledby="ticket-title">
      <h3 id="ticket-title">${msg('缴费', { id: 'track.ticket' })}</h3>
      <onetrip-fee-ticket
        heading-level="4"
        .data=${ticket}
        query-code=${lookup.queryCode}
        api-base=${this.base}
        locale=${this.locale ?? nothing}
        @onetrip-payment-started=${() => rememberPaying(lookup.receipt, lookup.queryCode)}
        @onetrip-ticket-loaded=${(e: CustomEvent<TicketView>) => {
          // A payment confirmed (or a refund made) while the case was shown: the case has moved on too.
          if (e.detail.status !== ticket.status) this.runLookup(lookup.receipt, lookup.queryCode, false);
        }}
      ></onetrip-fee-ticket>
    </section>`;
  }

  /** The mode chosen and, once the results are out, where they are. */
  private renderDelivery(a: ApplicationStatus) {
    if (!a.delivery) return nothing;
    const { mode, address } = a.delivery;
    return html`<section part="delivery" aria-labelledby="delivery-title">
      <h3 id="delivery-title">${msg('结果送达', { id: 'guide.delivery' })}</h3>
      <p>
        ${deliveryModeText(mode)}${address ? html`${msg('：', { id: 'guide.colon' })}${[address.city, address.district, address.detail].filter(Boolean).join('')}` : nothing}
      </p>
      ${a.handover ? renderHandover(a.handover, a.trips) : nothing}
    </section>`;
  }
}
