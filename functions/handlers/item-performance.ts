/**
 * An item's public performance (docs/reports.md): the last 30 days of its cases, as the
 * service guide shows it. Read from the item's statistics rows only (30 keys, one BatchGetItem).
 */
import { itemPerformance } from '../app/item-performance.js';
import { httpHandler, json, pathParameter } from '../lambda/http.js';

// The figures move once a day at most in a way a reader would notice: browsers and CDNs may keep them 5 minutes.
const CACHE = { 'cache-control': 'public, max-age=300' };

export const handler = httpHandler({
  'GET /v1/catalog/items/{itemCode}/performance': async (event) => json(200, await itemPerformance(pathParameter(event, 'itemCode')), CACHE),
});
