/**
 * Every published catalog version, bundled with the code that serves it: a submission
 * names one of these versions, and anything not in it is refused.
 *
 * Published versions are immutable; `catalog/published.json` holds the SHA-256 of each
 * one's canonical JSON and a unit test fails if a published file is edited. A change to
 * the catalog is a new folder under `versions/` and a new entry here.
 */
import type { CatalogSource } from '../contracts/catalog.js';

import manifest_2026_11_1 from './versions/2026.11.1/manifest.json' with { type: 'json' };
import departments_2026_11_1 from './versions/2026.11.1/departments.json' with { type: 'json' };
import items_2026_11_1 from './versions/2026.11.1/items.json' with { type: 'json' };
import proofs_2026_11_1 from './versions/2026.11.1/proofs.json' with { type: 'json' };
import intermediaries_2026_11_1 from './versions/2026.11.1/intermediaries.json' with { type: 'json' };
import fees_2026_11_1 from './versions/2026.11.1/fees.json' with { type: 'json' };
import manifest_2026_11_2 from './versions/2026.11.2/manifest.json' with { type: 'json' };
import departments_2026_11_2 from './versions/2026.11.2/departments.json' with { type: 'json' };
import items_2026_11_2 from './versions/2026.11.2/items.json' with { type: 'json' };
import proofs_2026_11_2 from './versions/2026.11.2/proofs.json' with { type: 'json' };
import intermediaries_2026_11_2 from './versions/2026.11.2/intermediaries.json' with { type: 'json' };
import fees_2026_11_2 from './versions/2026.11.2/fees.json' with { type: 'json' };
import bundles_2026_11_2 from './versions/2026.11.2/bundles.json' with { type: 'json' };
import manifest_2026_11_3 from './versions/2026.11.3/manifest.json' with { type: 'json' };
import departments_2026_11_3 from './versions/2026.11.3/departments.json' with { type: 'json' };
import items_2026_11_3 from './versions/2026.11.3/items.json' with { type: 'json' };
import proofs_2026_11_3 from './versions/2026.11.3/proofs.json' with { type: 'json' };
import intermediaries_2026_11_3 from './versions/2026.11.3/intermediaries.json' with { type: 'json' };
import fees_2026_11_3 from './versions/2026.11.3/fees.json' with { type: 'json' };
import bundles_2026_11_3 from './versions/2026.11.3/bundles.json' with { type: 'json' };
import manifest_2026_12_1 from './versions/2026.12.1/manifest.json' with { type: 'json' };
import departments_2026_12_1 from './versions/2026.12.1/departments.json' with { type: 'json' };
import items_2026_12_1 from './versions/2026.12.1/items.json' with { type: 'json' };
import proofs_2026_12_1 from './versions/2026.12.1/proofs.json' with { type: 'json' };
import intermediaries_2026_12_1 from './versions/2026.12.1/intermediaries.json' with { type: 'json' };
import fees_2026_12_1 from './versions/2026.12.1/fees.json' with { type: 'json' };
import bundles_2026_12_1 from './versions/2026.12.1/bundles.json' with { type: 'json' };
import manifest_2026_12_2 from './versions/2026.12.2/manifest.json' with { type: 'json' };
import departments_2026_12_2 from './versions/2026.12.2/departments.json' with { type: 'json' };
import items_2026_12_2 from './versions/2026.12.2/items.json' with { type: 'json' };
import proofs_2026_12_2 from './versions/2026.12.2/proofs.json' with { type: 'json' };
import intermediaries_2026_12_2 from './versions/2026.12.2/intermediaries.json' with { type: 'json' };
import fees_2026_12_2 from './versions/2026.12.2/fees.json' with { type: 'json' };
import bundles_2026_12_2 from './versions/2026.12.2/bundles.json' with { type: 'json' };
import notifications_2026_12_2 from './versions/2026.12.2/notifications/templates.json' with { type: 'json' };

/**
 * JSON imports are typed by inference (`type: string` rather than the `ItemType` union),
 * so the files are taken as the catalog shape here; `validateCatalog`, run on every
 * published version by the unit tests, is what vouches for them.
 */
function catalogSource(files: { [K in keyof CatalogSource]: unknown }): CatalogSource {
  const { manifest, departments, items, proofs, intermediaries, fees, bundles, notifications } = files as CatalogSource;
  // `bundles` (2026.11.2 on) and `notifications` (2026.12.2 on) only where the version has them, so earlier versions keep their shape.
  return Object.freeze({ manifest, departments, items, proofs, intermediaries, fees, ...(bundles ? { bundles } : {}), ...(notifications ? { notifications } : {}) });
}

export const publishedCatalogs: Readonly<Record<string, CatalogSource>> = Object.freeze({
  '2026.11.1': catalogSource({
    manifest: manifest_2026_11_1,
    departments: departments_2026_11_1,
    items: items_2026_11_1,
    proofs: proofs_2026_11_1,
    intermediaries: intermediaries_2026_11_1,
    fees: fees_2026_11_1,
  }),
  '2026.11.2': catalogSource({
    manifest: manifest_2026_11_2,
    departments: departments_2026_11_2,
    items: items_2026_11_2,
    proofs: proofs_2026_11_2,
    intermediaries: intermediaries_2026_11_2,
    fees: fees_2026_11_2,
    bundles: bundles_2026_11_2,
  }),
  '2026.11.3': catalogSource({
    manifest: manifest_2026_11_3,
    departments: departments_2026_11_3,
    items: items_2026_11_3,
    proofs: proofs_2026_11_3,
    intermediaries: intermediaries_2026_11_3,
    fees: fees_2026_11_3,
    bundles: bundles_2026_11_3,
  }),
  '2026.12.1': catalogSource({
    manifest: manifest_2026_12_1,
    departments: departments_2026_12_1,
    items: items_2026_12_1,
    proofs: proofs_2026_12_1,
    intermediaries: intermediaries_2026_12_1,
    fees: fees_2026_12_1,
    bundles: bundles_2026_12_1,
  }),
  '2026.12.2': catalogSource({
    manifest: manifest_2026_12_2,
    departments: departments_2026_12_2,
    items: items_2026_12_2,
    proofs: proofs_2026_12_2,
    intermediaries: intermediaries_2026_12_2,
    fees: fees_2026_12_2,
    bundles: bundles_2026_12_2,
    notifications: notifications_2026_12_2,
  }),
});

/** The newest published version. */
export const latestCatalogVersion: string = Object.keys(publishedCatalogs).sort(compareVersions).at(-1) as string;

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
