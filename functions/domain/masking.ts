/** Masks personal data for responses and anything a third party may see. */

export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : maskIdNumber(phone);
}

/** Keeps the family name (the first character) of a person; companies are public. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

export function maskAddress(detail: string): string {
  const chars = [...detail];
  return chars.length <= 6 ? '*'.repeat(chars.length) : `${chars.slice(0, 6).join('')}${'*'.repeat(4)}`;
}

/** An applicant's or holder's name as anyone may see it: a company's is public, a person's masked. */
export function maskedName(holder: { type: string; name: string }): string {
  return holder.type === 'company' ? holder.name : maskName(holder.name);
}

/** Keeps the first character of the mailbox and the whole domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at <= 0 ? maskIdNumber(email) : `${[...email][0]}***${email.slice(at)}`;
}

/** The applicant as printed on what third parties may see (the case view, receipts, notices): a person's name and any ID number masked. */
export function maskedApplicant(a: { type: 'person' | 'company'; name: string; idNumber: string }): { name: string; idNumber: string } {
  return { name: maskedName(a), idNumber: maskIdNumber(a.idNumber) };
}

/** A phone number as it appears in free text: 7–15 digits, maybe after `+`, not part of a longer number. */
const PHONE_IN_TEXT = /(?<![\d])\+?\d{7,15}(?!\d)/g;
/** An email address as it appears in free text. */
const EMAIL_IN_TEXT = /[\w.%+-]+@[\w-]+(?:\.[\w-]+)+/g;

/**
 * Free text from outside (a provider's error or receipt detail) with every phone number and
 * email address in it masked as {@link maskPhone} and {@link maskEmail} mask them, so it may
 * be logged and stored.
 */
export function redactContacts(text: string): string {
  return text.replace(EMAIL_IN_TEXT, (email) => maskEmail(email)).replace(PHONE_IN_TEXT, (phone) => maskPhone(phone));
}

/** An error as it may be logged: its name, code and kind, and its message with {@link redactContacts} applied (no stack, which repeats the message). */
export function redactedError(error: unknown): { name?: string; code?: string; kind?: string; message: string } {
  const { name, code, kind } = (typeof error === 'object' && error !== null ? error : {}) as { name?: string; code?: string; kind?: string };
  return { name, code, kind, message: redactContacts(error instanceof Error ? error.message : String(error)) };
}
