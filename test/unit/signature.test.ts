import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SIGNATURE_TOLERANCE_SECONDS, signatureHeader, verifySignature } from '../../contracts/signature.js';

const SECRET = 'whsec-test-0123456789';
const NOW = 1_795_000_000;
const BODY = JSON.stringify({ eventId: 'e-1', paymentId: 'p-1', status: 'succeeded', amountFen: 12_345 });

describe('signatureHeader', () => {
  it('writes t and the hex HMAC-SHA256 of "{t}.{body}"', () => {
    // Act
    const header = signatureHeader(SECRET, BODY, NOW);

    // Assess
    const expected = createHmac('sha256', SECRET).update(`${NOW}.${BODY}`).digest('hex');
    expect(header).toBe(`t=${NOW},v1=${expected}`);
  });
});

describe('verifySignature', () => {
  it('accepts a header it signed, and gives back the timestamp', () => {
    expect(verifySignature(signatureHeader(SECRET, BODY, NOW), BODY, SECRET, NOW)).toEqual({ ok: true, timestamp: NOW });
  });

  it('refuses a missing or empty header as missing', () => {
    expect(verifySignature(undefined, BODY, SECRET, NOW)).toEqual({ ok: false, reason: 'missing' });
    expect(verifySignature('  ', BODY, SECRET, NOW)).toEqual({ ok: false, reason: 'missing' });
  });

  it.each([
    ['no timestamp', `v1=${'a'.repeat(64)}`],
    ['no v1', `t=${NOW}`],
    ['a timestamp that is not an integer', `t=12.5,v1=${'a'.repeat(64)}`],
    ['two timestamps', `t=${NOW},t=${NOW},v1=${'a'.repeat(64)}`],
    ['a v1 that is not 64 hex digits', `t=${NOW},v1=xyz`],
    ['garbage', 'hello'],
  ])('refuses %s as malformed', (_, header) => {
    expect(verifySignature(header, BODY, SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses another secret, another body and another timestamp as a mismatch', () => {
    const header = signatureHeader(SECRET, BODY, NOW);
    expect(verifySignature(signatureHeader('other', BODY, NOW), BODY, SECRET, NOW)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature(header, `${BODY} `, SECRET, NOW)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature(header.replace(`t=${NOW}`, `t=${NOW + 1}`), BODY, SECRET, NOW)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses a timestamp more than the tolerance away, either way, as stale', () => {
    const tolerance = SIGNATURE_TOLERANCE_SECONDS;
    const at = (t: number) => verifySignature(signatureHeader(SECRET, BODY, t), BODY, SECRET, NOW);
    expect(at(NOW - tolerance).ok).toBe(true);
    expect(at(NOW + tolerance).ok).toBe(true);
    expect(at(NOW - tolerance - 1)).toEqual({ ok: false, reason: 'stale' });
    expect(at(NOW + tolerance + 1)).toEqual({ ok: false, reason: 'stale' });
    expect(verifySignature(signatureHeader(SECRET, BODY, NOW - 100), BODY, SECRET, NOW, 60)).toEqual({ ok: false, reason: 'stale' });
  });

  it('accepts any one of several v1 entries, as during a secret rotation', () => {
    // Prepare: signed with the old and the new secret
    const [, oldSignature] = signatureHeader('old-secret', BODY, NOW).split(',');
    const [, newSignature] = signatureHeader('new-secret', BODY, NOW).split(',');
    const header = `t=${NOW},${oldSignature},${newSignature}`;

    // Act / Assess
    expect(verifySignature(header, BODY, 'old-secret', NOW).ok).toBe(true);
    expect(verifySignature(header, BODY, 'new-secret', NOW).ok).toBe(true);
    expect(verifySignature(header, BODY, 'third-secret', NOW)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('tolerates spaces, upper-case hex and unknown schemes', () => {
    const [, signature] = signatureHeader(SECRET, BODY, NOW).split(',');
    const header = ` t=${NOW} , v0=legacy, ${signature!.toUpperCase().replace('V1=', 'v1=')} `;
    expect(verifySignature(header, BODY, SECRET, NOW).ok).toBe(true);
  });

  it('verifies any body it signed (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ minLength: 1 }), fc.integer({ min: 0, max: 4_000_000_000 }), (body, secret, t) => {
        expect(verifySignature(signatureHeader(secret, body, t), body, secret, t)).toEqual({ ok: true, timestamp: t });
      }),
    );
  });

  it('refuses any single-byte change of the body (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 256 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (bytes, position, delta) => {
          // Prepare: bodies as latin1 strings, so one changed byte is one changed character
          const body = Buffer.from(bytes).toString('latin1');
          const changed = Buffer.from(bytes);
          const index = position % changed.length;
          changed[index] = (changed[index]! + delta) % 256;
          const header = signatureHeader(SECRET, body, NOW);

          // Act / Assess
          expect(verifySignature(header, changed.toString('latin1'), SECRET, NOW)).toEqual({ ok: false, reason: 'mismatch' });
        },
      ),
    );
  });
});
