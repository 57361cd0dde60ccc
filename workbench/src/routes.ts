/**
 * The workbench's views and who sees them: one row per view, with its hash route
 * (`#/queue`, `#/cases/<caseId>`), the roles it is for, whether it is in the navigation,
 * and the chunk that defines its element, loaded the first time the view is opened (each
 * view is its own chunk of the build). A new view is a new row here and its element file.
 */
import { msg } from '@lit/localize';
import type { Role } from '../../contracts/roles.js';

export interface ViewDefinition {
  id: string;
  /** The hash path, with `:name` for a parameter. */
  path: string;
  /** Its element, defined by `load()`; it receives `api`, `session` and `params`. */
  tag: string;
  roles: readonly Role[];
  /** Listed in the navigation (a view that needs a parameter is reached from another). */
  nav: boolean;
  title(): string;
  load(): Promise<unknown>;
}

export const VIEWS: ViewDefinition[] = [
  {
    id: 'queue',
    path: '/queue',
    tag: 'wb-queue',
    roles: ['clerk', 'supervisor', 'admin'],
    nav: true,
    title: () => msg('受理队列', { id: 'nav.queue' }),
    load: () => import('./views/queue.element.js'),
  },
  {
    id: 'agent',
    path: '/agent',
    tag: 'wb-agent-cases',
    roles: ['agent'],
    nav: true,
    title: () => msg('我的代办', { id: 'nav.agent' }),
    load: () => import('./views/agent.element.js'),
  },
  {
    id: 'case',
    path: '/cases/:caseId',
    tag: 'wb-case',
    roles: ['clerk', 'agent', 'supervisor', 'admin', 'reviewer', 'chief', 'leader'],
    nav: false,
    title: () => msg('办件', { id: 'nav.case' }),
    load: () => import('./views/case.element.js'),
  },
];

export interface Route {
  view: ViewDefinition;
  params: Record<string, string>;
}

const allowed = (view: ViewDefinition, roles: readonly Role[]) => view.roles.some((role) => roles.includes(role));

/** The views in a role's navigation. */
export const navigationFor = (roles: readonly Role[]): ViewDefinition[] => VIEWS.filter((view) => view.nav && allowed(view, roles));

/** The route a hash names, if the roles may open it; otherwise the roles' first view. */
export function resolveRoute(hash: string, roles: readonly Role[]): Route | undefined {
  const parts = hash.replace(/^#/, '').split('/').filter(Boolean);
  for (const view of VIEWS) {
    const pattern = view.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length || !allowed(view, roles)) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((segment, i) => {
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = decodeURIComponent(parts[i]!);
        return true;
      }
      return segment === parts[i];
    });
    if (matches) return { view, params };
  }
  const first = navigationFor(roles)[0];
  return first ? { view: first, params: {} } : undefined;
}
