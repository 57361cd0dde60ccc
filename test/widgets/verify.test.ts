/**
 * `<onetrip-verify>` and the portal's verification page in a real Chromium: a genuine, a
 * revoked and an unknown certificate against fixed API answers (both languages, axe in
 * each), a malformed code refused before anything is sent, and a real certificate's QR
 * code URL, read from its PDF, opened in the browser to the page that calls it genuine.
 */
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateView } from '../../contracts/certificates.js';
import { acceptedCase, decideStage, until } from '../support/cases.js';
import { applicantCompany } from '../support/fixtures.js';
import { extractText } from '../support/pdf.js';
import { startWidgetEnv, type WidgetEnv } from './harness.js';
import { deepFocus, expectAccessible, mount } from './mount.js';

let env: WidgetEnv;
beforeAll(async () => {
  env = await startWidgetEnv();
});
afterAll(async () => {
  await env?.stop();
});

const LOCALES = ['zh-CN', 'en'] as const;
type Locale = (typeof LOCALES)[number];
const CODE = 'YY7K-3MPQ-8HRT';
const SHA256 = '3f'.repeat(32);

const GENUINE: CertificateView = {
  verificationCode: CODE,
  genuine: true,
  status: 'valid',
  issued: true,
  current: true,
  itemCode: '000105002000',
  itemName: { zh: '食品经营许可', en: 'Food business licence' },
  issuer: { code: 'amr', name: { zh: '岳阳市市场监督管理局', en: 'Yueyang Administration for Market Regulation' } },
  issuedOn: '2026-11-29',
  licenceNumber: '430600-105002-20261129000042-01',
  validFrom: '2026-11-29',
  validTo: '2031-11-28',
  holder: { type: 'person', name: '李*君', idNumber: '430602********1234' },
  sha256: SHA256,
};
const PENDING: CertificateView = { ...GENUINE, status: 'pending', issued: false, current: false };
const REVOKED: CertificateView = { ...GENUINE, status: 'revoked', current: false, revoked: { at: '2026-12-02T02:00:00.000Z', reason: '许可被依法撤销' } };

const words = {
  'zh-CN': {
    current: '证照真实有效',
    currentWhy: '平台记录显示，这份证照由岳阳市市场监督管理局签发，目前有效。核验码只能查到平台的记录，要确认您手中的文件未被改动，请在下方核验证照文件。',
    item: '食品经营许可',
    issuer: '岳阳市市场监督管理局',
    issuedOn: '2026年11月29日',
    validity: '2026年11月29日 至 2031年11月28日',
    revoked: '证照已被撤销',
    revokedWhy: '已于 2026年12月2日 10:00 被撤销',
    reason: '撤销原因：许可被依法撤销',
    pending: '证照尚未发放',
    pendingWhy: '办件尚未办结，证照还没有发放',
    notFound: '未查到这份证照',
    notFoundWhy: `没有核验码为 ${CODE} 的证照：这份证照不是真实签发的，或核验码输入有误。`,
    malformed: '核验码格式应为 XXXX-XXXX-XXXX',
    missing: '请输入核验码',
    submit: '核验',
    label: '核验码',
    fileLabel: '证照 PDF 文件',
    fileSubmit: '核验文件',
    fileGenuine: '文件真实，未被改动',
    fileAltered: '文件已被改动',
    fileMissing: '请选择证照 PDF 文件',
  },
  en: {
    current: 'Genuine and valid',
    currentWhy: "The platform's record shows this certificate was issued by Yueyang Administration for Market Regulation and is valid. A code finds only the platform's record: to be sure the file you hold is unaltered, check the certificate file below.",
    item: 'Food business licence',
    issuer: 'Yueyang Administration for Market Regulation',
    issuedOn: 'November 29, 2026',
    validity: 'November 29, 2026 to November 28, 2031',
    revoked: 'Revoked',
    revokedWhy: 'revoked on Dec 2, 2026, 10:00 AM and is no longer valid',
    reason: 'Reason for revocation: 许可被依法撤销',
    pending: 'Not issued yet',
    pendingWhy: 'its application is not complete, so it has not been issued',
    notFound: 'No such certificate',
    notFoundWhy: `No certificate has the verification code ${CODE}: either the certificate is not genuine, or the code was mistyped.`,
    malformed: 'The verification code looks like XXXX-XXXX-XXXX',
    missing: 'Enter the verification code',
    submit: 'Verify',
    label: 'Verification code',
    fileLabel: 'Certificate PDF file',
    fileSubmit: 'Check the file',
    fileGenuine: 'Genuine and unaltered',
    fileAltered: 'The file was altered',
    fileMissing: 'Choose a certificate PDF file',
  },
} satisfies Record<Locale, unknown>;

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
const textOf = async (page: Page, selector: string) => squash(await page.locator(`onetrip-verify ${selector}`).first().textContent());

