// The gateway stage of startPlatform (platform.ts): the local HTTP endpoint (http.ts). It
// listens first, since the template's API and the sandbox provider URLs resolve to its URL,
// and answers 503 until `serveGateway` hands it the static roots, the local-only routes,
// the sandboxes and the template's HTTP APIs, once everything behind them runs.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishedCatalogs } from '../catalog/index.js';
import { findCounty } from '../infra/config/counties.js';
import { readHttpApis, tokenAuthorizer } from './api-routes.js';
import { LocalIssuer, seededUsers, type StaffUser } from './auth.js';
import type { FunctionHost } from './functions.js';
import { LocalHttpServer, createGateway, type StaticRoot } from './http.js';
import { findOutboxTable, recentOutboxEvents } from './outbox.js';
import { waitUntilIdle } from './platform-idle.js';
import type { EventSources } from './platform-events.js';
import type { Resources } from './platform-resources.js';
import type { Sandboxes } from './platform-sandboxes.js';
import { ACCOUNT_ID, type StageContext } from './platform-stage.js';
import { VirtualClock } from './virtual-clock.js';
import type { Log, PlatformEndpoints, PlatformIndex } from './types.js';

export interface Gateway {
  http: LocalHttpServer;
  /** `http://127.0.0.1:<port>` */
  url: string;
}

/**
 * The address people are given for the platform, as `npm start` prints it: `localhost`
 * rather than the loopback IP the gateway listens on.
 */
export const printedUrl = (url: string): string => url.replace('://127.0.0.1:', '://localhost:');

/**
 * The origins this runtime serves its pages from: the printed one and the loopback IP the
 * gateway listens on. A county's stack allows its agency sites' origins; here the demo
 * portal and the widgets are those sites, served by the runtime itself.
 */
export const ownOrigins = (url: string): string[] => [printedUrl(url), url];

/** `port` 0 picks a free one. */
export async function openGateway(port: number, { teardown }: StageContext): Promise<Gateway> {
  const http = new LocalHttpServer();
  const httpPort = await http.listen(port);
  teardown.add(() => http.close());
  return { http, url: `http://127.0.0.1:${httpPort}` };
}

export interface GatewayOptions {
  /** The seeded staff users `/local/token` signs tokens for (seededCountyUsers). */
  users: Map<string, StaffUser>;
  /** Folders served before the API routes. @default [] */
  staticRoots?: StaticRoot[];
}

/**
 * The API reference page at `/docs/api` (local/api-docs/), and the Scalar bundle it loads
 * from node_modules rather than a CDN, so it works offline. It reads `GET /v1/openapi.json`,
 * which the template's API serves like any other route.
 */
const API_DOCS_ROOTS: StaticRoot[] = [
  { prefix: '/docs/api/scalar', dir: dirname(createRequire(import.meta.url).resolve('@scalar/api-reference/browser/standalone.js')) },
  { prefix: '/docs/api', dir: fileURLToPath(new URL('./api-docs/', import.meta.url)) },
];

/** What runs behind the gateway. */
export interface Backends {
  stackName: string;
  endpoints: PlatformEndpoints;
  resources: Resources;
  functions: FunctionHost;
  events: EventSources;
  sandboxes: Sandboxes;
}

function departmentsOf(countyCode: string, log: Log): string[] {
  try {
    const county = findCounty(countyCode);
    return (publishedCatalogs[county.catalogVersion]?.departments ?? []).map((department) => department.code);
  } catch {
    log(`county ${countyCode} is not configured; only the center's staff users are seeded`);
    return [];
  }
}

/**
 * The county's seeded staff users: clerk, supervisor, admin and agent at the center, a
 * reviewer and a chief per department (`departments`, by default those of the county's
 * catalog version). The gateway signs their tokens; the functions' staff directory lists them.
 */
export function seededCountyUsers(county: string, departments: string[] | undefined, log: Log): Map<string, StaffUser> {
  return seededUsers(departments ?? departmentsOf(county, log));
}

/** Starts serving; returns the index `GET /` shows. */
export async function serveGateway({ http, url }: Gateway, backends: Backends, options: GatewayOptions, { dataDir, log, allowedOrigins, paths, credentials, meter }: StageContext): Promise<PlatformIndex> {
  const { resources, functions, events, sandboxes } = backends;
  const { resolver, tables, queues, buckets } = resources;
  const apis = readHttpApis(resolver, functions).map((api) => (api.cors && allowedOrigins ? { ...api, cors: { ...api.cors, allowOrigins: allowedOrigins } } : api));
  if (apis.length > 1) log(`note: ${apis.length} HTTP APIs in the template; their routes share ${url}`);
  const issuer = await LocalIssuer.load(dataDir);
  const outboxTable = findOutboxTable(resolver, tables);
  const clock = new VirtualClock(paths.clock);
  const index: PlatformIndex = {
    stack: backends.stackName,
    api: url,
    endpoints: backends.endpoints,
    accessKeyId: credentials.accessKeyId,
    tables,
    queues: Object.fromEntries(queues.map((queue) => [queue.logicalId, queue.url])),
    buckets,
    functions: functions.all.map((fn) => fn.logicalId),
    routes: apis.flatMap((api) => api.routes.map((route) => ({ route: route.routeKey, function: route.functionId ?? route.problem, auth: route.authorization.type }))),
    eventSources: events.mappings.map((mapping) => ({ id: mapping.logicalId, kind: mapping.kind, source: mapping.sourceLogicalId, function: functions.find(mapping.functionName)?.logicalId })),
    schedules: events.scheduler.rules.map((rule) => ({ id: rule.logicalId, expression: rule.expression })),
    local: ['POST /local/token', 'GET /local/index', 'GET /local/outbox', 'GET /local/users', 'GET /local/jwks.json', 'POST /local/schedules/{ruleLogicalId}', 'POST /local/idle', 'GET /local/clock', 'POST /local/clock', 'GET /docs/api', ...sandboxes.routes],
  };
  http.setHandler(
    createGateway({
      apis,
      functions,
      issuer,
      users: options.users,
      tokenAuthorizer: tokenAuthorizer(resolver, `${url}/local`),
      staticRoots: [...API_DOCS_ROOTS, ...(options.staticRoots ?? [])],
      accountId: ACCOUNT_ID,
      log,
      // The events' days are the functions' (virtual) days.
      outbox: async () => (outboxTable ? recentOutboxEvents(resources.clients.dynamodb, outboxTable, new Date(clock.read().now)) : undefined),
      index: () => index,
      runSchedule: (logicalId) => events.scheduler.fire(logicalId),
      idle: () => waitUntilIdle(functions, events, sandboxes, { timeoutMs: 60_000 }),
      clock,
      sandbox: (request, path, body) => sandboxes.handle(request, path, body),
      messages: (query) => sandboxes.messages(query),
      meter,
    }),
  );
  return index;
}
