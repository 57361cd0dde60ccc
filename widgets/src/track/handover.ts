/**
 * The tracker's results and handover: each certificate with its verification code, a
 * link to verify it and a button to download its PDF; and how the results travel (the
 * courier's steps and history, the electronic download, or the pickup notice).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { localized } from '../service-guide/catalog-text.js';
import { formatDate, formatDateTime } from '../shared/format.js';
import { courierStepText, handoverTitle, redispatchText, shipmentStatusText } from './handover-text.js';
import { COURIER_STEPS, redispatched, stepOf, type HandoverView, type ResultView } from './handover-view.js';

export interface ResultsContext {
  /** The public verification URL of a code. */
  verifyHref: (code: string) => string;
  /** The code whose download link is being asked for. */
  downloading?: string;
  /** Why the last download failed, and for which code. */
  problem?: { code: string; message: string };
  download: (code: string) => void;
  copy: (code: string, button: HTMLElement) => void;
}

/** The certificates issued, one card each. */
export function renderResults(results: readonly ResultView[] | undefined, ctx: ResultsContext): TemplateResult | typeof nothing {
  if (!results?.length) return nothing;
  return html`<section part="results" aria-labelledby="results-title">
    <h3 id="results-title">${msg('办理结果', { id: 'track.results' })}</h3>
    <ul class="cards">
      ${results.map((r) => {
        const name = localized(r.itemName);
        const code = r.verificationCode;
        return html`<li class="card" part="result-card">
          <h4>${name}</h4>
          <dl class="facts">
            <div>
              <dt>${msg('核验码', { id: 'track.result.code' })}</dt>
              <dd>
                <code class="code" part="code">${code}</code>
                <button type="button" part="button" class="secondary small" @click=${(e: Event) => ctx.copy(code, e.currentTarget as HTMLElement)}>
                  ${msg('复制', { id: 'track.result.copy' })}<span class="visually-hidden">${msg(str`核验码 ${code}`, { id: 'track.verificationCode' })}</span>
                </button>
              </dd>
            </div>
            <div><dt>${msg('发证部门', { id: 'track.result.issuer' })}</dt><dd>${localized(r.departmentName) || r.department}</dd></div>
            <div><dt>${msg('签发日期', { id: 'track.result.issuedOn' })}</dt><dd>${formatDate(r.issuedOn)}</dd></div>
          </dl>
          ${ctx.problem?.code === code
            ? html`<p part="error" class="error-message" role="alert">
                <span class="visually-hidden">${msg('错误：', { id: 'common.error' })}</span>${ctx.problem.message}
              </p>`
            : nothing}
          <p class="actions">
            <button type="button" part="button download" @click=${() => ctx.download(code)}>
              ${ctx.downloading === code ? msg('正在准备下载…', { id: 'track.result.preparing' }) : msg('下载 PDF', { id: 'track.result.download' })}<span
                class="visually-hidden"
                >${msg('：', { id: 'guide.colon' })}${name}</span
              >
            </button>
            <a part="verify" href=${ctx.verifyHref(code)}>${msg('核验', { id: 'track.result.verify' })}<span class="visually-hidden"> ${code}</span></a>
          </p>
        </li>`;
      })}
    </ul>
  </section>`;
}

/** Where the results are, below the delivery mode the applicant chose. */
export function renderHandover(h: HandoverView, trips: number): TemplateResult {
  const done = h.status === 'delivered' || h.status === 'available';
  return html`${h.status === 'pickup_ready'
      ? html`<div part="pickup-notice" class="notice pickup">
          <p><strong>${handoverTitle(h)}</strong></p>
          ${h.notice ? html`<p lang="zh-CN">${h.notice}</p>` : nothing}
          <p>${msg('请携带受理回执和身份证件，领取时核对核验码。', { id: 'track.handover.pickupBring' })}</p>
        </div>`
      : html`<p part="handover" class="status handover-${h.status}"><strong>${handoverTitle(h)}</strong></p>`}
    ${done ? html`<p part="trips" class="confirmation">${msg(str`本次办事跑动 ${trips} 次`, { id: 'track.handover.trips' })}</p>` : nothing}
    ${h.mode === 'courier' && redispatched(h) ? html`<p part="redispatch" class="redispatch">${redispatchText(h)}</p>` : nothing}
    ${h.mode === 'courier' ? renderCourier(h) : nothing}`;
}

function renderCourier(h: HandoverView): TemplateResult {
  const shipment = h.shipment;
  const step = stepOf(shipment);
  return html`${shipment
      ? html`<p>${msg('运单号', { id: 'track.waybill' })}${msg('：', { id: 'guide.colon' })}<code class="code" part="waybill">${shipment.waybillNumber}</code></p>`
      : html`<p class="muted">${msg('正在向快递公司下单…', { id: 'track.courier.ordering' })}</p>`}
    <ol part="progress" class="progress" aria-label=${msg('快递进度', { id: 'track.courier.progress' })}>
      ${COURIER_STEPS.map(
        (_, i) => html`<li class=${i < step || h.status === 'delivered' ? 'done' : i === step ? 'current' : ''} aria-current=${i === step ? 'step' : nothing}>
          ${courierStepText(i)}${i < step ? html`<span class="visually-hidden">${msg('（已完成）', { id: 'apply.stepDone' })}</span>` : nothing}
        </li>`,
      )}
    </ol>
    ${shipment?.history.length
      ? html`<h4 id="history-title">${msg('物流记录', { id: 'track.courier.history' })}</h4>
          <ol part="history" class="timeline" aria-labelledby="history-title">
            ${shipment.history.map(
              (e) => html`<li>
                <time datetime=${e.occurredAt}>${formatDateTime(e.occurredAt)}</time>
                <span>${shipmentStatusText(e.status)}${e.detail ? html`${msg('：', { id: 'guide.colon' })}<span lang="zh-CN">${e.detail}</span>` : nothing}</span>
              </li>`,
            )}
          </ol>`
      : nothing}`;
}
