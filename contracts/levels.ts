/**
 * A task's or a case's supervision level, from its clock (docs/supervision.md): a leaf of
 * the contracts, so the case's and the task's views can name it without importing the
 * rest of supervision.
 */
export const LEVELS = ['normal', 'yellow', 'red', 'severe'] as const;
export type Level = (typeof LEVELS)[number];
