/** The stable code of the OneTrip error `fn` throws, or undefined when it throws none. */
import type { OneTripError } from '../../functions/domain/errors.js';

export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as OneTripError).code;
  }
  return undefined;
}
