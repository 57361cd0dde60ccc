/** The receipt: the receipt number, the query code, the promised date, and what happens next (the fee and its ticket too). */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { formatDate } from '../../shared/format.js';
import { intlLocale } from '../../shared/localize.js';
import type { ShownReceipt, StepFlow } from '../host.js';
import { renderReceiptFee } from '../fee-estimate.js';

export function renderReceipt(flow: StepFlow, r: ShownReceipt): TemplateResult {
  const department = new Intl.ListFormat(intlLocale(), { type: 'conjunction' }).format(
    r.guide.departments.map((d) => (flow.host.english ? d.name.en : d.name.zh)),
  );
  return html`<section part="receipt" class="receipt" aria-labelledby="receipt-heading">
    <div class="panel">
      <h2 id="receipt-heading" tabindex="-1">${msg('申请已提交', { id: 'apply.receipt.title' })}</h2>
      <p>${msg('受理编号', { id: 'apply.receipt.number' })}</p>
      <p class="big">${r.receiptNumber}</p>
    </div>
    ${r.note ? html`<p class="notice">${r.note}</p>` : nothing}
    <dl>
      <dt>${msg('受理编号', { id: 'apply.receipt.number' })}</dt>
      <dd class="code" data-receipt-number>${r.receiptNumber}</dd>
      <dt>${msg('查询码', { id: 'apply.receipt.queryCode' })}</dt>
      <dd class="code" data-query-code>${r.queryCode}</dd>
      <dt>${msg('承诺办结日期', { id: 'apply.receipt.promisedDate' })}</dt>
      <dd>${formatDate(r.promisedDate)}</dd>
    </dl>
    <p>${msg('请记下受理编号和查询码：凭这两项可以随时查询办理进度。', { id: 'apply.receipt.keep' })}</p>
    <h3>${msg('接下来', { id: 'apply.receipt.nextTitle' })}</h3>
    <ol>
      <li>${msg('综合窗口将对申请进行预审。材料需要补正的，会一次性告知全部需补正的内容。', { id: 'apply.receipt.next1' })}</li>
      <li>${msg(str`预审通过后，由${department}审查办理。`, { id: 'apply.receipt.next2' })}</li>
      ${renderReceiptFee(r.estimate)}
      <li>${msg(str`承诺在 ${formatDate(r.promisedDate)} 前办结，结果按您选择的方式送达：${flow.modeLabel(r.delivery)}。`, { id: 'apply.receipt.next3' })}</li>
    </ol>
  </section>`;
}