/** Codes the page asked the API to verify. */
type Asked = string[];

/** Answers the verification route with `answer(code)`; returns the codes asked, in order. */
async function verifyApi(page: Page, answer: (code: string) => { status: number; body: unknown }): Promise<Asked> {
  const asked: Asked = [];
  await page.route(
    (url) => url.pathname.startsWith('/v1/certificates/verify/'),
    (route: Route) => {
      const code = decodeURIComponent(new URL(route.request().url()).pathname.split('/').pop()!);
      asked.push(code);
      const { status, body } = answer(code);
      return route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
    },
  );
  return asked;
}

/** An element given `code`, answered by `answer`; resolves once its result shows. Collects `onetrip-verified` details on `window.verified`. */
async function verified(locale: Locale, answer: (code: string) => { status: number; body: unknown }): Promise<{ page: Page; asked: Asked }> {
  let asked!: Asked;
  const page = await mount(env, `<onetrip-verify code="${CODE.toLowerCase()}" locale="${locale}"></onetrip-verify>`, async (p) => {
    asked = await verifyApi(p, answer);
    await p.evaluate(() => {
      (window as unknown as { verified: unknown[] }).verified = [];
      document.addEventListener('onetrip-verified', (e) => (window as unknown as { verified: unknown[] }).verified.push((e as CustomEvent).detail));
    });
  });
  await page.locator('onetrip-verify [part=result]').waitFor();
  return { page, asked };
}

/** A planning permit applied for, approved and signed; its PDF downloaded as the holder would. */
async function realCertificate(): Promise<{ view: { results: { verificationCode: string; verifyUrl: string }[] }; code: string; pdf: Uint8Array }> {
  const { t } = env;
  const permit = await acceptedCase(t, { itemCode: '000108003000' });
  await decideStage(t, permit.caseId, 1);
  const view = await until(
    async () => (await t.api.get(`/v1/applications/${permit.receiptNumber}?queryCode=${permit.queryCode}`)).body,
    (v) => v.results?.length === 1,
    'the certificate',
  );
  const code = view.results[0].verificationCode as string;
  const link = await t.api.get(`/v1/applications/${permit.receiptNumber}/results/${code}?queryCode=${permit.queryCode}`);
  return { view, code, pdf: new Uint8Array(await (await fetch(link.body.url)).arrayBuffer()) };
}

const events = (page: Page) => page.evaluate(() => (window as unknown as { verified: unknown[] }).verified);

