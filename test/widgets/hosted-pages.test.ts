/**
 * The verification page a county's distribution hosts (widgets/pages/verify.html), as the
 * edge serves it: the files built for the edge at synth (infra/edge-assets.ts), under the
 * strict Content-Security-Policy of infra/constructs/edge.ts, on the county's domain, in a
 * real Chromium. The page and the widgets must work under that policy (nothing refused), in
 * both languages, axe-clean, and reach the API on the same origin. No platform runs: the
 * one API answer is fixed.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateView } from '../../contracts/certificates.js';
import { NOTHING_CONTENT_SECURITY_POLICY, pagesContentSecurityPolicy } from '../../infra/constructs/edge.js';
import { buildEdgeAssets, type EdgeAssets } from '../../infra/edge-assets.js';
import { axeViolations, CHROMIUM, describeViolations } from './harness.js';

const ORIGIN = 'https://430623.onetrip.yueyang.gov.cn';
const CODE = 'YY7K-3MPQ-8HRT';
const GENUINE: CertificateView = {
  verificationCode: CODE,
  genuine: true,
  status: 'valid',
  issued: true,
  current: true,
  itemCode: '000105002000',
  itemName: { zh: '食品经营许可', en: 'Food business licence' },
  issuer: { code: 'amr', name: { zh: '华容县市场监督管理局', en: 'Huarong Administration for Market Regulation' } },
  issuedOn: '2026-11-29',
  licenceNumber: '430623-105002-20261129000042-01',
  validFrom: '2026-11-29',
  validTo: '2031-11-28',
  holder: { type: 'person', name: '李*君', idNumber: '430602********1234' },
  sha256: '3f'.repeat(32),
};

let assets: EdgeAssets;
let browser: Browser;

beforeAll(async () => {
  assets = buildEdgeAssets(join(mkdtempSync(join(tmpdir(), 'onetrip-hosted-')), 'edge'));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
});
afterAll(async () => {
  await browser?.close();
});

const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

/** A page of the county's domain, served as the distribution serves it; `violations` collects what the policy refused. */
async function open(path: string): Promise<{ page: Page; violations: string[]; asked: string[] }> {
  const page = await browser.newPage();
  const violations: string[] = [];
  const asked: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  page.on('pageerror', (e) => violations.push(`page error: ${e.message}`));
  await page.route(`${ORIGIN}/**`, (route) => {
    const { pathname } = new URL(route.request().url());
    if (pathname.startsWith('/v1/')) {
      asked.push(pathname);
      const found = pathname === `/v1/certificates/verify/${CODE}`;
      return route.fulfill({
        status: found ? 200 : 404,
        contentType: 'application/json',
        headers: { 'content-security-policy': NOTHING_CONTENT_SECURITY_POLICY },
        body: JSON.stringify(found ? GENUINE : { error: { code: 'CERTIFICATE_NOT_FOUND', message: 'no such certificate' } }),
      });
    }
    const widgets = pathname.startsWith('/widgets/');
    const dir = widgets && pathname !== '/widgets/onetrip.js' ? assets.immutableDir : assets.shortLivedDir;
    let body: Buffer;
    try {
      body = readFileSync(join(dir, pathname));
    } catch {
      return route.fulfill({ status: 403, body: 'AccessDenied' });
    }
    return route.fulfill({
      status: 200,
      body,
      headers: {
        'content-type': CONTENT_TYPES[extname(pathname)] ?? 'application/octet-stream',
        'content-security-policy': widgets ? NOTHING_CONTENT_SECURITY_POLICY : pagesContentSecurityPolicy(['https://materials.example']),
        'x-content-type-options': 'nosniff',
      },
    });
  });
  await page.goto(`${ORIGIN}${path}`);
  return { page, violations, asked };
}

/**
 * axe-core, evaluated through the browser's debugging protocol: the page's policy refuses
 * the inline script the harness would add, as it should.
 */
async function accessibilityViolations(page: Page) {
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  return axeViolations(page);
}

const textOf = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('the hosted verification page, under the strict CSP', () => {
  it('is accessible in Chinese and verifies the code from its address on the same origin, nothing refused', async () => {
    // Act
    const { page, violations, asked } = await open(`/verify.html?code=${CODE}`);
    await page.locator('onetrip-verify [part=result]').waitFor();

    // Assess
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await textOf(page, 'onetrip-verify [role=status]')).toBe('证照真实有效');
    expect(asked).toEqual([`/v1/certificates/verify/${CODE}`]);
    const axe = await accessibilityViolations(page);
    expect(axe, describeViolations(axe)).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('is accessible in English, page text and widget both, with a switch back to Chinese', async () => {
    // Act
    const { page, violations } = await open(`/verify.html?lang=en&code=${CODE}`);
    await page.locator('onetrip-verify [part=result]').waitFor();

    // Assess
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await textOf(page, 'h1')).toBe('Verify a certificate');
    expect(await textOf(page, 'onetrip-verify [role=status]')).toBe('Genuine and valid');
    expect(await page.getAttribute('a.lang', 'href')).toBe(`/verify.html?code=${CODE}`);
    expect(await textOf(page, 'a.lang')).toBe('中文');
    const axe = await accessibilityViolations(page);
    expect(axe, describeViolations(axe)).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('would show an inline script refused, so the checks above can fail', async () => {
    // Prepare: the same page with an inline script added, under the same policy
    const { page, violations } = await open('/verify.html');
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
    });
    await page.waitForTimeout(200);

    // Assess
    expect(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
    expect(violations.some((v) => v.includes('script-src'))).toBe(true);
    await page.close();
  });
});
