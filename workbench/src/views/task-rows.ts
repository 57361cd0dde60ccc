/**
 * The task rows the queues last listed, by task id: the task view opened from a queue shows
 * the row it was opened from at once (there is no route for one task); the case's own view
 * (`GET /v1/staff/cases/{caseId}`, its `tasks`) brings the rest.
 */
import type { TaskRow } from '../../../contracts/staff.js';

const listed = new Map<string, TaskRow>();

export function rememberTasks(rows: readonly TaskRow[]): void {
  for (const row of rows) listed.set(row.taskId, row);
}

export const listedTask = (taskId: string): TaskRow | undefined => listed.get(taskId);

/** Moves focus to the next (`j`) or previous (`k`) of the elements matched, from the one focused. */
export function moveFocus(event: KeyboardEvent, within: HTMLElement, selector: string): void {
  if (event.key !== 'j' && event.key !== 'k') return;
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const target = event.target as HTMLElement;
  if (target.closest('input, textarea, select, [contenteditable]')) return;
  const items = [...within.querySelectorAll<HTMLElement>(selector)];
  if (items.length === 0) return;
  const at = items.findIndex((item) => item === document.activeElement || item.contains(document.activeElement));
  const next = event.key === 'j' ? Math.min(at + 1, items.length - 1) : Math.max(at - 1, 0);
  event.preventDefault();
  items[at < 0 ? 0 : next]!.focus();
}
