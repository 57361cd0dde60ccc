/**
 * The API's OpenAPI document as it is served (`GET /v1/openapi.json`), linted and tested.
 *
 * `openapi.json` is the one source. Its request-body schemas are not written there: its
 * components point at the JSON Schemas the handlers validate with (`schemas/*.schema.json`),
 * so the document cannot drift from what the API accepts. Those schemas refer to each other
 * by `$id` (`https://onetrip.local/schemas/applicant.json`), which ajv resolves but most
 * OpenAPI tools (Redocly, Scalar, client generators) do not, and a reader of the served
 * document could not fetch `./schemas/…`. So this module inlines each schema into its
 * component and turns every `$id` reference into a local `#/components/schemas/…` one,
 * once, at import time: the result is self-contained and needs no file at run time.
 */
import source from './openapi.json' with { type: 'json' };
import address from './schemas/address.schema.json' with { type: 'json' };
import agent from './schemas/agent.schema.json' with { type: 'json' };
import applicant from './schemas/applicant.schema.json' with { type: 'json' };
import application from './schemas/application.schema.json' with { type: 'json' };
import certificateLibrary from './schemas/certificate-library.schema.json' with { type: 'json' };
import certificateRevoke from './schemas/certificate-revoke.schema.json' with { type: 'json' };
import correction from './schemas/correction.schema.json' with { type: 'json' };
import courierCallback from './schemas/courier-callback.schema.json' with { type: 'json' };
import feeEstimate from './schemas/fee-estimate.schema.json' with { type: 'json' };
import libraryChallenge from './schemas/library-challenge.schema.json' with { type: 'json' };
import notificationPreferences from './schemas/notification-preferences.schema.json' with { type: 'json' };
import paymentCallback from './schemas/payment-callback.schema.json' with { type: 'json' };
import paymentStart from './schemas/payment-start.schema.json' with { type: 'json' };
import pickup from './schemas/pickup.schema.json' with { type: 'json' };
import preReview from './schemas/pre-review.schema.json' with { type: 'json' };
import rating from './schemas/rating.schema.json' with { type: 'json' };
import rectificationReopen from './schemas/rectification-reopen.schema.json' with { type: 'json' };
import rectificationResponse from './schemas/rectification-response.schema.json' with { type: 'json' };
import supervisionOrder from './schemas/supervision-order.schema.json' with { type: 'json' };
import supervisionReply from './schemas/supervision-reply.schema.json' with { type: 'json' };
import taskDecision from './schemas/task-decision.schema.json' with { type: 'json' };
import taskDecisions from './schemas/task-decisions.schema.json' with { type: 'json' };
import timelineVerify from './schemas/timeline-verify.schema.json' with { type: 'json' };
import upload from './schemas/upload.schema.json' with { type: 'json' };
import visit from './schemas/visit.schema.json' with { type: 'json' };

export type JsonObject = { [key: string]: unknown };

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface OpenApiOperation extends JsonObject {
  operationId: string;
  responses: Record<string, JsonObject>;
}

export interface OpenApiDocument extends JsonObject {
  openapi: string;
  paths: Record<string, Partial<Record<(typeof HTTP_METHODS)[number], OpenApiOperation>>>;
  components: JsonObject & { schemas: Record<string, JsonObject> };
}

/** The schema files a component may point at, by the relative path `openapi.json` uses. */
export const schemaFiles: Readonly<Record<string, JsonObject>> = {
  './schemas/address.schema.json': address,
  './schemas/agent.schema.json': agent,
  './schemas/applicant.schema.json': applicant,
  './schemas/application.schema.json': application,
  './schemas/certificate-library.schema.json': certificateLibrary,
  './schemas/certificate-revoke.schema.json': certificateRevoke,
  './schemas/correction.schema.json': correction,
  './schemas/courier-callback.schema.json': courierCallback,
  './schemas/fee-estimate.schema.json': feeEstimate,
  './schemas/library-challenge.schema.json': libraryChallenge,
  './schemas/notification-preferences.schema.json': notificationPreferences,
  './schemas/payment-callback.schema.json': paymentCallback,
  './schemas/payment-start.schema.json': paymentStart,
  './schemas/pickup.schema.json': pickup,
  './schemas/pre-review.schema.json': preReview,
  './schemas/rating.schema.json': rating,
  './schemas/rectification-reopen.schema.json': rectificationReopen,
  './schemas/rectification-response.schema.json': rectificationResponse,
  './schemas/supervision-order.schema.json': supervisionOrder,
  './schemas/supervision-reply.schema.json': supervisionReply,
  './schemas/task-decision.schema.json': taskDecision,
  './schemas/task-decisions.schema.json': taskDecisions,
  './schemas/timeline-verify.schema.json': timelineVerify,
  './schemas/upload.schema.json': upload,
  './schemas/visit.schema.json': visit,
};

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A deep copy of `value` with every `$ref` string passed through `rewrite`. */
function mapRefs(value: unknown, rewrite: (ref: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => mapRefs(v, rewrite));
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, key === '$ref' && typeof v === 'string' ? rewrite(v) : mapRefs(v, rewrite)]),
  );
}

/**
 * `document` with each component `{ "$ref": "./schemas/x.schema.json" }` replaced by that
 * file's schema, without its `$id` (a `$id` would make `#/components/...` inside it resolve
 * against the schema instead of the document), and every reference to a file or to a
 * schema's `$id` made local. Throws on a reference it cannot make local, so the served
 * document never points outside itself.
 */
export function bundleOpenApi(document: JsonObject, files: Readonly<Record<string, JsonObject>>): OpenApiDocument {
  const components = isObject(document.components) ? document.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  const local = new Map<string, string>();
  for (const [name, schema] of Object.entries(schemas)) {
    const ref = isObject(schema) ? schema.$ref : undefined;
    if (typeof ref !== 'string' || !(ref in files)) continue;
    const pointer = `#/components/schemas/${name}`;
    local.set(ref, pointer);
    const id = files[ref]!.$id;
    if (typeof id === 'string') local.set(id, pointer);
  }
  const rewrite = (ref: string): string => {
    if (ref.startsWith('#/')) return ref;
    // A reference into a schema (`…/task-decision.json#/properties/decision`) points into its component.
    const [target = '', fragment = ''] = ref.split('#');
    const pointer = local.get(target);
    if (!pointer) throw new Error(`openapi.json: ${ref} is neither in the document nor a schema named by a component`);
    return `${pointer}${fragment}`;
  };
  const inlined = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => {
      const ref = isObject(schema) ? schema.$ref : undefined;
      if (typeof ref !== 'string' || !(ref in files)) return [name, schema];
      const { $id: _id, ...content } = files[ref]!;
      return [name, content];
    }),
  );
  return mapRefs({ ...document, components: { ...components, schemas: inlined } }, rewrite) as OpenApiDocument;
}

/** The document as `GET /v1/openapi.json` serves it: self-contained, OpenAPI 3.1. */
export const openApiDocument: OpenApiDocument = bundleOpenApi(source, schemaFiles);
