/**
 * `<onetrip-fee-ticket>`: a case's one fee ticket, read or handed over, and paying it; the
 * tracker embeds it, and a page can show it on its own.
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import type { PaymentMethod, PaymentStart, TicketAnswer, TicketView } from '../../../contracts/tickets.js';
import { localized } from '../service-guide/catalog-text.js';
import { answered, ApiError, OneTripApi, paths } from '../shared/api.js';
import { formatDate, formatDateTime, formatMoney } from '../shared/format.js';
import { OneTripElement } from '../shared/onetrip.element.js';
import { problemText } from '../shared/problem.js';
import { feeTicketStyles } from './fee-ticket.styles.js';
import { awaitingConfirmation, newestPayment } from './payments.js';
import { changeAnnouncement, paymentNote, providerName, scanHint, ticketStatusExplanation, ticketStatusText } from './ticket-text.js';
import { heading, renderLines, renderRefunds } from './ticket-parts.js';

/** While the provider's answer is awaited: ask again every 2 s, for about 30 s. */
const POLL_EVERY_MS = 2000;
const POLLS = 15;
/** While a QR code waits to be scanned and paid: for about 5 minutes. */
const QR_POLLS = 150;

/** A QR code to scan, shown until the ticket is paid. */
interface Scan {
  paymentId: string;
  provider: PaymentMethod['provider'];
  /** Its image once encoded (the encoder is loaded on demand). */
  image?: string;
}

/**
 * The one fee ticket (一票制) of a case: every department's fees with their legal basis and
 * how each was computed, a subtotal per department, the total, refunds, and a button that
 * pays it all at once with one of the county's payment providers (a choice when it offers
 * several; a QR code to scan when the provider answers one, WeChat Pay's Native payment);
 * once paid, a link to download the payment receipt (缴费凭证), a PDF signed by the county.
 *
 * Reads the ticket as soon as the page sets `ticket` and `query-code`, unless the page
 * hands it over in `.data` (the tracker does). After the applicant comes back from the
 * provider the element reads the ticket again, and while the payment is still unconfirmed
 * asks every 2 seconds for about 30 seconds, announcing the outcome.
 *
 * @summary A case's fee ticket, and paying it.
 *
 * @attr ticket - Ticket number (缴费单号), e.g. `T430602-20261128-000042`.
 * @attr query-code - Query code (查询码) of the case.
 * @attr api-base - Origin and path prefix of the OneTrip API. Defaults to the page's origin.
 * @attr locale - `en` for English; anything else (or nothing) for Chinese.
 * @attr return-url - Where the payment provider sends the applicant back. Defaults to this page's URL without its query and fragment (the query code never goes to the provider), but with its `lang` parameter.
 * @attr heading-level - Level of the ticket's heading, 2 to 6 (default 2); the refunds heading is one below.
 *
 * @fires onetrip-ticket-loaded - A ticket was read or handed over, and is shown. `detail`: the ticket.
 * @fires onetrip-payment-started - A payment was started; the element is about to go to the provider, or to show its QR code. Cancelable: a page that calls `preventDefault()` handles `detail.redirectUrl` (or `detail.qrCode`) itself. `detail`: `{ paymentId, provider, redirectUrl }` or `{ paymentId, provider, qrCode }`.
 *
 * @csspart ticket - The ticket (an `article`).
 * @csspart title - The ticket's heading.
 * @csspart status - The ticket's status in plain words.
 * @csspart facts - Receipt number, item, issue and due dates, total.
 * @csspart lines - The fees table, grouped by department.
 * @csspart refunds - The refunds, if any.
 * @csspart note - What is known about the last payment (being confirmed, failed).
 * @csspart methods - The choice of payment method (支付方式), when the county offers several.
 * @csspart pay - The pay button.
 * @csspart qr - The QR code to scan with the provider's app, with what to do (a `figure`).
 * @csspart refresh - The button that asks again for an unconfirmed payment's outcome.
 * @csspart receipt - Once paid, the link that downloads the signed payment receipt (缴费凭证, a PDF).
 * @csspart error - Error messages.
 * @csspart retry-button - The "try again" button after the ticket could not be read.
 * @csspart loading - The loading message.
 *
 * @cssprop [--onetrip-accent=#1a5fb4] - Buttons and highlights.
 * @cssprop [--onetrip-on-accent=#ffffff] - Text on the accent colour.
 * @cssprop [--onetrip-text=#1f2328] - Body text.
 * @cssprop [--onetrip-muted=#57606a] - Secondary text: legal basis, notes.
 * @cssprop [--onetrip-surface=#ffffff] - Background.
 * @cssprop [--onetrip-panel=#f3f6f9] - Background of the status, table headers and department rows.
 * @cssprop [--onetrip-border=#57606a] - Table rules.
 * @cssprop [--onetrip-font] - Font family.
 * @cssprop [--onetrip-font-size=16px] - Base font size.
 * @cssprop [--onetrip-radius=4px] - Corner radius.
 * @cssprop [--onetrip-loading-height] - The room the element keeps until it shows what it loads (onetrip.js sets one per element; README, "Keeping the page still").
 * @cssprop [--onetrip-focus=#ffbf47] - Focus outline.
 * @cssprop [--onetrip-error=#b3261e] - Error text.
 */
