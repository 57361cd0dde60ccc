/**
 * The published catalog versions, by number only: what a function needs to know that a
 * version exists without reading it (catalog/index.ts reads them). A new version is a new
 * folder under `versions/` and a new entry here.
 */
export const PUBLISHED_VERSIONS: readonly string[] = ['2026.11.1', '2026.11.2', '2026.11.3', '2026.12.1', '2026.12.2'];

/** Whether a version is published. */
export const isPublished = (version: string): boolean => PUBLISHED_VERSIONS.includes(version);

/** The newest published version. */
export const latestCatalogVersion: string = [...PUBLISHED_VERSIONS].sort(compareVersions).at(-1) as string;

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
