/**
 * The lookup: the receipt number and query code form with its checks, and what shows when
 * no case was found.
 */
import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { TaskStatus } from '@lit/task';
import { lookupField } from '../../shared/lookup-field.js';
import { problemText } from '../../shared/problem.js';
import type { TrackHost } from '../host.js';

const RECEIPT = /^\d{6}-\d{8}-\d{6}$/;
const QUERY_CODE = /^[2-9A-Z]{8}$/;

/** What is wrong with the codes as typed (trimmed, the query code in capitals); empty when nothing is. */
export function lookupProblems(receipt: string, queryCode: string): { receipt?: string; queryCode?: string } {
  const errors: { receipt?: string; queryCode?: string } = {};
  if (!receipt) errors.receipt = msg('请输入受理编号', { id: 'track.receiptMissing' });
  else if (!RECEIPT.test(receipt)) errors.receipt = msg('受理编号格式应为 430600-20261127-000001', { id: 'track.receiptInvalid' });
  if (!queryCode) errors.queryCode = msg('请输入查询码', { id: 'track.queryCodeMissing' });
  else if (!QUERY_CODE.test(queryCode)) errors.queryCode = msg('查询码是 8 位字母或数字', { id: 'track.queryCodeInvalid' });
  return errors;
}

export function renderLookupForm(host: TrackHost): TemplateResult {
  const { receipt: receiptError, queryCode: codeError } = host.formErrors;
  return html`<form part="form" class="lookup" novalidate @submit=${(e: SubmitEvent) => host.onLookup(e)} aria-labelledby="lookup-title">
    <h2 id="lookup-title">${msg('查询办件进度', { id: 'track.title' })}</h2>
    ${lookupField({
      id: 'receipt',
      name: 'receipt',
      label: msg('受理编号', { id: 'track.receipt' }),
      hint: msg('提交申请后得到的编号，如 430600-20261127-000001', { id: 'track.receiptHint' }),
      error: receiptError,
      value: host.receipt,
      set: (v) => (host.receipt = v),
    })}
    ${lookupField({
      id: 'query-code',
      name: 'queryCode',
      label: msg('查询码', { id: 'track.queryCode' }),
      hint: msg('提交时给出的 8 位查询码，用来保护您的信息', { id: 'track.queryCodeHint' }),
      error: codeError,
      value: host.queryCode,
      set: (v) => (host.queryCode = v),
      capitalize: true,
    })}
    <button type="submit" part="button" ?disabled=${host.lookup.status === TaskStatus.PENDING}>${msg('查询', { id: 'track.lookup' })}</button>
  </form>`;
}

/** No case found, or no answer: the reason, which says what to check (once: the error's own sentence already does). */
export function renderLookupError(error: unknown): TemplateResult {
  return html`<section part="error" class="problem" aria-labelledby="result-title">
    <h2 id="result-title" tabindex="-1">${msg('未查到办件', { id: 'track.notFound' })}</h2>
    <p><span class="error-message">${msg('错误：', { id: 'common.error' })}</span> ${problemText(error)}</p>
  </section>`;
}
