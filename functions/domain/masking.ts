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
