/**
 * `GET /v1/openapi.json`: the API's contract (contracts/openapi.json, self-contained), for
 * the agencies and providers that integrate with a county to read and generate clients from.
 */
import { openApiDocument } from '../../contracts/openapi.js';
import { httpHandler, json } from '../lambda/http.js';

// The document is bundled into this function, so it changes only with a deployment.
const CACHE = { 'cache-control': 'public, max-age=300' };

export const handler = httpHandler({
  'GET /v1/openapi.json': async () => json(200, openApiDocument, CACHE),
});
