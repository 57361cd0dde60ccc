/**
 * The certificate library as the form opens it, for the tests: a challenge, the code read
 * where the holder's phone would show it (the local SMS sandbox, `GET /sandbox/sms`), and
 * the answer. One place, so every test that asks the library does it the same way.
 */
import { expect } from 'vitest';
import type { Reply } from './api.js';
import type { TestPlatform } from './platform.js';

export interface LibraryHolder {
  idType: string;
  idNumber: string;
  name: string;
}

/** The messages the SMS sandbox holds for a phone, newest first. */
export async function textsTo(t: TestPlatform, phone: string): Promise<{ template: string; params: Record<string, unknown>; text: string }[]> {
  const reply = await t.api.get(`/sandbox/sms?phone=${encodeURIComponent(phone)}`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.messages;
}

/**
 * Asks for a code for `holder`: the challenge's reply, and the code texted to `phone` for
 * it, if one was (none when the identity has no library in this name, or no phone on file).
 */
export async function challengeLibrary(t: TestPlatform, holder: LibraryHolder, phone: string): Promise<{ challenge: Reply; code?: string }> {
  const before = (await textsTo(t, phone)).length;
  const challenge = await t.api.post('/v1/certificates/library/challenges', { applicant: { idType: holder.idType, idNumber: holder.idNumber, name: holder.name } });
  const texts = await textsTo(t, phone);
  const code = texts.length > before && texts[0]!.template === 'library_code' ? String(texts[0]!.params.code) : undefined;
  return { challenge, ...(code ? { code } : {}) };
}

/**
 * Opens the holder's library with the code texted to `phone` and asks for `proofs`: the
 * verification codes held, or none when no code was sent (the library cannot be opened).
 */
export async function heldCodes(t: TestPlatform, holder: LibraryHolder, phone: string, proofs: string[]): Promise<string[]> {
  const { challenge, code } = await challengeLibrary(t, holder, phone);
  expect(challenge.status, JSON.stringify(challenge.body)).toBe(202);
  if (!code) return [];
  const library = await t.api.post('/v1/certificates/library', { challengeId: challenge.body.challengeId, code, proofs });
  expect(library.status, JSON.stringify(library.body)).toBe(200);
  return library.body.held.map((h: { verificationCode: string }) => h.verificationCode);
}
