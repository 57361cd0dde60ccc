/** `GET /health`: answers once the function is configured and the catalog it serves is loaded. */
import { servedCatalog } from '../app/served-catalog.js';
import { httpHandler, json } from '../lambda/http.js';

export const handler = httpHandler({
  'GET /health': async () => {
    const { source, county } = servedCatalog();
    return json(200, { status: 'ok', county, catalogVersion: source.manifest.version });
  },
});