export class OneTripFeeTicket extends OneTripElement {
  static override styles = [OneTripElement.styles, feeTicketStyles];

  static override properties = {
    ticket: { type: String },
    queryCode: { type: String, attribute: 'query-code' },
    returnUrl: { type: String, attribute: 'return-url' },
    headingLevel: { type: Number, attribute: 'heading-level' },
    data: { attribute: false },
    current: { state: true },
    paying: { state: true },
    payError: { state: true },
    pollsLeft: { state: true },
    chosen: { state: true },
    scan: { state: true },
  };

  /** Ticket number (缴费单号). */
  ticket = '';
  /** Query code (查询码) of the case. */
  queryCode = '';
  /** Where the provider sends the applicant back; this page without its query when unset. */
  returnUrl?: string;
  /** Level of the ticket's heading (2–6). */
  headingLevel = 2;
  /** The ticket, when the page already has it (the case view's `ticket`): shown without reading it again, but an issued one without `paymentMethods` is read once for them. */
  data?: TicketView | null;

  /** The ticket shown: handed over or read, and replaced by each later reading. */
  private current?: TicketAnswer;
  private paying = false;
  /** Why starting the payment failed, in the API's words. */
  private payError?: string;
  /** Readings left while a payment awaits the provider's answer. */
  private pollsLeft = 0;
  private pollTimer?: ReturnType<typeof setTimeout>;
  /** The payment method chosen (its provider); the county's first until the applicant chooses. */
  private chosen?: PaymentMethod['provider'];
  /** The QR code of a `native` payment, while it waits to be paid. */
  private scan?: Scan;

  private readonly reader = new Task(this, {
    autoRun: false,
    task: ([ticketNumber, queryCode, base]: readonly [string, string, string], { signal }) =>
      new OneTripApi(base).get<TicketAnswer>(paths.ticket(ticketNumber, queryCode), signal),
    onComplete: (ticket) => void this.receive(ticket),
    // A failed reading while waiting for the provider is only a missed chance: ask again.
    onError: () => this.schedulePoll(),
  });

  private get ticketNumber(): string {
    return this.ticket.trim() || this.data?.ticketNumber || this.current?.ticketNumber || '';
  }

  /** A pending payment's outcome is still being asked for. */
  private get confirming(): boolean {
    return this.pollsLeft > 0 || this.reader.status === TaskStatus.PENDING;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.schedulePoll();
  }

