/**
 * The citizen page that verifies a certificate, on the county's portal: the address a
 * certificate's QR code carries and the tracker's "核验" link opens. One definition, so the
 * two never disagree.
 */
import { requireEnv } from '../lambda/env.js';

export const verifyPageUrl = (verificationCode: string): string =>
  `${requireEnv('PUBLIC_PORTAL_URL').replace(/\/$/, '')}/verify.html?code=${encodeURIComponent(verificationCode)}`;
