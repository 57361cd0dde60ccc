/**
 * The certificate library's panel on the materials step: "use my certificate library",
 * then the one-time code field (GOV.UK's pattern: a short numeric field with
 * `autocomplete="one-time-code"`, so phones offer the code from the text message), then
 * what was found. Skipping it is always fine: every material can be uploaded instead.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { errorMessage, textField } from '../../shared/fields.js';
import type { StepFlow } from '../host.js';
import { LIBRARY_IDS } from '../library.js';

export function renderLibrary(flow: StepFlow): TemplateResult | typeof nothing {
  const { library } = flow;
  if (!library.offered) return nothing;
  const held = flow.libraryHeldCount();
  const heading = html`<h3 id="library-heading">${msg('使用我的证照库', { id: 'apply.library.heading' })}</h3>`;
  if (held !== undefined) {
    return html`<section class="library-panel" id=${LIBRARY_IDS.panel} aria-labelledby="library-heading" part="library">
      ${heading}
      <p part="status">${held
        ? msg(str`已核验身份：证照库中有 ${held} 项本次所需的材料，已在下方标出，无需上传。`, { id: 'apply.library.opened' })
        : msg('已核验身份：证照库中没有本次所需的材料，请逐项上传。', { id: 'apply.library.openedNone' })}</p>
    </section>`;
  }
  const busy = library.stage === 'sending' || library.stage === 'checking';
  const sendLabel = library.awaitingCode ? msg('重新发送验证码', { id: 'apply.library.resend' }) : msg('发送验证码', { id: 'apply.library.send' });
  const send = html`<button type="button" part="button" class=${library.awaitingCode ? 'link' : 'secondary'} id=${LIBRARY_IDS.send}
    aria-describedby=${!library.awaitingCode && library.error ? `${LIBRARY_IDS.send}-error` : nothing}
    ?disabled=${busy} @click=${() => void library.sendCode()}>${sendLabel}</button>`;
  return html`<section class="library-panel" id=${LIBRARY_IDS.panel} aria-labelledby="library-heading" part="library">
    ${heading}
    <p>${msg('以往办结的证照（如营业执照）保存在您的证照库中，可以直接调取，无需再次上传。为保护您的信息，我们会向您办理这些证照时留下的手机号发送短信验证码。也可以跳过这一步，直接上传材料。', { id: 'apply.library.intro' })}</p>
    ${library.awaitingCode
      ? html`<p class="hint">${msg('如果证照库中有您名下的证照，验证码已发送到办理时留下的手机号，10 分钟内有效。没有收到短信，说明证照库中没有您名下的证照，或留下的手机号已不再使用：请直接上传材料。', { id: 'apply.library.sentHint' })}</p>
          ${textField({
            id: LIBRARY_IDS.code,
            label: msg('短信验证码', { id: 'apply.library.codeLabel' }),
            hint: msg('6 位数字', { id: 'apply.library.codeHint' }),
            error: library.error,
            value: library.code,
            inputmode: 'numeric',
            autocomplete: 'one-time-code',
            maxlength: 6,
            code: true,
            width: 'short',
            onInput: (code) => library.setCode(code),
          })}
          <div class="library-actions">
            <button type="button" part="button" class="secondary" id=${LIBRARY_IDS.check} ?disabled=${busy} @click=${() => void library.checkCode()}>
              ${msg('核验并调取证照', { id: 'apply.library.check' })}
            </button>
            ${send}
          </div>`
      : html`${errorMessage(LIBRARY_IDS.send, library.error)}<div class="library-actions">${send}</div>`}
    ${library.stage === 'sending' || library.stage === 'checking'
      ? html`<p class="hint" part="status">${library.stage === 'sending'
          ? msg('正在发送验证码…', { id: 'apply.library.sending' })
          : msg('正在查询您的证照库…', { id: 'apply.library.asking' })}</p>`
      : nothing}
  </section>`;
}
