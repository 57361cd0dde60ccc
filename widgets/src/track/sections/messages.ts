/**
 * The applicant's messages (消息通知, docs/notifications.md): every message OneTrip sent about
 * the case, newest first, worded in the tracker's language, with what became of its text
 * message and email (the address masked); and the choice to receive no more non-essential
 * texts and emails, sent as soon as it is ticked or cleared (legally required notices are
 * still sent, and every message still shows here).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { TaskStatus } from '@lit/task';
import type { ApplicantMessage, NotificationStatus } from '../../../../contracts/notifications.js';
import { checkboxField } from '../../shared/fields.js';
import { formatDateTime } from '../../shared/format.js';
import { problemText } from '../../shared/problem.js';
import type { Lookup, TrackHost } from '../host.js';

export const OPT_OUT_ID = 'opt-out';

function statusText(status: NotificationStatus): string {
  switch (status) {
    case 'scheduled':
      return msg('待发送', { id: 'track.message.scheduled' });
    case 'sent':
      return msg('已发送', { id: 'track.message.sent' });
    case 'delivered':
      return msg('已送达', { id: 'track.message.delivered' });
    case 'failed':
      return msg('未能送达', { id: 'track.message.failed' });
    case 'retrying':
      return msg('发送未成功，稍后重试', { id: 'track.message.retrying' });
    case 'undeliverable':
      return msg('无法送达', { id: 'track.message.undeliverable' });
    case 'capped':
      return msg('今日短信已达上限，未发送', { id: 'track.message.capped' });
    case 'opted_out':
      return msg('按您的选择未发送', { id: 'track.message.optedOut' });
    case 'skipped':
      return msg('已无需发送', { id: 'track.message.skipped' });
  }
}

function renderDelivery(d: ApplicantMessage['deliveries'][number]): TemplateResult {
  const channel = d.channel === 'sms' ? msg('短信', { id: 'track.message.sms' }) : msg('邮件', { id: 'track.message.email' });
  // A message waiting for its time says when it will go; any other status, when it came about.
  const when = d.status === 'scheduled' || d.status === 'retrying' ? msg(str`（${formatDateTime(d.at)} 发送）`, { id: 'track.message.sendsAt' }) : msg(str`（${formatDateTime(d.at)}）`, { id: 'track.message.at' });
  return html`<li>${channel} ${d.to}${msg('：', { id: 'guide.colon' })}${statusText(d.status)}<span class="muted"> ${when}</span></li>`;
}

function renderMessage(m: ApplicantMessage): TemplateResult {
  return html`<li part="message" class="message">
    <h4>${m.subject}</h4>
    <p class="muted"><time datetime=${m.at}>${formatDateTime(m.at)}</time>${m.essential ? html` · ${msg('依法告知', { id: 'track.message.essential' })}` : nothing}</p>
    <p>${m.body}</p>
    ${m.deliveries.length ? html`<ul class="deliveries">${m.deliveries.map(renderDelivery)}</ul>` : nothing}
  </li>`;
}

export function renderMessages(host: TrackHost, lookup: Lookup): TemplateResult | typeof nothing {
  const found = lookup.messages;
  if (!found) return nothing;
  const optOut = host.optOut ?? found.optOut;
  return html`<section part="messages" aria-labelledby="messages-title">
    <h3 id="messages-title">${msg('消息通知', { id: 'track.messages' })}</h3>
    ${found.messages.length
      ? html`<ol class="messages">${found.messages.map(renderMessage)}</ol>`
      : html`<p>${msg('还没有消息。', { id: 'track.messages.none' })}</p>`}
    <div part="opt-out" class="opt-out">
      ${host.preferences.status === TaskStatus.ERROR
        ? html`<p part="error" class="error-message" role="alert"><span class="visually-hidden">${msg('错误：', { id: 'common.error' })}</span>${problemText(host.preferences.error)}</p>`
        : nothing}
      ${checkboxField({
        id: OPT_OUT_ID,
        label: msg('不再接收非必要的短信和邮件', { id: 'track.optOut' }),
        hint: msg('受理、一次性告知、容缺材料、缴费、审批结果等依法必须告知的通知仍会发送；所有消息仍在这里显示。', { id: 'track.optOutHint' }),
        checked: optOut,
        // A change while the last is being sent replaces it: the last choice is the one stored.
        onChange: (checked) => host.setOptOut(lookup, checked),
      })}
    </div>
  </section>`;
}
