/**
 * A failed request as the staff member reads it: the API's own sentence (it is worded in the
 * workbench's language, sent as `Accept-Language`), each field error under it, and the code
 * to quote to support. The block is an alert, so a screen reader announces it at once.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { ApiError } from './api.js';

export function problem(error: unknown): TemplateResult {
  const known = error instanceof ApiError && error.code !== 'NETWORK';
  const sentence = known && error.message ? error.message : msg('无法连接服务，请检查网络后重试。', { id: 'problem.network' });
  const fields = known ? error.fields : [];
  return html`<div class="problem" role="alert">
    <p><span class="visually-hidden">${msg('错误：', { id: 'problem.prefix' })}</span>${sentence}
      ${known ? html`<span class="code">(${error.code})</span>` : nothing}</p>
    ${fields.length > 0 ? html`<ul>${fields.map((f) => html`<li>${f.message} <span class="code">${f.path}</span></li>`)}</ul>` : nothing}
  </div>`;
}