  override disconnectedCallback(): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('data') && this.data) {
      this.pollsLeft = POLLS;
      void this.receive(this.data);
    } else if (this.sourceChanged(changed)) {
      // Another ticket (or API): what was shown of the last one no longer applies.
      this.current = undefined;
      this.payError = undefined;
      this.scan = undefined;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.sourceChanged(changed) && !this.data && this.ticket && this.queryCode) {
      this.pollsLeft = POLLS;
      this.read();
    } else if (changed.has('data') && this.data?.status === 'issued' && !('paymentMethods' in this.data) && !this.current?.paymentMethods.length && this.queryCode) {
      // A handed-over ticket (the tracker's) does not list the payment methods: read the
      // ticket once for them, so that the applicant can choose there too.
      this.read();
    }
  }

  private sourceChanged(changed: PropertyValues<this>): boolean {
    return changed.has('ticket') || changed.has('queryCode') || changed.has('apiBase') || changed.has('data');
  }

  /** Reads the ticket again (the one shown stays until the answer arrives). */
  private read(): void {
    const number = this.ticketNumber;
    if (!number || !this.queryCode) return;
    void this.reader.run([number, this.queryCode.trim().toUpperCase(), this.base]);
  }

  /** Shows a ticket read or handed over, says what changed, and tells the page. */
  private async receive(next: TicketView | TicketAnswer): Promise<void> {
    const change = changeAnnouncement(this.current, next);
    if (change) this.announcement = change;
    // A handed-over ticket (the case view's) does not list the methods: the last reading's stay.
    this.current = 'paymentMethods' in next ? next : { ...next, paymentMethods: this.current?.paymentMethods ?? [] };
    if (next.status !== 'issued') this.scan = undefined;
    await this.updateComplete;
    this.dispatchEvent(new CustomEvent('onetrip-ticket-loaded', { bubbles: true, composed: true, detail: next }));
    this.schedulePoll();
  }

  /** One more reading in a while, if a payment is being confirmed and readings are left. */
  private schedulePoll(): void {
    if (this.pollTimer !== undefined || !this.isConnected || !this.current || !awaitingConfirmation(this.current) || this.pollsLeft <= 0) return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = undefined;
      this.pollsLeft -= 1;
      this.read();
    }, POLL_EVERY_MS);
  }

  private refresh(): void {
    this.pollsLeft = POLLS;
    this.read();
  }

  /** Starts a payment and goes to the provider, unless the page takes over. */
  private async pay(ticket: TicketAnswer): Promise<void> {
    if (this.paying) return;
    this.paying = true;
    this.payError = undefined;
    try {
      // The page without its query (the query code never goes to the provider), but in its language.
      const lang = new URLSearchParams(location.search).get('lang');
      const returnUrl = this.returnUrl || `${location.origin}${location.pathname}${lang ? `?lang=${encodeURIComponent(lang)}` : ''}`;
      const provider = this.chosen ?? ticket.paymentMethods[0]?.provider;
      const start = await this.api.post<PaymentStart>(paths.payments(ticket.ticketNumber, this.queryCode.trim().toUpperCase()), { returnUrl, ...(provider ? { provider } : {}) });
      const detail = { paymentId: start.paymentId, provider: start.provider, ...('qrCode' in start ? { qrCode: start.qrCode } : { redirectUrl: start.redirectUrl }) };
      const proceed = this.dispatchEvent(new CustomEvent('onetrip-payment-started', { bubbles: true, composed: true, cancelable: true, detail }));
      if (!proceed || 'qrCode' in start) this.paying = false;
      if (!proceed) return;
      // The button stays disabled while the browser leaves for the provider.
      if ('redirectUrl' in start) return location.assign(start.redirectUrl);
      await this.showScan({ paymentId: start.paymentId, provider: start.provider }, start.qrCode);
    } catch (error) {
      this.paying = false;
      this.payError = problemText(error);
      // Not payable any more (paid meanwhile, cancelled): show what it is now.
      if (error instanceof ApiError && error.code === 'TICKET_NOT_PAYABLE') this.read();
      // Disabling the button may have taken focus from it; give it back.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#pay')?.focus();
    }
  }

  /** Shows a QR code to scan, and reads the ticket until it is paid (or for about 5 minutes). */
  private async showScan(scan: Scan, text: string): Promise<void> {
    this.scan = scan;
    this.pollsLeft = QR_POLLS;
    this.read();
    const { qrImage } = await import('./qr-code.js');
    const image = await qrImage(text);
    if (this.scan?.paymentId === scan.paymentId) this.scan = { ...scan, image };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#scan')?.focus();
  }

  protected override render() {
    return this.isolated(html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      ${this.current ? this.renderTicket(this.current) : this.renderUnread()}`);
  }

  /** Before a ticket is shown: loading, or why it could not be read. */
  private renderUnread() {
    if (this.reader.status === TaskStatus.ERROR) {
      const error = this.reader.error;
      return html`<div part="error" class="problem" role="alert">
        <p>
          <span class="error-message">${msg('错误：', { id: 'common.error' })}</span>
          ${problemText(error)}
        </p>
        ${answered(error) && error.status === 404 ? html`<p>${msg('请核对缴费单号和查询码。', { id: 'ticket.checkCodes' })}</p>` : nothing}
        <button type="button" part="retry-button" @click=${() => this.read()}>${msg('重试', { id: 'common.retry' })}</button>
      </div>`;
    }
    return this.reader.status === TaskStatus.PENDING ? html`<p part="loading">${msg('加载中…', { id: 'common.loading' })}</p>` : nothing;
  }

  private renderTicket(t: TicketAnswer): TemplateResult {
    const level = Math.min(Math.max(Math.trunc(this.headingLevel) || 2, 2), 6);
    return html`<article part="ticket" aria-labelledby="ticket-title">
      ${heading(level, 'ticket-title', 'title', msg(str`缴费单 ${t.ticketNumber}`, { id: 'ticket.title' }), 'title')}
      <p part="status" class="status status-${t.status}">
        <strong>${ticketStatusText(t.status)}</strong>
        <span>${ticketStatusExplanation(t)}</span>
      </p>
      <dl part="facts" class="facts">
        <div><dt>${msg('受理编号', { id: 'ticket.receipt' })}</dt><dd>${t.receiptNumber}</dd></div>
        <div><dt>${msg('申请事项', { id: 'ticket.item' })}</dt><dd>${localized(t.itemName)}</dd></div>
        <div><dt>${msg('开票日期', { id: 'ticket.issuedOn' })}</dt><dd>${formatDate(t.issuedOn)}</dd></div>
        ${t.paidAt
          ? html`<div><dt>${msg('缴费时间', { id: 'ticket.paidAt' })}</dt><dd>${formatDateTime(t.paidAt)}</dd></div>`
          : html`<div><dt>${msg('缴费期限', { id: 'ticket.dueDate' })}</dt><dd>${formatDate(t.dueDate)}</dd></div>`}
        <div><dt>${msg('合计', { id: 'ticket.total' })}</dt><dd>${formatMoney(t.totalFen)}</dd></div>
      </dl>
      ${renderLines(t)} ${this.renderPay(t)} ${this.renderReceipt(t)} ${renderRefunds(t, Math.min(level + 1, 6))}
    </article>`;
  }

  /** Once paid, the signed payment receipt to download (it needs the query code, as the ticket does). */
  private renderReceipt(t: TicketView): TemplateResult | typeof nothing {
    const queryCode = this.queryCode.trim().toUpperCase();
    if (t.status !== 'paid' || !queryCode) return nothing;
    return html`<p class="receipt">
      <a part="receipt" href=${this.api.href(paths.receipt(t.ticketNumber, queryCode))} download=${`receipt-${t.ticketNumber}.pdf`}>
        ${msg('下载缴费凭证', { id: 'ticket.receipt.download' })}
      </a>
    </p>`;
  }

  /** The choice of payment method, when the county offers several. */
  private renderMethods(methods: PaymentMethod[]): TemplateResult | typeof nothing {
    if (methods.length < 2) return nothing;
    const chosen = this.chosen ?? methods[0]!.provider;
    return html`<fieldset part="methods" class="methods">
      <legend>${msg('支付方式', { id: 'ticket.methods' })}</legend>
      ${methods.map(
        (m) => html`<label>
          <input type="radio" name="method" value=${m.provider} .checked=${m.provider === chosen} @change=${() => (this.chosen = m.provider)} />
          ${providerName(m.provider)}
        </label>`,
      )}
    </fieldset>`;
  }

  /** The QR code of a `native` payment, and what to do with it. */
  private renderScan(scan: Scan): TemplateResult {
    const hint = scanHint(scan.provider);
    return html`<figure part="qr" class="qr" id="scan" tabindex="-1">
      ${scan.image ? html`<img src=${scan.image} alt=${msg('支付二维码', { id: 'ticket.qr.alt' })} width="200" height="200" />` : html`<p>${msg('加载中…', { id: 'common.loading' })}</p>`}
      <figcaption>${hint}</figcaption>
    </figure>`;
  }

  /** The pay button while the ticket is payable, what is known of the last payment, and why paying failed. */
  private renderPay(t: TicketAnswer): TemplateResult | typeof nothing {
    const note = t.status === 'issued' ? paymentNote(newestPayment(t), this.confirming) : '';
    const unconfirmed = awaitingConfirmation(t) && !this.confirming;
    if (!note && !this.payError && t.status !== 'issued') return nothing;
    return html`<div class="pay">
      ${note ? html`<p part="note" class="note">${note}</p>` : nothing}
      ${this.payError
        ? html`<p part="error" class="error-message" role="alert">
            <span class="visually-hidden">${msg('错误：', { id: 'common.error' })}</span> ${this.payError}
          </p>`
        : nothing}
      ${t.status === 'issued' && this.scan ? this.renderScan(this.scan) : nothing}
      ${t.status === 'issued' ? this.renderMethods(t.paymentMethods) : nothing}
      ${t.status === 'issued'
        ? html`<button type="button" id="pay" part="pay" ?disabled=${this.paying} @click=${() => void this.pay(t)}>
            ${this.paying ? msg('正在前往支付…', { id: 'ticket.paying' }) : msg(str`缴费 ${formatMoney(t.totalFen)}`, { id: 'ticket.pay' })}
          </button>`
        : nothing}
      ${unconfirmed
        ? html`<button type="button" class="secondary" part="refresh" @click=${() => this.refresh()}>
            ${msg('再次查询支付结果', { id: 'ticket.refresh' })}
          </button>`
        : nothing}
    </div>`;
  }
}
