/**
 * The library challenge's rules (functions/domain/library-challenge.ts): who is sent a code,
 * how it is kept, and what an answer comes to. Pure, so every case is cheap to pin here;
 * test/integration/library.test.ts runs them through the API.
 */
import { describe, expect, it } from 'vitest';
import {
  answerChallenge,
  codeDigest,
  MAX_ATTEMPTS,
  nameDigest,
  oneTimeCode,
  recipientOf,
  type LibraryChallenge,
} from '../../functions/domain/library-challenge.js';

const challenge = (overrides: Partial<LibraryChallenge> = {}): LibraryChallenge => ({
  challengeId: 'a'.repeat(32),
  holderKey: 'f'.repeat(64),
  nameDigest: nameDigest('李湘君'),
  codeDigest: codeDigest('a'.repeat(32), '042137'),
  attempts: 1,
  expiresAt: 2_000_000_000,
  ...overrides,
});

describe('the library challenge', () => {
  it('texts the phone on file only when the library is held in the name asked', () => {
    const contact = { holderName: '李湘君', phone: '13807305678' };
    expect(recipientOf(contact, '李湘君')).toBe('13807305678');
    expect(recipientOf(contact, '李湘')).toBeUndefined();
    expect(recipientOf(undefined, '李湘君')).toBeUndefined();
    expect(recipientOf({ holderName: '李湘君' }, '李湘君')).toBeUndefined();
  });

  it('draws six digits, keeping leading zeros, and refuses a draw out of range', () => {
    expect(oneTimeCode(42)).toBe('000042');
    expect(oneTimeCode(999_999)).toBe('999999');
    expect(() => oneTimeCode(1_000_000)).toThrow(RangeError);
    expect(() => oneTimeCode(-1)).toThrow(RangeError);
  });

  it('keeps a digest salted with the challenge, never the code', () => {
    const digest = codeDigest('a'.repeat(32), '042137');
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digest).not.toContain('042137');
    expect(codeDigest('b'.repeat(32), '042137')).not.toBe(digest);
  });

  it('opens for the code sent, counts down a wrong one, and is gone once no attempt could be spent', () => {
    expect(answerChallenge(challenge(), '042137')).toEqual({ outcome: 'right' });
    expect(answerChallenge(challenge(), '042138')).toEqual({ outcome: 'wrong', attemptsLeft: MAX_ATTEMPTS - 1 });
    expect(answerChallenge(challenge({ attempts: MAX_ATTEMPTS }), '042138')).toEqual({ outcome: 'wrong', attemptsLeft: 0 });
    expect(answerChallenge(undefined, '042137')).toEqual({ outcome: 'gone' });
  });
});
