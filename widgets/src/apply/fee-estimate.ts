/**
 * The fee, known before submitting (issue 11, defect 7): the check-your-answers step asks
 * the API what this form would be charged (`POST /v1/fee-estimates`, priced by the same
 * rules that will price the ticket) and shows the lines per department and the total; the
 * receipt says it again, with when the ticket comes. The estimate is asked once per form
 * and kept beside the flow, so the flow itself needs nothing new.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { FeeEstimate, FeeLine } from '../../../contracts/tickets.js';
import { computation } from '../fee-ticket/ticket-text.js';
import { paths } from '../shared/api.js';
import { formatMoney } from '../shared/format.js';
import { problemText } from '../shared/problem.js';
import type { StepFlow } from './host.js';
import { withApplicant } from './prefill.js';
import { buildData, type JsonSchema } from '../shared/schema-form.js';

interface Asked {
  /** The target and form asked about: a changed form asks again. */
  key: string;
  estimate?: FeeEstimate;
  problem?: string;
}

const asked = new WeakMap<StepFlow, Asked>();

/** The estimate for the form as it stands, asked for once (again after the form changed); undefined while it is being asked. */
function estimateFor(flow: StepFlow): Asked | undefined {
  const { guide } = flow;
  const schema = guide.formSchema as JsonSchema;
  const body = { catalogVersion: guide.catalogVersion, ...guide.subject, form: buildData(schema, withApplicant(schema, flow.host.draft.form, flow.applicantData())) };
  const key = JSON.stringify(body);
  const last = asked.get(flow);
  if (last?.key === key) return last.estimate || last.problem ? last : undefined;
  const entry: Asked = { key };
  asked.set(flow, entry);
  void flow.host.api.post<FeeEstimate>(paths.feeEstimates(), body).then(
    (estimate) => {
      entry.estimate = estimate;
      if (asked.get(flow) === entry && estimate.lines.length) flow.host.announce(msg(str`预计费用 ${formatMoney(estimate.totalFen)}`, { id: 'apply.fee.announce' }));
    },
    (error) => {
      entry.problem = problemText(error);
    },
  ).finally(() => flow.host.requestUpdate());
  return undefined;
}

/** When the ticket is issued and how long it may be paid in, in words. */
function whenTicket(estimate: FeeEstimate): string {
  const point = estimate.feePoint;
  if (!point) return '';
  return point.at === 'acceptance'
    ? msg(str`缴费通知单在申请受理时开具，请在开具后 ${point.dueWorkingDays} 个工作日内缴纳。`, { id: 'apply.fee.atAcceptance' })
    : msg(str`缴费通知单在审批通过后开具，请在开具后 ${point.dueWorkingDays} 个工作日内缴纳；缴费后发放办理结果。`, { id: 'apply.fee.atApproval' });
}

/** How a line was counted ("2 台 × ¥300.00"), in the fee ticket's own words, when the line carries its inputs. */
function lineBasis(line: FeeLine): TemplateResult | typeof nothing {
  const { detail } = computation(line);
  return detail ? html`<span class="hint fee-basis" data-fee-basis>${detail}</span>` : nothing;
}

/** The check-your-answers step's fee section: every line by department, and the total. */
export function renderFeeEstimate(flow: StepFlow): TemplateResult {
  const found = estimateFor(flow);
  const english = flow.host.english;
  const text = (t: { zh: string; en: string }) => (english ? t.en : t.zh);
  const title = msg('预计费用', { id: 'apply.fee.title' });
  let body: TemplateResult;
  if (!found) body = html`<p class="hint" part="status">${msg('正在按收费标准计算费用…', { id: 'apply.fee.pending' })}</p>`;
  else if (!found.estimate)
    body = html`<p>${msg(str`暂时无法估算费用（${found.problem ?? ''}）。提交不受影响，费用以缴费通知单为准。`, { id: 'apply.fee.failed' })}</p>`;
  else if (!found.estimate.lines.length) body = html`<p>${msg('本事项不收费。', { id: 'apply.fee.free' })}</p>`;
  else {
    const estimate = found.estimate;
    body = html`<table class="fee-estimate">
        <caption class="visually-hidden">${title}</caption>
        <thead>
          <tr>
            <th scope="col">${msg('收费部门', { id: 'apply.fee.department' })}</th>
            <th scope="col">${msg('收费项目', { id: 'apply.fee.item' })}</th>
            <th scope="col" class="amount">${msg('金额', { id: 'apply.fee.amount' })}</th>
          </tr>
        </thead>
        ${estimate.departments.map(
          (d) => html`<tbody>
            ${estimate.lines
              .filter((l) => l.department === d.department)
              .map((l) => html`<tr><td>${text(d.departmentName)}</td><td>${text(l.name)}${lineBasis(l)}</td><td class="amount">${formatMoney(l.amountFen)}</td></tr>`)}
          </tbody>`,
        )}
        <tfoot>
          <tr><th scope="row" colspan="2">${msg('合计', { id: 'apply.fee.total' })}</th><td class="amount" data-fee-total>${formatMoney(estimate.totalFen)}</td></tr>
        </tfoot>
      </table>
      <p>${whenTicket(estimate)}</p>
      <p class="hint">${msg('以上按收费标准和您填写的信息估算，以缴费通知单为准。', { id: 'apply.fee.basis' })}</p>`;
  }
  return html`<section class="review-section" aria-labelledby="review-fee" part="fee-estimate">
    <div class="review-head"><h3 id="review-fee">${title}</h3></div>
    ${body}
  </section>`;
}

/**
 * The estimate the review step showed, for the receipt to keep: submitting clears the draft,
 * and a bundle's flow is then built again (its situation answers went with the draft), so
 * the receipt cannot look the estimate up by its flow.
 */
export function shownEstimate(flow: StepFlow): FeeEstimate | undefined {
  return asked.get(flow)?.estimate;
}

/** The receipt's word on the fee: how much, and when the ticket comes (nothing when free or unknown). */
export function renderReceiptFee(estimate: FeeEstimate | undefined): TemplateResult | typeof nothing {
  if (!estimate?.lines.length) return nothing;
  return html`<li data-fee>${msg(str`本申请预计收费 ${formatMoney(estimate.totalFen)}。`, { id: 'apply.receipt.fee' })}${whenTicket(estimate)}</li>`;
}
