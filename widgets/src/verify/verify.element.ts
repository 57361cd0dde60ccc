/**
 * `<onetrip-verify>`: the public verification of a certificate, for anyone holding one (a
 * bank, a landlord, another department) who scanned its QR code or typed its code. It says
 * in plain words whether the certificate is genuine and current, and shows the facts to
 * compare the paper with; the holder's identity stays masked. A code finds only the
 * platform's record; whether the PDF in hand is the one issued, unaltered, takes the file
 * itself, which the second form checks.
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { MAX_VERIFIED_PDF_BYTES, type CertificateView, type PdfVerification } from '../../../contracts/certificates.js';
import { answered, OneTripApi, paths } from '../shared/api.js';
import { OneTripElement } from '../shared/onetrip.element.js';
import { problemText } from '../shared/problem.js';
import { formatBytes } from '../shared/format.js';
import { fieldError, lookupField } from '../shared/lookup-field.js';
import { lookupStyles } from '../shared/lookup.styles.js';
import { verifyStyles } from './verify.styles.js';
import { canonicalCode, codeProblem, facts, fileVerdict, standingOf, verdict } from './verify-text.js';

/** What a verification found: the certificate, or no certificate with that code. */
type Outcome = { code: string; certificate?: CertificateView };

/**
 * Verifies a certificate by its verification code (核验码): genuine and current, genuine
 * but revoked (with the reason), or not genuine or mistyped. Shows the item, the issuing
 * department, the issue date, the holder (masked) and the SHA-256 fingerprint of the PDF.
 *
 * With `code` set (the portal's `/verify.html?code=…`, the URL in the certificate's QR
 * code), it verifies at once; otherwise, or to verify another, the person types a code,
 * which is checked for its format before anything is sent.
 *
 * Below, a PDF the person holds can be checked (`POST /v1/certificates/verify`): genuine and
 * unaltered, unaltered but no longer valid, altered since signing, or not the county's.
 *
 * @summary Verifies a certificate by its code.
 *
 * @attr code - Verification code (核验码), e.g. `YY7K-3MPQ-8HRT`: verified as soon as it is set.
 * @attr api-base - Origin and path prefix of the OneTrip API. Defaults to the page's origin.
 * @attr locale - `en` for English; anything else (or nothing) for Chinese.
 *
 * @fires onetrip-verified - A verification was answered. `detail`: `{ verificationCode, genuine, status, current }`; `genuine` is false and `status` is `not_found` when no certificate has the code.
 *
 * @csspart form - The form to type a code.
 * @csspart label - The code field's label.
 * @csspart input - The code field.
 * @csspart button - The verify button.
 * @csspart result - The answer (a `section`).
 * @csspart title - The answer's heading.
 * @csspart status - The verdict in plain words.
 * @csspart facts - Code, item, issuer, issue date, holder.
 * @csspart fingerprint - The SHA-256 of the PDF.
 * @csspart error - Error messages.
 * @csspart retry-button - The "try again" button when the service did not answer.
 * @csspart file-form - The form to check a certificate PDF.
 * @csspart file-input - Its file field.
 * @csspart file-result - The verdict on the file (a `section`).
 *
 * @cssprop [--onetrip-accent=#1a5fb4] - Buttons; the bar of a current certificate.
 * @cssprop [--onetrip-on-accent=#ffffff] - Text on the accent colour.
 * @cssprop [--onetrip-text=#1f2328] - Body text.
 * @cssprop [--onetrip-muted=#57606a] - Hints and secondary text.
 * @cssprop [--onetrip-surface=#ffffff] - Background.
 * @cssprop [--onetrip-panel=#f3f6f9] - Background of the verdict.
 * @cssprop [--onetrip-border=#57606a] - Border of the field.
 * @cssprop [--onetrip-field-background=#ffffff] - Background of the field.
 * @cssprop [--onetrip-font] - Font family.
 * @cssprop [--onetrip-font-size=16px] - Base font size.
 * @cssprop [--onetrip-radius=4px] - Corner radius.
 * @cssprop [--onetrip-loading-height] - The room the element keeps until it shows what it loads (onetrip.js sets one per element; README, "Keeping the page still").
 * @cssprop [--onetrip-focus=#ffbf47] - Focus outline.
 * @cssprop [--onetrip-error=#b3261e] - Errors; the bar of a revoked or unknown certificate.
 */
export class OneTripVerify extends OneTripElement {
  static override styles = [OneTripElement.styles, lookupStyles, verifyStyles];

  static override properties = {
    code: { type: String },
    typed: { state: true },
    formError: { state: true },
    fileError: { state: true },
    answers: { state: true },
  };

  /** Verification code (核验码) to verify at once. */
  code = '';
  /** What is in the field. */
  private typed = '';
  /** Why the typed code was not sent. */
  private formError?: string;
  /** Why the chosen file was not sent. */
  private fileError?: string;
  /** The answer's heading takes focus when it answers the person's own submission. */
  private focusAfterAnswer = false;

