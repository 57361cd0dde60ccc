/**
 * The hash links between views (routes.ts names the paths). Its own module, so the views can
 * link to each other without importing the route table that loads them.
 */

/** The hash of a view's path, its parameters filled in. */
export const hrefOf = (path: string, params: Record<string, string> = {}): string =>
  `#${path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''))}`;

/** A case's view. */
export const caseHref = (caseId: string): string => hrefOf('/cases/:caseId', { caseId });

/** A department's task, opened from a queue (the reviewer's task view). */
export const taskHref = (caseId: string, taskId: string): string => hrefOf('/cases/:caseId/tasks/:taskId', { caseId, taskId });
