/**
 * The fee an application would be charged, told before it is submitted (issue 11: the fee
 * is no surprise): priced by the one function that prices a ticket (`feePlanFor`), with the
 * request's target passed through whole, so whatever decides the price of the ticket
 * decides the estimate too.
 */
import feeEstimateSchema from '../../contracts/schemas/fee-estimate.schema.json' with { type: 'json' };
import type { FeeEstimateRequest } from '../../contracts/cases.js';
import type { FeeEstimate } from '../../contracts/tickets.js';
import { ValidationError } from '../domain/errors.js';
import { feeEstimateView } from '../domain/views.js';
import { validator } from '../lambda/validate.js';
import { feeFieldErrors, feePlanFor } from './fee-plans.js';
import { servedCatalog } from './served-catalog.js';
import { requestedSubject } from './subjects.js';

const validateEstimate = validator<FeeEstimateRequest>(feeEstimateSchema, 'fee estimate request');

export function estimateFee(body: unknown): FeeEstimate {
  const input = validateEstimate(body);
  requestedSubject(input);
  const { source } = servedCatalog();
  // Only the fields the fees read must be usable: the rest of the form may still be in progress.
  const errors = feeFieldErrors(source, input, input.form);
  if (errors.length) throw new ValidationError('The form cannot be priced', errors);
  return feeEstimateView(feePlanFor(source, input, input.form), source.departments, source.manifest.version);
}
