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

/** Who may open a case (the API still answers 404 to a department with no task in it). */
const CASE_READERS: readonly Role[] = ['clerk', 'agent', 'supervisor', 'admin', 'reviewer', 'chief', 'leader'];

export const VIEWS: ViewDefinition[] = [
  // A supervisor's first view is the board.
  {
    id: 'board',
    path: '/board',
    tag: 'wb-board',
    roles: ['supervisor', 'admin'],
    nav: true,
    title: () => msg('效能督查看板', { id: 'nav.board' }),
    load: () => import('./views/board.element.js'),
  },
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
    roles: CASE_READERS,
    nav: false,
    title: () => msg('办件', { id: 'nav.case' }),
    load: () => import('./views/case.element.js'),
  },
  {
    id: 'material',
    path: '/cases/:caseId/materials/:materialCode',
    tag: 'wb-case',
    roles: CASE_READERS,
    nav: false,
    title: () => msg('办件', { id: 'nav.case' }),
    load: () => import('./views/case.element.js'),
  },
  {
    id: 'inbox',
    path: '/inbox',
    tag: 'wb-inbox',
    roles: ['reviewer'],
    nav: true,
    title: () => msg('审查收件箱', { id: 'nav.inbox' }),
    load: () => import('./views/inbox.element.js'),
  },
  {
    id: 'signing',
    path: '/signing',
    tag: 'wb-signing',
    roles: ['chief'],
    nav: true,
    title: () => msg('签发队列', { id: 'nav.signing' }),
    load: () => import('./views/signing.element.js'),
  },
  {
    id: 'leader',
    path: '/leader',
    tag: 'wb-signing',
    roles: ['leader'],
    nav: true,
    title: () => msg('负责人签批', { id: 'nav.leader' }),
    load: () => import('./views/signing.element.js'),
  },
  {
    id: 'messages',
    path: '/messages',
    tag: 'wb-messages',
    roles: ['reviewer', 'chief', 'supervisor'],
    nav: true,
    title: () => msg('消息', { id: 'nav.messages' }),
    load: () => import('./views/messages.element.js'),
  },
  {
    id: 'task',
    path: '/cases/:caseId/tasks/:taskId',
    tag: 'wb-task',
    roles: ['reviewer', 'chief', 'leader'],
    nav: false,
    title: () => msg('审查任务', { id: 'nav.task' }),
    load: () => import('./views/task.element.js'),
  },
  {
    id: 'oversight',
    path: '/oversight',
    tag: 'wb-oversight',
    roles: ['supervisor', 'admin'],
    nav: true,
    title: () => msg('督办与整改', { id: 'nav.oversight' }),
    load: () => import('./views/oversight.element.js'),
  },
  {
    id: 'access-log',
    path: '/access-log',
    tag: 'wb-access-log',
    roles: ['supervisor', 'admin'],
    nav: true,
    title: () => msg('个人信息访问记录', { id: 'nav.accessLog' }),
    load: () => import('./views/access-log.element.js'),
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
