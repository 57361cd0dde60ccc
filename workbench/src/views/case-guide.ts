/**
 * The case read beside its guide: each form field named by its title in the catalog (never
 * a JSON pointer), each of the guide's materials with what the case holds for it (an upload,
 * a proof from the certificate library, a deferred commitment, or nothing). Pure functions of
 * the case and the guide, so the case view stays a layout.
 */
import { msg } from '@lit/localize';
import type { BundleGuide, ItemGuide } from '../../../contracts/guides.js';
import type { DeferredMaterial } from '../../../contracts/cases.js';
import type { LocalizedText } from '../../../contracts/catalog.js';
import type { ReusedProof, StaffCase, StaffCaseMaterial } from '../api.js';
import { formatDate, locale, text } from '../localize.js';

export type Guide = ItemGuide | BundleGuide;

/** A form field: its pointer (what a deficiency names), its title and hint in the staff member's language, its answer. */
export interface FieldRow {
  path: string;
  title: string;
  hint: string;
  value: string;
}

export interface MaterialRow {
  code: string;
  name: LocalizedText;
  required: boolean;
  originalRequired: boolean;
  uploaded?: StaffCaseMaterial;
  reused?: ReusedProof;
  deferred?: DeferredMaterial;
}

type FieldSchema = Record<string, unknown> & { title?: string; description?: string; enum?: unknown[] };

const english = () => locale() === 'en';

function answer(value: unknown, schema: FieldSchema): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? msg('是', { id: 'common.yes' }) : msg('否', { id: 'common.no' });
  if (Array.isArray(value)) return value.map((v) => answer(v, {})).join('、');
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).map((v) => answer(v, {})).join(' ');
  const names = schema['x-enum-en'];
  if (english() && Array.isArray(names) && Array.isArray(schema.enum)) {
    const i = schema.enum.indexOf(value);
    if (i >= 0 && typeof names[i] === 'string') return names[i] as string;
  }
  return String(value);
}

/** The form's fields in the schema's order, each with the case's answer. */
export function fieldRows(guide: Guide, form: Record<string, unknown>): FieldRow[] {
  const properties = (guide.formSchema.properties ?? {}) as Record<string, FieldSchema>;
  return Object.entries(properties).map(([name, schema]) => ({
    path: `/form/${name}`,
    title: (english() ? (schema['x-title-en'] as string | undefined) : undefined) ?? schema.title ?? name,
    hint: (english() ? (schema['x-description-en'] as string | undefined) : undefined) ?? schema.description ?? '',
    value: answer(form[name], schema),
  }));
}

/** The guide's materials, each with what the case holds for it. */
export function materialRows(guide: Guide, c: StaffCase): MaterialRow[] {
  return guide.materials.map((m) => ({
    code: m.code,
    name: m.name,
    required: m.required,
    originalRequired: m.originalRequired,
    uploaded: c.materials.find((x) => x.materialCode === m.code),
    reused: c.reused?.find((x) => x.materialCode === m.code),
    deferred: c.deferred.find((x) => x.materialCode === m.code),
  }));
}

/** What the case holds for a material, in words. */
export function holding(row: MaterialRow): string {
  if (row.reused) return msg('证照库调取，已核验', { id: 'case.material.verified' });
  if (row.uploaded) return row.uploaded.fileName;
  if (row.deferred?.status === 'open') return `${msg('容缺后补，截止', { id: 'case.material.deferredUntil' })} ${formatDate(row.deferred.dueDate)}`;
  if (row.deferred?.status === 'supplied') return msg('容缺材料已补交', { id: 'case.material.supplied' });
  return row.required ? msg('未提交', { id: 'case.material.missing' }) : msg('未提交（非必需）', { id: 'case.material.optional' });
}

/** A material's name or a field's title, for a deficiency's label. */
export const materialName = (row: MaterialRow): string => text(row.name);
