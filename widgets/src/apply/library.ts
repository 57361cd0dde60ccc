/**
 * "Use my certificate library" on the materials step: the library answers only to a
 * one-time code sent by SMS to the phone on file for the holder (docs/results.md), so the
 * form offers it, asks for a code (`POST /v1/certificates/library/challenges`), takes the
 * code the applicant types, and then asks which proofs are held
 * (`POST /v1/certificates/library`). The API says the same whether or not a code was sent,
 * so the form does too. The applicant may always skip this and upload.
 */
import { msg, str } from '@lit/localize';
import type { HeldCertificate, LibraryChallenge } from '../../../contracts/certificates.js';
import { LIBRARY_CODE_PATTERN } from '../../../contracts/certificates.js';
import { answered, paths } from '../shared/api.js';
import { problemText } from '../shared/problem.js';
import type { ApplyHost, LibraryAccess, LibraryStage } from './host.js';

/** The ids the panel's controls carry, for focus and the tests. */
export const LIBRARY_IDS = { panel: 'library', send: 'library-send', code: 'library-code', check: 'library-check' } as const;

export class CertificateLibraryAccess implements LibraryAccess {
  stage: LibraryStage = 'offer';
  code = '';
  error?: string;
  private challenge?: { who: string } & LibraryChallenge;

  constructor(
    private readonly host: ApplyHost,
    /** Who asks for which proofs (flow.ts `libraryKey`), or nothing while the applicant is incomplete. */
    private readonly who: () => string | undefined,
    /** Called with what the library holds once the code opened it. */
    private readonly opened: (who: string, held: HeldCertificate[]) => void,
  ) {}

  get offered(): boolean {
    return this.who() !== undefined;
  }

  /** The code sent is for the applicant as they are now: a changed ID or name needs a new one. */
  private get current(): ({ who: string } & LibraryChallenge) | undefined {
    return this.challenge && this.challenge.who === this.who() ? this.challenge : undefined;
  }

  get awaitingCode(): boolean {
    return this.current !== undefined && (this.stage === 'sent' || this.stage === 'checking');
  }

  setCode(code: string): void {
    this.code = code;
  }

  async sendCode(): Promise<void> {
    const who = this.who();
    if (!who || this.stage === 'sending') return;
    const [idType, idNumber, name] = JSON.parse(who) as [string, string, string, string[]];
    this.update('sending');
    try {
      const challenge = await this.host.api.post<LibraryChallenge>(paths.libraryChallenges(), { applicant: { idType, idNumber, name } });
      this.challenge = { who, ...challenge };
      this.code = '';
      this.update('sent');
      this.host.focusAfterRender = LIBRARY_IDS.code;
      this.host.announce(msg('如果证照库中有您名下的证照，验证码已发送到办理时留下的手机号', { id: 'apply.library.sent' }));
    } catch (error) {
      this.update('offer', problemText(error));
      this.host.focusAfterRender = LIBRARY_IDS.send;
    }
  }

  async checkCode(): Promise<void> {
    const challenge = this.current;
    if (!challenge || this.stage === 'checking') return;
    const code = this.code.replace(/\s/g, '');
    if (!LIBRARY_CODE_PATTERN.test(code)) {
      this.update('sent', msg('请输入短信中的 6 位数字验证码', { id: 'apply.library.codeFormat' }));
      this.host.focusAfterRender = LIBRARY_IDS.code;
      return;
    }
    const [, , , proofs] = JSON.parse(challenge.who) as [string, string, string, string[]];
    this.update('checking');
    try {
      const { held } = await this.host.api.post<{ held: HeldCertificate[] }>(paths.library(), { challengeId: challenge.challengeId, code, proofs });
      this.challenge = undefined;
      this.update('offer');
      this.opened(challenge.who, held);
    } catch (error) {
      const left = answered(error) && error.code === 'LIBRARY_CODE_WRONG' ? error.fields.find((f) => f.path === '/code')?.params?.attemptsLeft : undefined;
      // Out of attempts, expired or already used: only a new code helps now.
      const over = left === 0 || (answered(error) && error.code === 'LIBRARY_CHALLENGE_GONE');
      if (over) this.challenge = undefined;
      const wording = left === 0
        ? msg('验证码不正确，尝试次数已用完，请重新获取验证码', { id: 'apply.library.codeUsedUp' })
        : typeof left === 'number' ? msg(str`验证码不正确，还可以再试 ${left} 次`, { id: 'apply.library.codeWrong' }) : problemText(error);
      this.update(over ? 'offer' : 'sent', wording);
      this.host.focusAfterRender = over ? LIBRARY_IDS.send : LIBRARY_IDS.code;
    }
  }

  private update(stage: LibraryStage, error?: string): void {
    this.stage = stage;
    this.error = error;
    this.host.requestUpdate();
  }
}
