/**
 * The certificate library answers only to someone who proves control of the phone on file
 * for the holder: a one-time code by SMS (短信验证码), as Chinese government portals do it
 * (docs/results.md, "The library and its one-time code"). These are the rules of that
 * challenge, pure: who may be sent a code, how a code is kept (hashed, never in clear),
 * how long it lives, how many wrong answers and challenges it takes before it is refused.
 * The answers never tell an identity with a library from one without.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** A code has six digits, as every Chinese SMS verification code does. */
export const CODE_DIGITS = 6;
/** A challenge may be answered for ten minutes. */
export const CHALLENGE_TTL_SECONDS = 10 * 60;
/** A challenge takes five answers at most: guessing a code is then 5 in a million per challenge. */
export const MAX_ATTEMPTS = 5;
/** Challenges per identity per Shanghai day, whether or not it has a library: bounds guessing and SMS cost. */
export const MAX_CHALLENGES_PER_DAY = 5;

/** What a challenge keeps: the code's digest, never the code, and whose library it opens. */
export interface LibraryChallenge {
  challengeId: string;
  /** The holder's identity hash (`holderKey`), never the ID number. */
  holderKey: string;
  /** SHA-256 of the name asked with it: the library answers only certificates held in that name. */
  nameDigest: string;
  /** {@link codeDigest} of the code sent; of a random secret nobody holds when no code was sent. */
  codeDigest: string;
  /** Answers given so far, each spent before it is checked, so parallel guesses get no more than {@link MAX_ATTEMPTS}. */
  attempts: number;
  /** Unix seconds: the TTL attribute of the data table, and the end of the challenge. */
  expiresAt: number;
}

/** The phone a library's codes go to, and the name its certificates are held in, from its newest entry. */
export interface LibraryContact {
  holderName: string;
  /** Absent on entries recorded before the library asked for a code: such a library cannot be challenged. */
  phone?: string;
}

/** The digest a challenge keeps of its code, salted with the challenge's id. */
export function codeDigest(challengeId: string, code: string): string {
  return createHash('sha256').update(`${challengeId}:${code}`).digest('hex');
}

export function nameDigest(name: string): string {
  return createHash('sha256').update(name.normalize('NFC')).digest('hex');
}

/** Six digits from a uniformly drawn integer in [0, 10^6). */
export function oneTimeCode(drawn: number): string {
  if (!Number.isInteger(drawn) || drawn < 0 || drawn >= 10 ** CODE_DIGITS) throw new RangeError(`A code is drawn from [0, ${10 ** CODE_DIGITS})`);
  return String(drawn).padStart(CODE_DIGITS, '0');
}

/**
 * The phone a code is sent to, or undefined when none is: no library, a library held in
 * another name, or one whose newest entry has no phone on file.
 */
export function recipientOf(contact: LibraryContact | undefined, name: string): string | undefined {
  if (!contact?.phone) return undefined;
  return nameDigest(contact.holderName) === nameDigest(name) ? contact.phone : undefined;
}

export type ChallengeAnswer =
  /** Unknown, expired, already answered or out of attempts: told apart by nobody. */
  | { outcome: 'gone' }
  | { outcome: 'wrong'; attemptsLeft: number }
  | { outcome: 'right' };

/**
 * What answering a challenge with `code` comes to. `spent` is the challenge once this
 * answer's attempt is counted, undefined when no attempt could be spent on it (unknown,
 * expired, answered, or out of attempts).
 */
export function answerChallenge(spent: LibraryChallenge | undefined, code: string): ChallengeAnswer {
  if (!spent) return { outcome: 'gone' };
  const given = Buffer.from(codeDigest(spent.challengeId, code), 'hex');
  const kept = Buffer.from(spent.codeDigest, 'hex');
  if (given.length === kept.length && timingSafeEqual(given, kept)) return { outcome: 'right' };
  return { outcome: 'wrong', attemptsLeft: Math.max(0, MAX_ATTEMPTS - spent.attempts) };
}
