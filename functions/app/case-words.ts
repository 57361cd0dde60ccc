/**
 * The catalog's names for what a case names by code — its materials, form fields and
 * departments — in both languages, under the catalog version it was submitted under: what
 * the official notices print (zh) and the notifications say (the recipient's language).
 * A code the catalog does not know is said as it is.
 */
import { publishedCatalogs } from '../../catalog/index.js';
import { formFieldTitle, type LocalizedText } from '../../contracts/catalog.js';
import type { CaseRecord } from '../domain/records.js';
import { findSubject } from '../domain/subject.js';
import { departmentsOf } from './fee-plans.js';
import { servedCatalog } from './served-catalog.js';

export interface CaseWords {
  material: (code: string) => LocalizedText;
  field: (path: string) => LocalizedText;
  department: (code: string) => LocalizedText;
}

export function caseWords(c: CaseRecord): CaseWords {
  const { regionCode, level } = servedCatalog();
  const source = publishedCatalogs[c.catalogVersion];
  const subject = source && findSubject(source, c, { regionCode, level });
  const departments = departmentsOf(c);
  const asIs = (code: string): LocalizedText => ({ zh: code, en: code });
  return {
    material: (code) => subject?.materials.find((m) => m.code === code)?.name ?? asIs(code),
    field: (path) => formFieldTitle(subject?.formSchema, path) ?? asIs(path),
    department: (code) => departments.find((d) => d.code === code)?.name ?? asIs(code),
  };
}
