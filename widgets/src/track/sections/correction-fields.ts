/**
 * The form fields a deficiency notice flagged, inside the correction form (issue 11, defect
 * 5): each rendered as the apply form renders it (shared/schema-form.ts), prefilled with the
 * value the case holds, checked with the same precompiled validator before anything is
 * sent, and sent as the correction's `form`, which the API takes for exactly these fields.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { fieldId } from '../../shared/fields.js';
import { getLocale } from '../../shared/localize.js';
import {
  buildData, entries, getAt, isChoiceAt, labelAt, renderProperty, schemaAt, setAt, toRaw,
  type FormValue, type JsonSchema, type SchemaFormContext,
} from '../../shared/schema-form.js';
import { loadValidators, narrowTo, problemMessage, problems, type Validate } from '../../shared/validation.js';
import type { CaseView } from '../../../../contracts/cases.js';
import type { FieldError } from '../../../../contracts/errors.js';
import type { CaseGuide, Lookup, TrackHost } from '../host.js';

interface Flagged {
  /** Pointer under the form, e.g. `/premisesArea`. */
  pointer: string;
  schema: JsonSchema;
  required: boolean;
}

/** The flagged fields the case's form schema (its item's, or its bundle's for its answers) describes. */
function flaggedFields(lookup: Lookup): Flagged[] {
  const root = lookup.guide?.formSchema as JsonSchema | undefined;
  if (!root) return [];
  return lookup.application.flaggedFields.flatMap(({ path }) => {
    const pointer = path.slice('/form'.length);
    const at = schemaAt(root, pointer);
    return at ? [{ pointer, ...at }] : [];
  });
}

/**
 * The validator the flagged fields are checked with, as the apply form checks them: the
 * item's, or the bundle's narrowed to the form its answers made; none when no field is
 * flagged (without it the API still checks).
 */
export async function flaggedFieldValidator(application: CaseView, guide: CaseGuide | undefined): Promise<Validate | undefined> {
  if (!guide || !application.flaggedFields.length) return undefined;
  if (application.bundleCode) return narrowTo((await loadValidators(`bundle-${application.bundleCode}`, guide.catalogVersion)).form, guide.formSchema);
  return application.itemCode ? (await loadValidators(application.itemCode, guide.catalogVersion)).form : undefined;
}

/** The values to edit, as typed text: what the case holds now at each flagged field. */
export function correctionStart(lookup: Lookup): Record<string, FormValue> {
  const form: Record<string, FormValue> = {};
  for (const { path, value } of lookup.application.flaggedFields) {
    const raw = toRaw(value);
    if (raw !== undefined) setAt(form, path.slice('/form'.length), raw);
  }
  return form;
}

export function renderCorrectionFields(host: TrackHost, lookup: Lookup): TemplateResult | typeof nothing {
  const fields = flaggedFields(lookup);
  if (!fields.length) return nothing;
  const root = lookup.guide!.formSchema as JsonSchema;
  const form = host.correctionForm;
  const changed = () => host.requestUpdate();
  const list = (pointer: string) => entries(schemaAt(root, pointer)?.schema ?? {}, getAt(form, pointer), true);
  const ctx: SchemaFormContext = {
    english: getLocale() === 'en',
    value: (pointer) => getAt(form, pointer),
    set: (pointer, value) => {
      setAt(form, pointer, value);
      changed();
    },
    addEntry: (pointer) => {
      setAt(form, pointer, [...list(pointer), {}]);
      changed();
    },
    removeEntry: (pointer, index) => {
      setAt(form, pointer, list(pointer).filter((_, i) => i !== index));
      changed();
    },
    error: (pointer) => host.updateErrors[fieldId(`/form${pointer}`)],
  };
  return html`<div class="flagged-fields">
    <p>${msg('请更正告知书指出的填写项：', { id: 'track.correctFields' })}</p>
    ${fields.map((f) => renderProperty(ctx, f.schema, f.pointer, f.required))}
  </div>`;
}

/**
 * The corrected fields as the API takes them (only the flagged ones), or their problems
 * by field id, worded as the apply form words them.
 */
export function readCorrectionFields(host: TrackHost, lookup: Lookup): { errors: Record<string, string>; form?: Record<string, unknown> } {
  const fields = flaggedFields(lookup);
  if (!fields.length) return { errors: {} };
  const root = lookup.guide!.formSchema as JsonSchema;
  const data: Record<string, FormValue> = {};
  for (const f of fields) {
    const value = buildData(f.schema, getAt(host.correctionForm, f.pointer), f.required);
    // Numbers are built as numbers: the setter only walks the groups, whatever the leaf.
    if (value !== undefined) setAt(data, f.pointer, value as FormValue);
  }
  // The item's validator sees only the flagged fields: what it says about the others is not the applicant's to fix now.
  const flagged = fields.map((f) => `/form${f.pointer}`);
  const mine = (path: string) => flagged.some((f) => path === f || path.startsWith(`${f}/`));
  const english = getLocale() === 'en';
  const errors: Record<string, string> = {};
  for (const p of problems(lookup.formValidator, data, '/form').filter((x) => mine(x.path))) {
    const pointer = p.path.slice('/form'.length);
    errors[fieldId(p.path)] = problemMessage(p, labelAt(root, pointer, english), isChoiceAt(root, pointer));
  }
  return { errors, form: data };
}

/**
 * The fields the API refused in a correction (a 400 naming them under `/form`), as problems
 * by field id beside the fields, worded in the widget's language (the API's wording is not).
 */
export function refusedFields(lookup: Lookup, refused: readonly FieldError[]): Record<string, string> {
  const root = lookup.guide?.formSchema as JsonSchema | undefined;
  const errors: Record<string, string> = {};
  for (const f of refused) {
    if (!root || !f.path.startsWith('/form/')) continue;
    const pointer = f.path.slice('/form'.length);
    errors[fieldId(f.path)] ??= problemMessage({ path: f.path, keyword: 'invalid', params: {} }, labelAt(root, pointer, getLocale() === 'en'), false);
  }
  return errors;
}
