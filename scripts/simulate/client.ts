/**
 * The simulation's HTTP client: the running local platform's public API, its staff tokens
 * from the local issuer, and the local-only routes it needs (the virtual clock, schedules,
 * the sandboxes). Everything the simulation does goes through here, as a user's browser or
 * a provider's callback would.
 */
import { createHash, randomUUID } from 'node:crypto';

/**
 * A JSON document as the simulation reads it: loosely typed, since the API's contract is
 * checked by the tests (test/contract/) and the simulation only drives it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Reply<T = Json> {
  status: number;
  body: T;
  headers: Headers;
}

/** A reply the simulation did not expect: the route, the status and what the API said. */
export class UnexpectedReply extends Error {
  override name = 'UnexpectedReply';
  constructor(readonly method: string, readonly path: string, readonly reply: Reply) {
    super(`${method} ${path}: ${reply.status} ${typeof reply.body === 'string' ? reply.body.slice(0, 300) : JSON.stringify(reply.body).slice(0, 300)}`);
  }
}

export class PlatformClient {
  private readonly tokens = new Map<string, string>();
  /** Requests sent, by route template (`POST /v1/applications`), for the closing summary. */
  readonly requests = new Map<string, number>();

  constructor(readonly base: string) {}

  async request<T = Json>(method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; as?: string; accept?: string } = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { 'accept-language': 'zh-CN', ...options.headers };
    if (options.body !== undefined) headers['content-type'] ??= 'application/json';
    if (options.as) headers.authorization = `Bearer ${await this.token(options.as)}`;
    if (options.accept) headers.accept = options.accept;
    const route = `${method} ${path.split('?')[0]!.replace(/\/(?:[0-9a-f]{8}-[0-9a-f-]{27}|[A-Z0-9-]{12,}|\d{4}-\d{2}-\d{2}[\w-]*)(?=\/|$)/g, '/{id}')}`;
    this.requests.set(route, (this.requests.get(route) ?? 0) + 1);
    const res = await fetch(new URL(path, this.base), {
      method,
      headers,
      body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    });
    const type = res.headers.get('content-type') ?? '';
    if (!type.includes('json')) {
      const bytes = Buffer.from(await res.arrayBuffer());
      return { status: res.status, body: (type.startsWith('text/') ? bytes.toString('utf8') : bytes) as T, headers: res.headers };
    }
    return { status: res.status, body: (await res.json()) as T, headers: res.headers };
  }

  /** The reply's body when its status is `expected`; otherwise an {@link UnexpectedReply}. */
  async expect<T = Json>(expected: number | number[], method: string, path: string, options: Parameters<PlatformClient['request']>[2] = {}): Promise<T> {
    const reply = await this.request<T>(method, path, options);
    if (![expected].flat().includes(reply.status)) throw new UnexpectedReply(method, path, reply);
    return reply.body;
  }

  get<T = Json>(path: string, as?: string) {
    return this.expect<T>(200, 'GET', path, { as });
  }

  post<T = Json>(path: string, body: unknown, as?: string, expected: number | number[] = [200, 201]) {
    return this.expect<T>(expected, 'POST', path, { body, as });
  }

  async token(username: string): Promise<string> {
    const cached = this.tokens.get(username);
    if (cached) return cached;
    const reply = await this.request<{ token: string }>('POST', '/local/token', { body: { username } });
    if (reply.status !== 200) throw new UnexpectedReply('POST', '/local/token', reply);
    this.tokens.set(username, reply.body.token);
    return reply.body.token;
  }

  /** A presigned upload of a material of `contentType`, PUT as a browser would; its upload id. */
  async upload(content: string, contentType = 'application/pdf'): Promise<string> {
    const bytes = Buffer.from(content);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const fileName = `material.${{ 'image/jpeg': 'jpg', 'image/png': 'png' }[contentType] ?? 'pdf'}`;
    const presigned = await this.post('/v1/uploads', { fileName, contentType, size: bytes.length, sha256 });
    const put = await fetch(presigned.url, { method: presigned.method, headers: presigned.headers, body: bytes });
    if (!put.ok) throw new Error(`PUT to the presigned URL: ${put.status} ${await put.text()}`);
    return presigned.uploadId as string;
  }

  submit(body: unknown) {
    return this.request('POST', '/v1/applications', { body, headers: { 'idempotency-key': randomUUID() } });
  }
}
