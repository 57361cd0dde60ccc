/**
 * English translations, keyed by message id. Chinese (the source locale) is written in the
 * components themselves. Keep ids grouped by component: `common.*`, `guide.*`, `apply.*`, `track.*`.
 */
import { str } from '@lit/localize';

export const templates = {
  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.error': 'Error:',
  'common.errorSummary': 'There is a problem',
  'common.networkError': 'The service could not be reached. Check your connection and try again.',
  'common.days': str`${0} working days`,
};
