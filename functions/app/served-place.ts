/** The catalog version this stack was given, and where it stands (region and level), without reading the catalog. */
import { isPublished } from '../../catalog/versions.js';
import type { Level } from '../../contracts/catalog.js';
import { ConfigurationError } from '../domain/errors.js';
import { requireEnv } from '../lambda/env.js';

export interface ServedPlace {
  /** The published catalog version this stack serves. */
  version: string;
  county: string;
  regionCode: string;
  level: Level;
}

/** The served version and place, checked, without reading the catalog (the health check's answer). */
export function servedPlace(): ServedPlace {
  const version = requireEnv('CATALOG_VERSION');
  if (!isPublished(version)) throw new ConfigurationError(`Catalog version ${version} is not published`);
  const level = requireEnv('COUNTY_LEVEL');
  if (level !== 'city' && level !== 'county') throw new ConfigurationError(`COUNTY_LEVEL is ${level}`);
  return { version, county: requireEnv('COUNTY_CODE'), regionCode: requireEnv('REGION_CODE'), level };
}
