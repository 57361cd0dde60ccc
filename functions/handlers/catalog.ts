/** The published catalog: the summary list, one item's full guide, one bundle's merged guide. */
import { bundleGuide, guideAnswers } from '../domain/bundles.js';
import { catalogSummary, itemGuide } from '../domain/catalog.js';
import { servedCatalog } from '../app/served-catalog.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { httpHandler, json, pathParameter, queryParameter } from '../lambda/http.js';

// The catalog is immutable for the life of the stack: browsers and CDNs may cache it.
const CACHE = { 'cache-control': 'public, max-age=300' };

export const handler = httpHandler({
  'GET /v1/catalog': async () => {
    const { source, regionCode, level } = servedCatalog();
    return json(200, catalogSummary(source, { regionCode, level }), CACHE);
  },
  'GET /v1/catalog/items/{itemCode}': async (event) => {
    const { source, regionCode, level } = servedCatalog();
    const code = pathParameter(event, 'itemCode');
    const guide = itemGuide(source, code, { regionCode, level });
    if (!guide) throw new NotFoundError(`Item ${code} is not in catalog ${source.manifest.version} at this level`, 'ITEM_NOT_FOUND', { params: { code, version: source.manifest.version } });
    return json(200, guide, CACHE);
  },
  'GET /v1/catalog/bundles/{bundleCode}': async (event) => {
    const { source, regionCode, level } = servedCatalog();
    const code = pathParameter(event, 'bundleCode');
    // `?answers=needsSeals:yes,hiresStaff:no`: the guide for those answers; none, the core items.
    const text = queryParameter(event, 'answers');
    const bundle = source.bundles?.find((b) => b.code === code);
    const read = bundle && text !== undefined ? guideAnswers(bundle, text) : undefined;
    if (read && read.problems.length > 0) throw new ValidationError('The answers query is invalid', read.problems, 'ANSWERS_INVALID');
    const guide = bundleGuide(source, code, { regionCode, level }, read?.answers);
    if (!guide) throw new NotFoundError(`Bundle ${code} is not in catalog ${source.manifest.version} at this level`, 'BUNDLE_NOT_FOUND', { params: { code, version: source.manifest.version } });
    return json(200, guide, CACHE);
  },
});
