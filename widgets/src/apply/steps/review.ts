/** Step 5, everything at a glance, each section with a "change" link back to its step, and the fee it will cost. */
import { html, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { formatDate } from '../../shared/format.js';
import { APPLICANT_KEYS } from '../keys.js';
import type { StepFlow } from '../host.js';
import { renderFeeEstimate } from '../fee-estimate.js';
import { withApplicant } from '../prefill.js';
import { buildData, reviewRows, type JsonSchema } from '../../shared/schema-form.js';

export function reviewSection(flow: StepFlow, step: number, rows: [string, string][]): TemplateResult {
  const title = flow.host.stepTitle(step);
  return html`<section class="review-section" aria-labelledby="review-${step}">
    <div class="review-head">
      <h3 id="review-${step}">${title}</h3>
      <button type="button" part="button" class="link" @click=${() => flow.host.goTo(step, { fromReview: true })}>
        ${msg('更改', { id: 'apply.change' })}<span class="visually-hidden">${title}</span>
      </button>
    </div>
    <dl>${rows.map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>
  </section>`;
}

export function renderReview(flow: StepFlow): TemplateResult {
  const { guide } = flow;
  const a = flow.applicantData();
  const english = flow.host.english;
  const applicantRows: [string, string][] = APPLICANT_KEYS.filter((k) => a[k]).map((k) => {
    const value = a[k]!;
    const shown =
      k === 'type'
        ? value === 'company'
          ? msg('企业或其他组织', { id: 'apply.applicant.company' })
          : msg('个人', { id: 'apply.applicant.person' })
        : k === 'idType'
          ? value === 'credit_code'
            ? msg('统一社会信用代码', { id: 'apply.applicant.creditCode' })
            : msg('居民身份证', { id: 'apply.applicant.residentId' })
          : value;
    return [flow.applicantLabel(k), shown];
  });
  const form = buildData(guide.formSchema as JsonSchema, withApplicant(guide.formSchema as JsonSchema, flow.host.draft.form, a));
  const materialRows: [string, string][] = guide.materials.map((m) => {
    const name = english ? m.name.en : m.name.zh;
    const done = flow.host.draft.uploads[m.code];
    const deferral = flow.host.draft.deferred[m.code];
    const held = flow.reusedFor(m);
    if (held) return [name, msg(str`证照库：${english ? held.itemName.en : held.itemName.zh}（${held.verificationCode}）`, { id: 'apply.review.library' })];
    if (flow.deferredOn(m) && deferral)
      return [name, msg(str`容缺后补，承诺于 ${deferral.dueDate ? formatDate(deferral.dueDate) : '—'} 前补交`, { id: 'apply.review.deferred' })];
    return [name, done ? done.fileName : msg('未上传', { id: 'apply.review.notUploaded' })];
  });
  const d = flow.deliveryData() as { mode?: string; address?: Record<string, string> };
  const deliveryRows: [string, string][] = [[msg('送达方式', { id: 'apply.step.delivery' }), d.mode ? flow.modeLabel(d.mode) : '—']];
  if (d.address) {
    const x = d.address;
    deliveryRows.push([msg('收件人', { id: 'apply.address.recipient' }), `${x.recipient ?? ''} ${x.phone ?? ''}`.trim()]);
    deliveryRows.push([msg('收件地址', { id: 'apply.delivery.address' }), [x.province, x.city, x.district, x.detail, x.postalCode].filter(Boolean).join(' ')]);
  }
  return html`<p>${msg('请核对以下信息。如需修改，请点击“更改”。确认无误后提交申请。', { id: 'apply.review.intro' })}</p>
    ${reviewSection(flow, 1, applicantRows)} ${reviewSection(flow, 2, reviewRows(guide.formSchema as JsonSchema, form, english))}
    ${reviewSection(flow, 3, materialRows)} ${reviewSection(flow, 4, deliveryRows)} ${renderFeeEstimate(flow)}
    <p>${msg('提交即表示您确认所填信息和所交材料真实、有效。', { id: 'apply.review.declaration' })}</p>`;
}
