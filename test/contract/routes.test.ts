/**
 * The route table and the OpenAPI document agree: every route the stack deploys
 * (infra/routes.ts) is in the document with the right security, every operation of the
 * document is deployed, and each route's handler serves its route key.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HTTP_METHODS, openApiDocument, schemaFiles } from '../../contracts/openapi.js';
import source from '../../contracts/openapi.json' with { type: 'json' };
import { routes } from '../../infra/routes.js';

const HANDLERS = join(import.meta.dirname, '../../functions/handlers');
const handlerSource = (name: string) => readFileSync(join(HANDLERS, `${name}.ts`), 'utf8');
const handlerFiles = readdirSync(HANDLERS).filter((f) => f.endsWith('.ts'));

/** `'GET /v1/...': ` keys of the handlers' `httpHandler({...})` route tables. */
const ROUTE_KEY = /['"]((?:GET|POST|PUT|PATCH|DELETE) \/[^'"]*)['"]\s*:/g;

const documented = Object.entries(openApiDocument.paths).flatMap(([path, item]) =>
  HTTP_METHODS.flatMap((method) => (item[method] ? [{ key: `${method.toUpperCase()} ${path}`, operation: item[method] }] : [])),
);
const deployed = routes.map((r) => `${r.method} ${r.path}`);
const handled = handlerFiles.flatMap((file) => [...readFileSync(join(HANDLERS, file), 'utf8').matchAll(ROUTE_KEY)].map((m) => m[1]!));

describe('the OpenAPI document and the route table', () => {
  it('documents every deployed route', () => {
    // Assess
    expect(deployed.filter((key) => !documented.some((d) => d.key === key))).toEqual([]);
  });

  it('deploys every documented operation', () => {
    // Assess
    expect(documented.map((d) => d.key).filter((key) => !deployed.includes(key))).toEqual([]);
  });

  it('has each route once in each', () => {
    // Assess
    expect(new Set(deployed).size).toBe(deployed.length);
    expect(new Set(documented.map((d) => d.key)).size).toBe(documented.length);
  });

  it('asks for the staff JWT exactly on the routes the gateway guards with it', () => {
    // Prepare
    const staffOnly = (key: string) => routes.find((r) => `${r.method} ${r.path}` === key)?.access === 'staff';

    // Assess
    for (const { key, operation } of documented) {
      expect(operation.security, key).toEqual(staffOnly(key) ? [{ StaffJwt: [] }] : []);
    }
  });

  it('documents a signature header on every callback route', () => {
    // Assess
    for (const { key, operation } of documented.filter((d) => d.key.includes(' /v1/callbacks/'))) {
      expect(operation.parameters, key).toContainEqual({ $ref: '#/components/parameters/Signature' });
    }
  });
});

describe('the route table and the handlers', () => {
  it('routes every key a handler serves, to that handler', () => {
    // Assess
    for (const key of handled) {
      const route = routes.find((r) => `${r.method} ${r.path}` === key);
      expect(route, `${key} is served by a handler but not routed in infra/routes.ts`).toBeDefined();
      expect(handlerSource(route!.function), `${key} is routed to ${route!.function}, which does not serve it`).toContain(`'${key}'`);
    }
  });

  it('has a handler serve every routed key', () => {
    // Assess
    expect(deployed.filter((key) => !handled.includes(key))).toEqual([]);
  });
});

describe('the request schemas', () => {
  it('documents every JSON Schema a handler validates requests with, as it is in its file', () => {
    // Prepare: the schema files the handlers import, and the components that name them.
    const imported = new Set(handlerFiles.flatMap((file) => [...readFileSync(join(HANDLERS, file), 'utf8').matchAll(/contracts\/schemas\/([\w-]+\.schema\.json)/g)].map((m) => `./schemas/${m[1]}`)));
    const componentOf = new Map(Object.entries(source.components.schemas).flatMap(([name, schema]) => ('$ref' in schema ? [[schema.$ref, name] as const] : [])));
    const pointerOf = (id: string) => `#/components/schemas/${componentOf.get(Object.keys(schemaFiles).find((f) => schemaFiles[f]!.$id === id)!)}`;

    // Assess: each is a component, and the served component is the file with its `$id` references made local.
    expect([...imported].filter((file) => !componentOf.has(file))).toEqual([]);
    for (const [file, name] of componentOf) {
      const { $id: _id, ...schema } = schemaFiles[file]!;
      const expected = JSON.stringify(schema).replace(/(https:\/\/onetrip\.local\/schemas\/[\w-]+\.json)#?/g, (_, id: string) => pointerOf(id));
      expect(JSON.stringify(openApiDocument.components.schemas[name]), file).toBe(expected);
    }
  });

  it('points outside itself nowhere once bundled', () => {
    // Prepare
    const text = JSON.stringify(openApiDocument);
    const refs = [...text.matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);

    // Assess
    expect(refs.length).toBeGreaterThan(100);
    expect(refs.filter((ref) => !ref.startsWith('#/'))).toEqual([]);
    expect(text).not.toContain('"$id"');
  });
});
