/**
 * Ships a case's results (docs/results.md): asks the courier for a shipment of this
 * attempt (idempotent on `<caseId>-d<attempt>`, so a redelivered message gets the same
 * waybill) and records the waybill on the case with the lookup the callbacks use.
 */
import { dispatchShipment } from '../app/dispatch-shipment.js';
import { queueWorker } from '../lambda/worker.js';

export const handler = queueWorker(dispatchShipment);