  private readonly verification = new Task(this, {
    autoRun: false,
    task: async ([code, base]: readonly [string, string], { signal }): Promise<Outcome> => {
      try {
        return { code, certificate: await new OneTripApi(base).get<CertificateView>(paths.verify(code), signal) };
      } catch (error) {
        // No certificate has this code: an answer, not a failure.
        if (answered(error) && error.status === 404) return { code };
        throw error;
      }
    },
    onComplete: (outcome) => void this.report(outcome),
    onError: () => (this.answers += 1),
  });

  /** The verdict on a PDF the person chose, from the file itself. */
  private readonly fileCheck = new Task(this, {
    autoRun: false,
    task: ([file, base]: readonly [File, string], { signal }) =>
      new OneTripApi(base).post<PdfVerification>(paths.verifyPdf(), file, { headers: { 'content-type': 'application/pdf' }, signal }),
  });
  /** The file's verdict takes focus once it renders (the person asked for it). */
  private focusFileResult = false;

  /**
   * Answers so far. The live region says the last one in words of the language in force
   * when it renders (the English strings may arrive after the answer); a trailing space on
   * every other answer makes the same words twice still a change that is heard.
   */
  private answers = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('code')) this.typed = this.code;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if ((changed.has('code') || changed.has('apiBase')) && this.code.trim()) this.verify(false);
    if (this.focusAfterAnswer && (this.verification.status === TaskStatus.COMPLETE || this.verification.status === TaskStatus.ERROR)) {
      this.focusAfterAnswer = false;
      this.renderRoot.querySelector<HTMLElement>('#result-title')?.focus();
    }
    if (this.focusFileResult && (this.fileCheck.status === TaskStatus.COMPLETE || this.fileCheck.status === TaskStatus.ERROR)) {
      this.focusFileResult = false;
      this.renderRoot.querySelector<HTMLElement>('#file-result-title')?.focus();
    }
  }

  /** Checks the typed code and, when it can be one, asks the API. */
  private verify(byPerson: boolean): void {
    const code = canonicalCode(this.typed);
    this.formError = codeProblem(code);
    if (this.formError) {
      if (byPerson) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#code')?.focus());
      return;
    }
    this.typed = code;
    this.focusAfterAnswer = byPerson;
    void this.verification.run([code, this.base]);
  }

  /** Checks the chosen file is a PDF the API will read, and sends it. */
  private checkFile(form: HTMLFormElement): void {
    const file = form.querySelector<HTMLInputElement>('#file')?.files?.[0];
    this.fileError = !file
      ? msg('请选择证照 PDF 文件', { id: 'verify.file.missing' })
      : file.type !== 'application/pdf' && !file.name.toLowerCase().endsWith('.pdf')
        ? msg('请选择 PDF 文件', { id: 'verify.file.notPdf' })
        : file.size === 0
          ? msg('文件是空的，请换一个文件', { id: 'verify.file.empty' })
          : file.size > MAX_VERIFIED_PDF_BYTES
            ? msg(str`文件不能超过 ${formatBytes(MAX_VERIFIED_PDF_BYTES)}`, { id: 'verify.file.tooLarge' })
            : undefined;
    if (this.fileError || !file) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#file')?.focus());
      return;
    }
    this.focusFileResult = true;
    void this.fileCheck.run([file, this.base]);
  }

  private async report({ code, certificate }: Outcome): Promise<void> {
    this.answers += 1;
    await this.updateComplete;
    const detail = certificate
      ? { verificationCode: code, genuine: true, status: certificate.status, current: certificate.current }
      : { verificationCode: code, genuine: false, status: 'not_found', current: false };
    this.dispatchEvent(new CustomEvent('onetrip-verified', { bubbles: true, composed: true, detail }));
  }

  protected override render() {
    const said = this.verification.render({
      complete: ({ certificate }) => (certificate ? verdict(certificate).title : msg('未查到这份证照', { id: 'verify.notFound' })),
      error: (error) => problemText(error),
    });
    return this.isolated(html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${said}${this.answers % 2 ? '' : '\u00a0'}</div>
      ${this.renderForm()} ${this.verification.render({ pending: () => html`<p>${msg('正在核验…', { id: 'verify.pending' })}</p>`, complete: (o) => this.renderOutcome(o), error: (e) => this.renderProblem(e) })}
      ${this.renderFileForm()}
      ${this.fileCheck.render({ pending: () => html`<p>${msg('正在核验…', { id: 'verify.pending' })}</p>`, complete: (v) => this.renderFileOutcome(v), error: (e) => this.renderFileProblem(e) })}`);
  }

  private renderFileForm(): TemplateResult {
    const described = this.fileError ? 'file-hint file-error' : 'file-hint';
    return html`<form
      part="file-form"
      class="lookup file-form"
      novalidate
      aria-labelledby="file-title"
      @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        this.checkFile(e.currentTarget as HTMLFormElement);
      }}
    >
      <h2 id="file-title">${msg('核验证照文件', { id: 'verify.file.title' })}</h2>
      <div class="field">
        <label for="file">${msg('证照 PDF 文件', { id: 'verify.file.label' })}</label>
        <p class="hint" id="file-hint">${msg('选择您收到的证照 PDF 文件，核验它是否由本县签发、签发后是否被改动。文件只用于核验，不会保存。', { id: 'verify.file.hint' })}</p>
        ${this.fileError ? fieldError('file-error', this.fileError) : nothing}
        <input id="file" part="file-input" type="file" accept="application/pdf" aria-describedby=${described} aria-invalid=${this.fileError ? 'true' : 'false'} />
      </div>
      <button type="submit" part="button" ?disabled=${this.fileCheck.status === TaskStatus.PENDING}>${msg('核验文件', { id: 'verify.file.submit' })}</button>
    </form>`;
  }

  private renderFileOutcome(v: PdfVerification): TemplateResult {
    const { standing, title, explanation } = fileVerdict(v);
    return html`<section part="file-result" class="result" aria-labelledby="file-result-title">
      <h3 id="file-result-title" tabindex="-1">${msg('文件核验结果', { id: 'verify.file.result' })}</h3>
      <p class="status status-${standing}">
        <strong>${title}</strong>
        <span>${explanation}</span>
      </p>
      ${v.certificate
        ? html`<dl class="facts">${facts(v.certificate).map(([term, value]) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`)}</dl>`
        : nothing}
    </section>`;
  }

  private renderFileProblem(error: unknown): TemplateResult {
    return html`<section part="file-result" class="result problem" aria-labelledby="file-result-title">
      <h3 id="file-result-title" tabindex="-1">${msg('暂时无法核验', { id: 'verify.failed' })}</h3>
      <p><span class="error-message">${msg('错误：', { id: 'common.error' })}</span> ${problemText(error)}</p>
    </section>`;
  }

  private renderForm(): TemplateResult {
    return html`<form
      part="form"
      class="lookup"
      novalidate
      aria-labelledby="verify-title"
      @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        this.verify(true);
      }}
    >
      <h2 id="verify-title">${msg('证照核验', { id: 'verify.title' })}</h2>
      ${lookupField({
        id: 'code',
        name: 'code',
        label: msg('核验码', { id: 'verify.code' }),
        hint: msg('印在证照二维码旁，如 YY7K-3MPQ-8HRT', { id: 'verify.codeHint' }),
        error: this.formError,
        value: this.typed,
        set: (v) => (this.typed = v),
        capitalize: true,
        labelPart: true,
      })}
      <button type="submit" part="button" ?disabled=${this.verification.status === TaskStatus.PENDING}>${msg('核验', { id: 'verify.submit' })}</button>
    </form>`;
  }

  private renderOutcome({ code, certificate }: Outcome): TemplateResult {
    if (!certificate) {
      return html`<section part="result" class="result" aria-labelledby="result-title">
        <h2 id="result-title" part="title" tabindex="-1">${msg('核验结果', { id: 'verify.result' })}</h2>
        <p part="status" class="status status-unknown">
          <strong>${msg('未查到这份证照', { id: 'verify.notFound' })}</strong>
          <span>${msg(str`没有核验码为 ${code} 的证照：这份证照不是真实签发的，或核验码输入有误。请对照证照再输入一次。`, { id: 'verify.notFoundExplanation' })}</span>
        </p>
      </section>`;
    }
    const { title, explanation } = verdict(certificate);
    return html`<section part="result" class="result" aria-labelledby="result-title">
      <h2 id="result-title" part="title" tabindex="-1">${msg('核验结果', { id: 'verify.result' })}</h2>
      <p part="status" class="status status-${standingOf(certificate)}">
        <strong>${title}</strong>
        <span>${explanation}</span>
      </p>
      ${certificate.revoked ? html`<p class="reason">${msg('撤销原因：', { id: 'verify.revokedReason' })}<span lang="zh-CN">${certificate.revoked.reason}</span></p>` : nothing}
      <dl part="facts" class="facts">
        ${facts(certificate).map(([term, value]) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`)}
      </dl>
      <p class="hint">${msg('持证人信息已部分隐藏，请与证照原件核对。', { id: 'verify.masked' })}</p>
      <div part="fingerprint" class="fingerprint">
        <p>${msg('文件指纹（SHA-256）', { id: 'verify.sha256' })}</p>
        <code class="code">${certificate.sha256}</code>
        <p class="hint">${msg('您收到的 PDF 文件的 SHA-256 与此相同，说明文件未被改动。', { id: 'verify.sha256Hint' })}</p>
      </div>
    </section>`;
  }

  private renderProblem(error: unknown): TemplateResult {
    return html`<section part="error" class="result problem" aria-labelledby="result-title">
      <h2 id="result-title" part="title" tabindex="-1">${msg('暂时无法核验', { id: 'verify.failed' })}</h2>
      <p><span class="error-message">${msg('错误：', { id: 'common.error' })}</span> ${problemText(error)}</p>
      <button type="button" part="retry-button" @click=${() => this.verify(true)}>${msg('重试', { id: 'common.retry' })}</button>
    </section>`;
  }
}
