/**
 * A small HTTP client for tests: the platform is exercised only through its public HTTP API,
 * and every response is checked against the API's OpenAPI document (test/contract/), so a
 * test fails on a response the contract does not describe.
 */
import { createHash, randomUUID } from 'node:crypto';
import { responseContract } from '../contract/response-contract.js';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class Api {
  constructor(
    readonly base: string,
    /**
     * The `Accept-Language` every request sends unless it names its own; `null` leaves it
     * to fetch (which sends `*`, so the API's default, Chinese).
     * @default en: the suite asserts messages as the API raises them; test/integration/languages.test.ts asks for Chinese
     */
    readonly acceptLanguage: string | null = 'en',
  ) {}

  async request<T = any>(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; token?: string } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.acceptLanguage !== null) headers['accept-language'] ??= this.acceptLanguage;
    if (options.body !== undefined) headers['content-type'] ??= 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const url = new URL(path, this.base);
    const res = await fetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined
        : typeof options.body === 'string' ? options.body
        : options.body instanceof Uint8Array ? new Blob([Uint8Array.from(options.body)])
        : JSON.stringify(options.body),
    });
    const contentType = res.headers.get('content-type');
    if (contentType?.startsWith('application/pdf')) {
      // A file: the bytes as they came (the contract sees them as a string).
      const bytes = Buffer.from(await res.arrayBuffer());
      responseContract().check({ method, path: url.pathname, status: res.status, contentType, body: bytes.toString('latin1') });
      return { status: res.status, body: bytes as T, headers: res.headers };
    }
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    responseContract().check({ method, path: url.pathname, status: res.status, contentType, body });
    return { status: res.status, body: body as T, headers: res.headers };
  }

  get<T = any>(path: string, token?: string) {
    return this.request<T>('GET', path, { token });
  }

  post<T = any>(path: string, body: unknown, options: { headers?: Record<string, string>; token?: string } = {}) {
    return this.request<T>('POST', path, { ...options, body });
  }

  /** Posts a file as the body, e.g. a PDF to verify. */
  postFile<T = any>(path: string, bytes: Uint8Array, contentType = 'application/pdf') {
    return this.request<T>('POST', path, { body: bytes, headers: { 'content-type': contentType } });
  }

  async token(username: string): Promise<string> {
    const reply = await this.post<{ token: string }>('/local/token', { username });
    if (reply.status !== 200) throw new Error(`token for ${username}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body.token;
  }

  /** Requests a presigned upload and PUTs the bytes to it, as a browser would. */
  async upload(content: Buffer | string, contentType = 'application/pdf', fileName = 'material.pdf'): Promise<string> {
    const bytes = Buffer.from(content);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const presigned = await this.post('/v1/uploads', { fileName, contentType, size: bytes.length, sha256 });
    if (presigned.status !== 201) throw new Error(`upload: ${presigned.status} ${JSON.stringify(presigned.body)}`);
    const put = await fetch(presigned.body.url, { method: presigned.body.method, headers: presigned.body.headers, body: bytes });
    if (!put.ok) throw new Error(`PUT to presigned URL: ${put.status} ${await put.text()}`);
    return presigned.body.uploadId as string;
  }

  submit(body: unknown, key: string = randomUUID()) {
    return this.post('/v1/applications', body, { headers: { 'idempotency-key': key } });
  }
}
