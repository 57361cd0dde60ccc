/** The catalog version this stack was given, and where it stands (region and level). */
import { publishedCatalogs } from '../../catalog/index.js';
import type { CatalogSource, Level } from '../../contracts/catalog.js';
import { requireEnv } from '../lambda/env.js';
import { ConfigurationError, ValidationError } from '../domain/errors.js';

export interface ServedCatalog {
  source: CatalogSource;
  county: string;
  regionCode: string;
  level: Level;
}

let served: ServedCatalog | undefined;

export function servedCatalog(): ServedCatalog {
  if (served) return served;
  const version = requireEnv('CATALOG_VERSION');
  const source = publishedCatalogs[version];
  if (!source) throw new ConfigurationError(`Catalog version ${version} is not published`);
  const level = requireEnv('COUNTY_LEVEL');
  if (level !== 'city' && level !== 'county') throw new ConfigurationError(`COUNTY_LEVEL is ${level}`);
  served = { source, county: requireEnv('COUNTY_CODE'), regionCode: requireEnv('REGION_CODE'), level };
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
