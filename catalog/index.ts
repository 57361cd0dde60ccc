/**
 * Every published catalog version: a submission names one of these versions, and anything
 * not in it is refused.
 *
 * Published versions are immutable; `catalog/published.json` holds the SHA-256 of each
 * one's canonical JSON and a unit test fails if a published file is edited. A change to
 * the catalog is a new folder under `versions/` and a new entry in catalog/versions.ts.
 *
 * A version is read from its JSON files the first time it is asked for, then kept for the
 * life of the process: a function reads the version it serves and those of the cases it
 * touches, never the others, and no bundle inlines a catalog. Run from source, the files
 * are `catalog/versions/<version>/`; a Lambda bundle carries them beside itself in
 * `catalog/versions/<version>/` (infra/bundles.ts copies them for the bundles that import this module).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CatalogSource } from '../contracts/catalog.js';
import { PUBLISHED_VERSIONS } from './versions.js';

export { latestCatalogVersion } from './versions.js';

/** Each member of a version and its file; `bundles` (2026.11.2 on) and `notifications` (2026.12.2 on) only where the version has them. */
const FILES: Readonly<Record<keyof CatalogSource, string>> = {
  manifest: 'manifest.json',
  departments: 'departments.json',
  items: 'items.json',
  proofs: 'proofs.json',
  intermediaries: 'intermediaries.json',
  fees: 'fees.json',
  bundles: 'bundles.json',
  notifications: 'notifications/templates.json',
};
const OPTIONAL = new Set<keyof CatalogSource>(['bundles', 'notifications']);

/** Where the versions' folders are: beside this module run from source, in `catalog/` beside a bundle. */
function versionsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const source = join(here, 'versions');
  return existsSync(source) ? source : join(here, 'catalog', 'versions');
}

/**
 * One version read from its files. The files are taken as the catalog shape here;
 * `validateCatalog` (functions/domain/catalog-validation.ts), run on every published version by the unit tests, is what vouches for them.
 */
function readVersion(version: string): CatalogSource {
  const dir = join(versionsDir(), version);
  const files: Partial<Record<keyof CatalogSource, unknown>> = {};
  for (const [member, file] of Object.entries(FILES) as [keyof CatalogSource, string][]) {
    const path = join(dir, file);
    if (OPTIONAL.has(member) && !existsSync(path)) continue;
    files[member] = JSON.parse(readFileSync(path, 'utf8'));
  }
  return Object.freeze(files as unknown as CatalogSource);
}

const read = new Map<string, CatalogSource>();

/** Published versions by number, each read on first access. */
export const publishedCatalogs: Readonly<Record<string, CatalogSource>> = Object.freeze(
  Object.defineProperties({}, Object.fromEntries(PUBLISHED_VERSIONS.map((version): [string, PropertyDescriptor] => [version, {
    enumerable: true,
    get: () => {
      let source = read.get(version);
      if (!source) read.set(version, (source = readVersion(version)));
      return source;
    },
  }]))) as Record<string, CatalogSource>,
);
