/**
 * Nothing typed twice (issue 11, defect 6). The catalog marks the form fields that repeat
 * the applicant (`x-applicant`: the company name, the credit code, the legal
 * representative, the phone) and the address that is the premises (`x-address`). The form
 * takes the first from step 1 and shows them on step 2 as taken from there, not asked
 * again, with a link back to where they are changed: one source, so the application and its
 * form can never disagree about who applies (GOV.UK: do not ask for what you already know).
 * Whose values they are is the catalog's to say (`x-applicant-type`), never guessed from the
 * rest of the form. The delivery step offers the premises address for the courier.
 */
import type { ApplicantFieldProperty, ApplicantType, FormAddress } from '../../../contracts/cases.js';
import type { FormValue, JsonSchema } from '../shared/schema-form.js';

/** A field of the form whose value is the applicant's, from step 1. */
export interface TakenField {
  name: string;
  schema: JsonSchema;
  value: string;
}

type Annotated = JsonSchema & { 'x-applicant'?: ApplicantFieldProperty; 'x-applicant-type'?: ApplicantType; 'x-address'?: FormAddress };

/** The kind of applicant whose ID an ID field's format holds (catalogs before 2026.12.1 say no more). */
const ID_KIND: Record<string, ApplicantType> = { 'cn-credit-code': 'company', 'cn-id-number': 'person' };

/**
 * The form's fields taken from the applicant (top-level ones, a bundle's shared fields
 * included). A field the catalog marks for one kind of applicant (`x-applicant-type`: a
 * company's name, its credit code, its legal representative) is taken only from an
 * applicant of that kind: a founder applying as a person for a company not yet set up
 * types its name, and a person's name never becomes a company's. Any other field (the
 * phone) is taken from whoever applies. An older catalog without the annotation is read
 * by its ID field's format, as before.
 */
export function takenFields(schema: JsonSchema, applicant: Record<string, string>): TakenField[] {
  const fields = Object.entries(schema.properties ?? {}) as [string, Annotated][];
  const id = fields.find(([, s]) => s['x-applicant'] === 'idNumber')?.[1];
  const formKind = id?.format ? ID_KIND[id.format] : undefined;
  return fields.flatMap(([name, s]) => {
    const property = s['x-applicant'];
    if (!property) return [];
    const kind = s['x-applicant-type'] ?? (property === 'phone' || property === 'email' ? undefined : formKind);
    const value = !kind || kind === applicant.type ? applicant[property] : undefined;
    return value ? [{ name, schema: s, value }] : [];
  });
}

/** The form as typed, with the applicant's values in the fields taken from step 1. */
export function withApplicant(schema: JsonSchema, form: Record<string, FormValue>, applicant: Record<string, string>): Record<string, FormValue> {
  const taken = takenFields(schema, applicant);
  return taken.length ? { ...form, ...Object.fromEntries(taken.map((f) => [f.name, f.value])) } : form;
}

/** The form's field that is this address, if the catalog marks one. */
export function addressField(schema: JsonSchema, which: FormAddress): { name: string; schema: JsonSchema } | undefined {
  const found = (Object.entries(schema.properties ?? {}) as [string, Annotated][]).find(([, s]) => s['x-address'] === which);
  return found ? { name: found[0], schema: found[1] } : undefined;
}

const MUNICIPALITIES = new Set(['北京市', '天津市', '上海市', '重庆市']);

/**
 * A Chinese address in one line split as the courier's address asks for it: province, city,
 * district, the rest. A part that cannot be told is left out for the applicant to fill in.
 */
export function splitAddress(text: string): { province?: string; city?: string; district?: string; detail: string } {
  const m = /^(.*?(?:省|自治区|特别行政区))?(.*?(?:自治州|地区|盟|市))?(.*?(?:区|县|旗|市))?(.*)$/u.exec(text.trim())!;
  const [, , city, district, detail = ''] = m as (string | undefined)[];
  let province = m[1];
  // A municipality is its own province.
  if (!province && city && MUNICIPALITIES.has(city)) province = city;
  return { province, city, district, detail: detail.trim() };
}
