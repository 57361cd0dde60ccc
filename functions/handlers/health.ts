/** `GET /health`: answers once the function is configured with a published catalog version (it does not read the catalog). */
import { servedPlace } from '../app/served-place.js';
import { httpHandler, json } from '../lambda/http.js';

export const handler = httpHandler({
  'GET /health': async () => {
    const { version, county } = servedPlace();
    return json(200, { status: 'ok', county, catalogVersion: version });
  },
});
