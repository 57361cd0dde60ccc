/** The catalog version this stack was given, and where it stands (region and level). */
import { publishedCatalogs } from '../../catalog/index.js';
import type { CatalogSource } from '../../contracts/catalog.js';
import { ValidationError } from '../domain/errors.js';
import { servedPlace, type ServedPlace } from './served-place.js';

export interface ServedCatalog extends Omit<ServedPlace, 'version'> {
  source: CatalogSource;
}

let served: ServedCatalog | undefined;

/** The served version's catalog, read once per process from the files beside the bundle (catalog/index.ts). */
export function servedCatalog(): ServedCatalog {
  if (served) return served;
  const { version, ...place } = servedPlace();
  served = { source: publishedCatalogs[version]!, ...place };
  return served;
}

/** `department`, when it is one of the served catalog's departments; a 400 naming `query:department` otherwise. */
export function servedDepartment(department: string): string {
  const { source } = servedCatalog();
  if (!source.departments.some((d) => d.code === department)) {
    throw new ValidationError(`department ${JSON.stringify(department)} is not a department of catalog ${source.manifest.version}`, [
      { path: 'query:department', message: 'is not a department code', rule: 'not_department' },
    ]);
  }
  return department;
}
