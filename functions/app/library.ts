/**
 * The certificate library, for the application form (docs/results.md, "The library and its
 * one-time code"): which of the proofs an item asks for the applicant already holds. It
 * answers only to someone who proves control of the phone on file for the holder, by a
 * one-time code sent by SMS, and its first step answers the same, with the same work,
 * whether or not the identity has a library: it is not an ID-number oracle.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { HeldCertificate, LibraryChallenge, LibraryChallengeRequest, LibraryQuery } from '../../contracts/certificates.js';
import { OneTripError, ValidationError } from '../domain/errors.js';
import {
  answerChallenge,
  CHALLENGE_TTL_SECONDS,
  CODE_DIGITS,
  codeDigest,
  MAX_ATTEMPTS,
  MAX_CHALLENGES_PER_DAY,
  nameDigest,
  oneTimeCode,
  recipientOf,
} from '../domain/library-challenge.js';
import { redactedError } from '../domain/masking.js';
import { holderKey } from '../domain/results.js';
import { clock } from '../lambda/clock.js';
import { optionalEnv } from '../lambda/env.js';
import { logger } from '../lambda/logger.js';
import { LIBRARY_CODE_TEMPLATE, smsSender, smsText, type SmsSender } from '../sms/index.js';
import { getCertificate, holderLibrary } from '../store/certificates.js';
import { closeChallenge, libraryContact, openChallenge, spendAttempt } from '../store/library-challenges.js';

/**
 * Milliseconds a challenge takes at least, so that the SMS sent for a library (a provider
 * call of some 100 ms) hides inside it and the answer's timing does not tell a library
 * from none. @default 1000
 */
const FLOOR_MS_VARIABLE = 'LIBRARY_CHALLENGE_FLOOR_MS';

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** An unknown, expired, answered or used-up challenge: one answer for all four, so none is told apart. */
const gone = () => new OneTripError('LIBRARY_CHALLENGE_GONE', 'This code request is over (expired, used, or out of attempts): ask for a new code', 'gone');

/**
 * Sends a code to the phone on file for the holder when the identity has a library in
 * this name, and records the challenge either way: for no library, one whose code nobody
 * was sent, which can never be answered.
 *
 * @throws OneTripError `LIBRARY_CHALLENGE_LIMIT` (429) after {@link MAX_CHALLENGES_PER_DAY} challenges of the identity today
 */
export async function openLibraryChallenge({ applicant }: LibraryChallengeRequest): Promise<LibraryChallenge> {
  const started = Date.now();
  // Before anything branches, so a misconfigured sender fails every challenge alike.
  const sender = smsSender();
  const key = holderKey(applicant.idType, applicant.idNumber);
  const phone = recipientOf(await libraryContact(key), applicant.name);
  const challengeId = randomBytes(16).toString('hex');
  const code = oneTimeCode(randomInt(10 ** CODE_DIGITS));
  // Without a phone the digest is of a secret no six digits match.
  const secret = phone ? code : randomBytes(32).toString('hex');
  const expiresAt = nowSeconds() + CHALLENGE_TTL_SECONDS;
  const challenge = { challengeId, holderKey: key, nameDigest: nameDigest(applicant.name), codeDigest: codeDigest(challengeId, secret), attempts: 0, expiresAt };
  if (!(await openChallenge(challenge, clock().today, MAX_CHALLENGES_PER_DAY, nowSeconds()))) {
    throw new OneTripError('LIBRARY_CHALLENGE_LIMIT', `This identity was sent ${MAX_CHALLENGES_PER_DAY} codes today, the most a day: try again tomorrow, or upload the proofs instead`, 'rate_limited', undefined, {
      params: { max: MAX_CHALLENGES_PER_DAY },
    });
  }
  if (phone) await sendCode(sender, phone, code);
  await untilFloor(started);
  return { challengeId, expiresAt: new Date(expiresAt * 1000).toISOString() };
}

/** A failed send is logged, not answered: an error only a library can cause would tell it apart. */
async function sendCode(sender: SmsSender, phone: string, code: string): Promise<void> {
  try {
    const params = { code, minutes: String(CHALLENGE_TTL_SECONDS / 60) };
    await sender.send({ phone, template: LIBRARY_CODE_TEMPLATE, params, text: smsText(params) });
  } catch (error) {
    logger.error('library code not sent', { error: redactedError(error), sender: sender.name });
  }
}

async function untilFloor(started: number): Promise<void> {
  const floorMs = Number(optionalEnv(FLOOR_MS_VARIABLE, '1000'));
  const elapsed = Date.now() - started;
  if (elapsed > floorMs) logger.warn('library challenge slower than its floor: its timing may tell', { elapsedMs: elapsed, floorMs });
  else await new Promise((resolve) => setTimeout(resolve, floorMs - elapsed));
}

/**
 * Which of the asked proofs the holder's library holds, valid and in the name the challenge
 * was asked with, once the code sent for the challenge is given. A right code closes the
 * challenge; each answer spends one of its {@link MAX_ATTEMPTS} attempts.
 *
 * @throws ValidationError `LIBRARY_CODE_WRONG` (400) naming `/code` and the attempts left
 * @throws OneTripError `LIBRARY_CHALLENGE_GONE` (410) for an unknown, expired, answered or used-up challenge
 */
export async function answerLibraryChallenge({ challengeId, code, proofs }: LibraryQuery): Promise<{ held: HeldCertificate[] }> {
  const spent = await spendAttempt(challengeId, MAX_ATTEMPTS, nowSeconds());
  const answer = answerChallenge(spent, code);
  if (answer.outcome === 'wrong') {
    const params = { attemptsLeft: answer.attemptsLeft };
    throw new ValidationError(`The code is not the one sent; ${answer.attemptsLeft} attempt(s) left`, [{ path: '/code', message: `Not the code sent; ${answer.attemptsLeft} attempt(s) left`, rule: 'code_wrong', params }], 'LIBRARY_CODE_WRONG', { params });
  }
  if (answer.outcome === 'gone' || !spent || !(await closeChallenge(challengeId))) throw gone();
  return heldProofs(spent.holderKey, spent.nameDigest, proofs);
}

/** Only codes and dates are answered, of valid certificates held in the challenged name. */
async function heldProofs(key: string, name: string, proofs: string[]): Promise<{ held: HeldCertificate[] }> {
  const entries = (await holderLibrary(key)).filter((e) => e.proof && proofs.includes(e.proof));
  const held: HeldCertificate[] = [];
  for (const entry of entries) {
    if (held.some((h) => h.proof === entry.proof)) continue;
    const certificate = await getCertificate(entry.verificationCode);
    if (certificate?.status === 'valid' && nameDigest(certificate.holder.name) === name) {
      held.push({ proof: entry.proof as string, verificationCode: certificate.verificationCode, itemName: certificate.itemName, issuedOn: certificate.issuedOn });
    }
  }
  return { held };
}
