/**
 * Checks an HTTP response against the OpenAPI document (contracts/openapi.ts): the route
 * is in the document, the status is documented for it, and the body has the media type
 * and the schema the document gives for that status. test/support/api.ts runs every
 * response of the integration suite through it, so a response the contract does not
 * describe fails the test that received it.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { registerFormats } from '../../contracts/formats.js';
import { HTTP_METHODS, openApiDocument, type JsonObject, type OpenApiDocument, type OpenApiOperation } from '../../contracts/openapi.js';

/** One request and what came back, as the test client saw it. */
export interface Exchange {
  method: string;
  /** The URL path, without the query. */
  path: string;
  status: number;
  /** The `content-type` header, if any. */
  contentType: string | null;
  /** Parsed JSON, or the text when the body is not JSON; `undefined` when empty. */
  body: unknown;
}

/** Paths of the local runtime only (README, "Local runtime only"): never deployed, not in the document. */
const LOCAL_ONLY = /^\/(local|sandbox|simulators)(\/|$)/;

const DOCUMENT_ID = 'https://onetrip.local/openapi.json';

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  /** Literal segments: `/v1/catalog/bundles/{code}` beats a template with more parameters. */
  literals: number;
  operation: OpenApiOperation;
}

const escapePointer = (part: string) => part.replaceAll('~', '~0').replaceAll('/', '~1');

function routesOf(document: OpenApiDocument): Route[] {
  const routes: Route[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    const segments = template.split('/');
    const pattern = new RegExp(`^${segments.map((s) => (/^\{[^}]+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}$`);
    const literals = segments.filter((s) => !s.startsWith('{')).length;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation) routes.push({ method: method.toUpperCase(), template, pattern, literals, operation });
    }
  }
  return routes.sort((a, b) => b.literals - a.literals);
}

/**
 * Validates against one document. Strict as the API's own validation is
 * (functions/lambda/validate.ts): a schema keyword ajv does not know fails the check
 * rather than passing silently.
 */
export class ResponseContract {
  private readonly ajv: Ajv2020;
  private readonly routes: Route[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument = openApiDocument) {
    this.ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    (addFormats as unknown as (ajv: Ajv) => Ajv)(this.ajv as unknown as Ajv);
    registerFormats(this.ajv as unknown as Ajv);
    // The document's own members are not schema keywords; the schemas inside are compiled
    // by JSON pointer, and their `$ref`s resolve against the whole document.
    this.ajv.addVocabulary(['openapi', 'info', 'servers', 'tags', 'paths', 'components', 'security', 'webhooks', 'externalDocs']);
    this.ajv.addSchema({ ...document, $id: DOCUMENT_ID });
    this.routes = routesOf(document);
  }

  /** The document's route for a request, or undefined. */
  route(method: string, path: string): Route | undefined {
    return this.routes.find((r) => r.method === method.toUpperCase() && r.pattern.test(path));
  }

  private resolve(value: JsonObject): JsonObject {
    const ref = value.$ref;
    if (typeof ref !== 'string') return value;
    const target = ref.slice(2).split('/').reduce<unknown>((node, part) => (node as JsonObject | undefined)?.[part.replaceAll('~1', '/').replaceAll('~0', '~')], this.document);
    if (typeof target !== 'object' || target === null) throw new Error(`openapi: ${ref} resolves to nothing`);
    return target as JsonObject;
  }

  private validator(pointer: string): ValidateFunction {
    let validate = this.validators.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer}` });
      this.validators.set(pointer, validate);
    }
    return validate;
  }

  /** What is wrong with the exchange by the document; empty when nothing is. */
  problems(exchange: Exchange): string[] {
    const { method, path, status, body } = exchange;
    if (LOCAL_ONLY.test(path)) return [];
    const route = this.route(method, path);
    const what = `${method.toUpperCase()} ${path} → ${status}`;
    if (!route) {
      // The gateway's own answer for a path or method no route serves (documented in info).
      if (status === 404 && this.validator('/components/schemas/GatewayMessage')(body)) return [];
      return [`${what}: no operation of the OpenAPI document serves ${method.toUpperCase()} ${path}`];
    }
    const statusKey = String(status);
    const rangeKey = `${statusKey[0]}XX`;
    const key = [statusKey, rangeKey, 'default'].find((k) => k in route.operation.responses);
    if (!key) {
      return [`${what}: ${route.method} ${route.template} documents no ${status} response (it documents ${Object.keys(route.operation.responses).join(', ')})`];
    }
    const response = this.resolve(route.operation.responses[key]!);
    const content = (response.content ?? {}) as Record<string, JsonObject>;
    const mediaType = (exchange.contentType ?? '').split(';')[0]!.trim().toLowerCase();
    if (Object.keys(content).length === 0) {
      return body === undefined ? [] : [`${what}: the document gives this response no body, but it has one (${mediaType || 'no content-type'})`];
    }
    if (!(mediaType in content)) {
      return [`${what}: answered ${mediaType || 'no content-type'}, the document allows ${Object.keys(content).join(', ')}`];
    }
    if (!('schema' in content[mediaType]!)) return [];
    // Compiled by its place in the document, so a response `$ref` and its inline use share one validator.
    const responsePointer = typeof route.operation.responses[key]!.$ref === 'string'
      ? (route.operation.responses[key]!.$ref as string).slice(1)
      : `/paths/${escapePointer(route.template)}/${route.method.toLowerCase()}/responses/${key}`;
    const validate = this.validator(`${responsePointer}/content/${escapePointer(mediaType)}/schema`);
    if (validate(body)) return [];
    return [`${what}: the body breaks the schema of ${route.method} ${route.template} ${key} (${mediaType}):\n${describe(validate.errors)}`];
  }

  /** Throws, naming every problem and showing the body, when the exchange breaks the document. */
  check(exchange: Exchange): void {
    const problems = this.problems(exchange);
    if (problems.length === 0) return;
    const shown = JSON.stringify(exchange.body, null, 2) ?? String(exchange.body);
    throw new Error(`Response breaks the API contract (contracts/openapi.json):\n${problems.join('\n')}\nbody: ${shown.length > 4000 ? `${shown.slice(0, 4000)}…` : shown}`);
  }
}

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((e) => `  ${e.instancePath || '/'} ${e.message ?? e.keyword}${e.keyword === 'additionalProperties' || e.keyword === 'unevaluatedProperties' ? `: ${JSON.stringify(e.params)}` : ''} (${e.schemaPath})`)
    .join('\n');
}

let shared: ResponseContract | undefined;

/** The contract of the served document, built once per test process. */
export const responseContract = (): ResponseContract => (shared ??= new ResponseContract());
