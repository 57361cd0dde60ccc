/**
 * Signed callbacks (API.md, "Callbacks (signed)"): the payment and courier providers sign
 * the raw body with a secret shared with the county, and OneTrip signs what it sends them
 * the same way.
 *
 * Header: `X-OneTrip-Signature: t={unix seconds},v1={hex HMAC-SHA256 of "{t}.{rawBody}"}`.
 * Several `v1=` entries may be present while a secret is being rotated (one per secret
 * the sender still holds); one matching entry is enough.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Lower case, as Node and API Gateway hand header names over. */
export const SIGNATURE_HEADER = 'x-onetrip-signature';

/** How far the signed timestamp may be from now, either way. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const HEX_SHA256 = /^[0-9a-f]{64}$/;

function hmacHex(secret: string, timestampSeconds: number, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${rawBody}`, 'utf8').digest('hex');
}

/** The header value that signs `rawBody` with `secret` at `timestampSeconds` (unix seconds). */
export function signatureHeader(secret: string, rawBody: string, timestampSeconds: number): string {
  const t = Math.floor(timestampSeconds);
  return `t=${t},v1=${hmacHex(secret, t, rawBody)}`;
}

export type SignatureCheck =
  | { ok: true; timestamp: number }
  | {
      ok: false;
      /**
       * - `missing`: no header
       * - `malformed`: no `t=` integer or no well-formed `v1=` entry
       * - `mismatch`: no `v1=` entry is the HMAC of this body with this secret
       * - `stale`: signed correctly, but the timestamp is outside the tolerance
       */
      reason: 'missing' | 'malformed' | 'mismatch' | 'stale';
    };

/**
 * Checks a signature header against the raw body (exactly the bytes received, before any
 * JSON parsing). The comparison is constant-time; the timestamp is checked after the
 * HMAC so a stale answer never tells an attacker anything about the secret.
 *
 * @param nowSeconds - the receiver's clock, unix seconds
 * @param toleranceSeconds - @default SIGNATURE_TOLERANCE_SECONDS (300)
 */
export function verifySignature(
  header: string | undefined,
  rawBody: string,
  secret: string,
  nowSeconds: number,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): SignatureCheck {
  if (header === undefined || header.trim() === '') return { ok: false, reason: 'missing' };
  let timestamp: number | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    const key = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined || !/^\d{1,12}$/.test(value)) return { ok: false, reason: 'malformed' };
      timestamp = Number(value);
    } else if (key === 'v1') {
      candidates.push(value.toLowerCase());
    }
    // Other schemes (v0, a future v2) are ignored, as a sender may send several.
  }
  const wellFormed = candidates.filter((candidate) => HEX_SHA256.test(candidate));
  if (timestamp === undefined || wellFormed.length === 0) return { ok: false, reason: 'malformed' };

  const expected = Buffer.from(hmacHex(secret, timestamp, rawBody), 'hex');
  // Every candidate is compared, so the time taken does not depend on which one matches.
  let matched = false;
  for (const candidate of wellFormed) {
    if (timingSafeEqual(expected, Buffer.from(candidate, 'hex'))) matched = true;
  }
  if (!matched) return { ok: false, reason: 'mismatch' };
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return { ok: false, reason: 'stale' };
  return { ok: true, timestamp };
}
