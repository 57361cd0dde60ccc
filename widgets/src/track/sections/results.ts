/**
 * The tracker's results: each certificate with its verification code (and a button to
 * copy it), a link to verify it and a button to download its PDF.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { localized } from '../../service-guide/catalog-text.js';
import { formatDate } from '../../shared/format.js';
import type { Lookup, TrackHost } from '../host.js';

/** Copies a verification code, or selects it for the applicant to copy where there is no clipboard; says which. */
async function copy(host: TrackHost, code: string, button: HTMLElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(code);
    host.announce(msg(str`已复制核验码 ${code}`, { id: 'track.result.copied' }));
  } catch {
    // No clipboard here (permission, an insecure page): select the code for the applicant to copy.
    const shown = button.parentElement?.querySelector('code');
    if (shown) getSelection()?.selectAllChildren(shown);
    host.announce(msg(str`已选中核验码 ${code}，请复制`, { id: 'track.result.selected' }));
  }
}

/** Said while a certificate could not be made (the case view's `resultDelayed`): staff have been alerted, nothing is asked of the applicant. */
function renderDelayed(lookup: Lookup): TemplateResult | typeof nothing {
  if (!lookup.application.resultDelayed) return nothing;
  return html`<p part="result-delayed" class="notice" role="status">
    ${msg('办理结果的制作遇到问题，发放将延迟。工作人员已收到提醒，处理后会继续制作，您无需重新申请。', { id: 'track.result.delayed' })}
  </p>`;
}

/** The certificates issued, one card each, and whether one is delayed. */
export function renderResults(host: TrackHost, lookup: Lookup): TemplateResult | typeof nothing {
  const results = lookup.application.results ?? [];
  if (results.length === 0 && !lookup.application.resultDelayed) return nothing;
  return html`<section part="results" aria-labelledby="results-title">
    <h3 id="results-title">${msg('办理结果', { id: 'track.results' })}</h3>
    ${renderDelayed(lookup)}
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
                <button type="button" part="button" class="secondary small" @click=${(e: Event) => void copy(host, code, e.currentTarget as HTMLElement)}>
                  ${msg('复制', { id: 'track.result.copy' })}<span class="visually-hidden">${msg(str`核验码 ${code}`, { id: 'track.verificationCode' })}</span>
                </button>
              </dd>
            </div>
            <div><dt>${msg('发证部门', { id: 'track.result.issuer' })}</dt><dd>${localized(r.departmentName) || r.department}</dd></div>
            <div><dt>${msg('签发日期', { id: 'track.result.issuedOn' })}</dt><dd>${formatDate(r.issuedOn)}</dd></div>
          </dl>
          ${host.resultProblem?.code === code
            ? html`<p part="error" class="error-message" role="alert">
                <span class="visually-hidden">${msg('错误：', { id: 'common.error' })}</span>${host.resultProblem.message}
              </p>`
            : nothing}
          <p class="actions">
            <button type="button" part="button download" @click=${() => void host.download(lookup, code)}>
              ${host.downloading === code ? msg('正在准备下载…', { id: 'track.result.preparing' }) : msg('下载 PDF', { id: 'track.result.download' })}<span
                class="visually-hidden"
                >${msg('：', { id: 'guide.colon' })}${name}</span
              >
            </button>
            <a part="verify" href=${r.verifyUrl}>${msg('核验', { id: 'track.result.verify' })}<span class="visually-hidden"> ${code}</span></a>
          </p>
        </li>`;
      })}
    </ul>
  </section>`;
}
