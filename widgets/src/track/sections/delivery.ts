/**
 * How the results reach the applicant: the mode chosen and, once they are out, where they
 * are (the courier's steps and history, the electronic download, or the pickup notice).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { CaseView } from '../../../../contracts/cases.js';
import type { HandoverView } from '../../../../contracts/delivery.js';
import { deliveryModeText } from '../../service-guide/catalog-text.js';
import { formatDateTime } from '../../shared/format.js';
import { courierStepText, handoverTitle, redispatchText, shipmentStatusText } from '../handover-text.js';
import { COURIER_STEPS, redispatched, stepOf } from '../handover-state.js';

/** The mode chosen and, once the results are out, where they are. */
export function renderDelivery(a: CaseView): TemplateResult | typeof nothing {
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

/** Where the results are, below the delivery mode the applicant chose. */
function renderHandover(h: HandoverView, trips: number): TemplateResult {
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