describe('<onetrip-verify>', () => {
  it('says a genuine certificate is genuine and current, with its item, issuer, date, masked holder and fingerprint; accessible in both languages', async () => {
    for (const locale of LOCALES) {
      const w = words[locale];
      const { page, asked } = await verified(locale, () => ({ status: 200, body: GENUINE }));

      expect(asked).toEqual([CODE]);
      // The English strings may arrive just after the answer: wait for the words, not for the answer
      await expect.poll(() => textOf(page, '[part=status]')).toBe(`${w.current} ${w.currentWhy}`);
      const facts = await textOf(page, '[part=facts]');
      for (const fact of [CODE, w.item, w.issuer, w.issuedOn, GENUINE.licenceNumber!, w.validity, '李*君', '430602********1234']) {
        expect(facts).toContain(fact);
      }
      expect(await textOf(page, '[part=fingerprint] code')).toBe(SHA256);
      expect(await textOf(page, '[role=status]')).toBe(w.current);
      expect(await page.locator('onetrip-verify [part=input]').inputValue()).toBe(CODE);
      expect(await events(page)).toEqual([{ verificationCode: CODE, genuine: true, status: 'valid', current: true }]);
      await expectAccessible(page);
      await page.context().close();
    }
  });

  it('says a revoked certificate was genuine but is revoked, when and why; accessible in both languages', async () => {
    for (const locale of LOCALES) {
      const w = words[locale];
      const { page } = await verified(locale, () => ({ status: 200, body: REVOKED }));

      await expect.poll(() => textOf(page, '[part=status]')).toContain(w.revokedWhy);
      const status = await textOf(page, '[part=status]');
      expect(status).toContain(w.revoked);
      expect(status).not.toContain(w.current);
      expect(await textOf(page, '.reason')).toBe(w.reason);
      expect(await events(page)).toEqual([{ verificationCode: CODE, genuine: true, status: 'revoked', current: false }]);
      await expectAccessible(page);
      await page.context().close();
    }
  });

  it('says a certificate whose case is not complete is not issued yet, and not valid; accessible in both languages', async () => {
    for (const locale of LOCALES) {
      const w = words[locale];
      const { page } = await verified(locale, () => ({ status: 200, body: PENDING }));

      await expect.poll(() => textOf(page, '[part=status]')).toContain(w.pendingWhy);
      const status = await textOf(page, '[part=status]');
      expect(status).toContain(w.pending);
      expect(status).not.toContain(w.current);
      expect(await events(page)).toEqual([{ verificationCode: CODE, genuine: true, status: 'pending', current: false }]);
      await expectAccessible(page);
      await page.context().close();
    }
  });

  it('says an unknown code is not genuine or mistyped, showing no certificate; accessible in both languages', async () => {
    for (const locale of LOCALES) {
      const w = words[locale];
      const { page } = await verified(locale, () => ({
        status: 404,
        body: { error: { code: 'CERTIFICATE_NOT_FOUND', message: 'No certificate has this verification code: it is not genuine, or the code is mistyped', fields: [] } },
      }));

      await expect.poll(() => textOf(page, '[part=status]')).toContain(`${w.notFound} ${w.notFoundWhy}`);
      expect(await page.locator('onetrip-verify [part=facts]').count()).toBe(0);
      expect(await events(page)).toEqual([{ verificationCode: CODE, genuine: false, status: 'not_found', current: false }]);
      await expectAccessible(page);
      await page.context().close();
    }
  });

  it('refuses a malformed code before sending it, naming the format, with focus on the field; then sends the code as typed, made canonical', async () => {
    for (const locale of LOCALES) {
      const w = words[locale];
      let asked!: Asked;
      const page = await mount(env, `<onetrip-verify locale="${locale}"></onetrip-verify>`, async (p) => {
        asked = await verifyApi(p, () => ({ status: 200, body: GENUINE }));
      });
      const input = page.locator('onetrip-verify').getByLabel(w.label);
      const submit = page.locator('onetrip-verify').getByRole('button', { name: w.submit, exact: true });

      // Nothing typed
      await submit.click();
      await expect.poll(() => textOf(page, '#code-error')).toContain(w.missing);

      // Twelve characters, but with an O (not in the codes' alphabet)
      await input.fill('YY7K-3MPQ-8HRO');
      await submit.click();
      await expect.poll(() => textOf(page, '#code-error')).toContain(w.malformed);
      expect(await input.getAttribute('aria-invalid')).toBe('true');
      expect(await input.getAttribute('aria-describedby')).toBe('code-hint code-error');
      expect(await deepFocus(page)).toEqual({ tag: 'input', id: 'code' });
      await expectAccessible(page);
      expect(asked).toEqual([]);

      // Lower case, spaces for dashes: accepted, sent canonical, and the answer's heading takes focus
      await input.fill('yy7k 3mpq 8hrt');
      await input.press('Enter');
      await page.locator('onetrip-verify [part=result]').waitFor();
      expect(asked).toEqual([CODE]);
      expect(await page.locator('onetrip-verify #code-error').count()).toBe(0);
      await expect.poll(() => deepFocus(page)).toEqual({ tag: 'h2', id: 'result-title' });
      await page.context().close();
    }
  });

  it('checks a real certificate PDF as genuine and unaltered, and an altered copy as altered, accessibly in both languages', async () => {
    // Prepare: a real certificate as its holder downloads it, and a copy with one byte changed
    const { pdf } = await realCertificate();
    const altered = Uint8Array.from(pdf);
    altered[300] = altered[300]! ^ 0x01;

    for (const locale of LOCALES) {
      const w = words[locale];
      const page = await mount(env, `<onetrip-verify locale="${locale}"></onetrip-verify>`);
      const verify = page.locator('onetrip-verify');
      const input = verify.getByLabel(w.fileLabel);
      const submit = verify.getByRole('button', { name: w.fileSubmit });
      expect(await input.getAttribute('accept')).toBe('application/pdf');
      await expectAccessible(page);

      // Nothing chosen: refused before sending, focus on the field
      await submit.click();
      await expect.poll(() => textOf(page, '#file-error')).toContain(w.fileMissing);
      expect(await deepFocus(page)).toEqual({ tag: 'input', id: 'file' });

      // Act: the genuine file, then the altered one
      await input.setInputFiles({ name: 'certificate.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });
      await submit.click();
      await expect.poll(() => textOf(page, '[part=file-result] .status')).toContain(w.fileGenuine);
      expect(await deepFocus(page)).toEqual({ tag: 'h3', id: 'file-result-title' });
      expect(await textOf(page, '[part=file-result]')).toContain(applicantCompany.name);
      await expectAccessible(page);

      await input.setInputFiles({ name: 'certificate.pdf', mimeType: 'application/pdf', buffer: Buffer.from(altered) });
      await submit.click();
      await expect.poll(() => textOf(page, '[part=file-result] .status')).toContain(w.fileAltered);
      expect(await textOf(page, '[part=file-result] .status')).not.toContain(w.fileGenuine);
      await expectAccessible(page);
      await page.context().close();
    }
  });

  it("opens a real certificate's QR code URL to the portal page that calls it genuine, in both languages", async () => {
    // Prepare: a planning permit applied for, approved and signed; its PDF downloaded as the holder would
    const { t } = env;
    const { view, code, pdf } = await realCertificate();
    const text = await extractText(pdf);

    // Act: the URL the certificate prints beside its QR code (the QR code encodes the same string)
    const printed = /https?:\/\/[^\s]+?\/verify\.html\?code=[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}/.exec(text)?.[0];
    expect(printed, text).toBe(`${new URL(t.platform.url).protocol}//localhost:${new URL(t.platform.url).port}/verify.html?code=${code}`);
    // …and the tracker's "核验" link (the case view's verifyUrl) is the same page
    expect(view.results[0]!.verifyUrl).toBe(printed);

    // Assess: the page, in Chinese and (with ?lang=en) in English, calls it genuine and current
    for (const [locale, url] of [['zh-CN', printed!], ['en', `${printed}&lang=en`]] as const) {
      const w = words[locale];
      const page = await env.open(url);
      await expect.poll(() => textOf(page, '[part=status]')).toContain(w.current);
      expect(await page.locator('h1').textContent()).toBe('证照核验');
      const facts = await textOf(page, '[part=facts]');
      expect(facts).toContain(code);
      // A company's name is public; a person's would be masked (the fixed answers above)
      expect(facts).toContain(applicantCompany.name);
      expect(await textOf(page, '[part=fingerprint] code')).toMatch(/^[0-9a-f]{64}$/);
      await expectAccessible(page);
      await page.context().close();
    }
  });
});
