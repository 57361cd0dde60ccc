/**
 * Prints the SHA-256 of each published catalog version's canonical JSON, as
 * `catalog/published.json` must record it (`npx tsx scripts/catalog-hash.ts`).
 * Run it once when a new version folder is published; never to "fix" a published one.
 */
import { createHash } from 'node:crypto';
import { publishedCatalogs } from '../catalog/index.js';
import { canonicalCatalogJson } from '../functions/domain/catalog.js';

const versions = Object.fromEntries(
  Object.entries(publishedCatalogs).map(([version, source]) => [
    version,
    { sha256: createHash('sha256').update(canonicalCatalogJson(source)).digest('hex') },
  ]),
);
console.log(JSON.stringify({ versions }, null, 2));
