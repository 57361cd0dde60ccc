/**
 * What the applicant and the public can get of a case's results, as the tests check it:
 * the certificates rendered for a case (found on its timeline, since the applicant's view
 * lists none before they are issued), and the proof that none of them is issued yet.
 */
import { expect } from 'vitest';
import { publishedCatalogs } from '../../catalog/index.js';
import { CATALOG_VERSION } from './fixtures.js';
import { timelineOf, until, type SubmittedCase } from './cases.js';
import { heldCodes } from './library.js';
import type { TestPlatform } from './platform.js';

/** The verification codes of the certificates rendered for a case, issued or not. */
export async function renderedResults(t: TestPlatform, caseId: string): Promise<string[]> {
  return (await timelineOf(t, caseId)).filter((e) => e.action === 'result.issued').map((e) => String(e.detail.verificationCode));
}

/** Resolves once `count` certificates are rendered for the case. */
export function resultsRendered(t: TestPlatform, caseId: string, count: number): Promise<string[]> {
  return until(() => renderedResults(t, caseId), (codes) => codes.length === count, `${count} results rendered`);
}

/**
 * None of these results is issued: the applicant's view lists none, its download is
 * refused, verification says not yet issued, and the holder's library does not offer it.
 */
export async function expectNotIssued(t: TestPlatform, c: SubmittedCase, codes: string[], holder: { idType: string; idNumber: string; name: string; phone: string }) {
  const view = (await t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`)).body;
  expect(view.results).toEqual([]);
  expect(view.handover).toBeNull();
  for (const code of codes) {
    const download = await t.api.get(`/v1/applications/${c.receiptNumber}/results/${code}?queryCode=${c.queryCode}`);
    expect([download.status, download.body.error?.code]).toEqual([409, 'RESULT_NOT_ISSUED']);
    const verified = await t.api.get(`/v1/certificates/verify/${code}`);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ genuine: true, status: 'pending', issued: false, current: false });
  }
  const proofs = [...new Set(publishedCatalogs[CATALOG_VERSION]!.items.flatMap((i) => (i.produces ? [i.produces] : [])))];
  expect((await heldCodes(t, holder, holder.phone, proofs)).filter((code) => codes.includes(code))).toEqual([]);
}

/** Every one of these results is issued: listed in the view, downloadable, and valid. */
export async function expectIssued(t: TestPlatform, c: SubmittedCase, codes: string[]) {
  const view = (await t.api.get(`/v1/applications/${c.receiptNumber}?queryCode=${c.queryCode}`)).body;
  expect(view.results.map((r: { verificationCode: string }) => r.verificationCode).sort()).toEqual([...codes].sort());
  for (const code of codes) {
    expect((await t.api.get(`/v1/applications/${c.receiptNumber}/results/${code}?queryCode=${c.queryCode}`)).status).toBe(200);
    expect((await t.api.get(`/v1/certificates/verify/${code}`)).body).toMatchObject({ status: 'valid', issued: true, current: true });
  }
}
