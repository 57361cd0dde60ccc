/** Fee estimates: what an application would be charged, asked before submitting it. */
import { estimateFee } from '../app/fee-estimates.js';
import { httpHandler, json, jsonBody } from '../lambda/http.js';

export const handler = httpHandler({
  'POST /v1/fee-estimates': async (event) => json(200, estimateFee(jsonBody(event))),
});
