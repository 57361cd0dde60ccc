// fauxqs's S3 has no CORS, and browsers upload materials to presigned URLs from another
// origin. This pass-through in front of it answers preflights and adds CORS headers from
// each bucket's CorsConfiguration in the template, as S3 does. It also refuses a PUT whose
// body does not match its `x-amz-checksum-sha256`, as S3 does and fauxqs does not: the
// presigned upload of a material signs that checksum, so other bytes never land.
// Every other S3 request goes to fauxqs unchanged.
import { createHash } from 'node:crypto';
import { createServer, request as forward, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Meter } from './meter.js';
import type { Resolver } from './template.js';

export interface CorsRule {
  AllowedOrigins: string[];
  AllowedMethods: string[];
  AllowedHeaders?: string[];
  ExposedHeaders?: string[];
  MaxAge?: number;
}

/** CorsConfiguration.CorsRules of each bucket, by local bucket name. */
export function bucketCorsRules(resolver: Resolver, buckets: Record<string, string>): Record<string, CorsRule[]> {
  const rules: Record<string, CorsRule[]> = {};
  for (const [logicalId, name] of Object.entries(buckets)) {
    const cors = resolver.properties(logicalId).CorsConfiguration as { CorsRules?: Array<CorsRule & { MaxAge?: unknown }> } | undefined;
    if (cors?.CorsRules) rules[name] = cors.CorsRules.map((rule) => ({ ...rule, ...(rule.MaxAge !== undefined ? { MaxAge: Number(rule.MaxAge) } : {}) }));
  }
  return rules;
}

/** S3 allows one `*` wildcard in an AllowedOrigin or AllowedHeader. */
function wildcardMatches(pattern: string, value: string): boolean {
  const star = pattern.indexOf('*');
  if (star < 0) return pattern.toLowerCase() === value.toLowerCase();
  const [before, after] = [pattern.slice(0, star).toLowerCase(), pattern.slice(star + 1).toLowerCase()];
  const lower = value.toLowerCase();
  return lower.length >= before.length + after.length && lower.startsWith(before) && lower.endsWith(after);
}

function bucketOf(request: IncomingMessage): string {
  const host = (request.headers.host ?? '').split(':')[0] ?? '';
  if (host.includes('.') && !/^\d+\.\d+\.\d+\.\d+$/.test(host)) return host.split('.')[0] ?? '';
  return decodeURIComponent((request.url ?? '/').split('?')[0]!.split('/')[1] ?? '');
}

function findRule(rules: CorsRule[], origin: string, method: string, headers: string[]): CorsRule | undefined {
  return rules.find(
    (rule) =>
      rule.AllowedOrigins.some((allowed) => wildcardMatches(allowed, origin)) &&
      rule.AllowedMethods.includes(method) &&
      headers.every((header) => (rule.AllowedHeaders ?? []).some((allowed) => wildcardMatches(allowed, header))),
  );
}

export interface S3CorsFront {
  endpoint: string;
  stop(): Promise<void>;
}

const CHECKSUM_HEADER = 'x-amz-checksum-sha256';

/** S3's answer to a body that is not what its checksum header says. */
function badDigest(response: ServerResponse): void {
  response.writeHead(400, { 'content-type': 'application/xml' });
  response.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>BadDigest</Code><Message>The SHA256 you specified did not match the calculated checksum.</Message></Error>');
}

/** The request's body, whole: a PUT with a checksum is checked before any byte reaches fauxqs. */
function bodyOf(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export function startS3CorsFront(options: { port: number; targetPort: number; rules: () => Record<string, CorsRule[]>; meter?: Meter }): Promise<S3CorsFront> {
  const server: Server = createServer(async (request, response) => {
    const origin = request.headers.origin;
    const rules = options.rules()[bucketOf(request)] ?? [];
    if (request.method === 'OPTIONS' && origin && request.headers['access-control-request-method']) {
      const method = String(request.headers['access-control-request-method']);
      const requested = String(request.headers['access-control-request-headers'] ?? '').split(',').map((header) => header.trim()).filter(Boolean);
      const rule = findRule(rules, origin, method, requested);
      if (!rule) {
        response.writeHead(403, { 'content-type': 'application/xml' });
        response.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessForbidden</Code><Message>CORSResponse: This CORS request is not allowed.</Message></Error>');
        return;
      }
      response.writeHead(200, {
        'access-control-allow-origin': rule.AllowedOrigins.includes('*') ? '*' : origin,
        'access-control-allow-methods': rule.AllowedMethods.join(', '),
        ...(requested.length > 0 ? { 'access-control-allow-headers': requested.join(', ') } : {}),
        ...(rule.ExposedHeaders?.length ? { 'access-control-expose-headers': rule.ExposedHeaders.join(', ') } : {}),
        ...(rule.MaxAge !== undefined ? { 'access-control-max-age': String(rule.MaxAge) } : {}),
        vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
      });
      response.end();
      return;
    }
    options.meter?.s3(request.method ?? 'GET', (request.url ?? '').split('?')[1] ?? '');
    const rule = origin ? findRule(rules, origin, request.method ?? 'GET', []) : undefined;
    const upstream = forward(
      { host: '127.0.0.1', port: options.targetPort, method: request.method, path: request.url, headers: request.headers },
      (reply) => {
        // Hop-by-hop headers describe fauxqs's connection, not this one: a `keep-alive: timeout`
        // longer than this server keeps idle sockets would let a client reuse one it has closed.
        const { connection: _connection, 'keep-alive': _keepAlive, ...headers } = reply.headers;
        if (rule && origin) {
          headers['access-control-allow-origin'] = rule.AllowedOrigins.includes('*') ? '*' : origin;
          if (rule.ExposedHeaders?.length) headers['access-control-expose-headers'] = rule.ExposedHeaders.join(', ');
          headers.vary = 'Origin';
        }
        response.writeHead(reply.statusCode ?? 502, headers);
        reply.pipe(response);
      },
    );
    upstream.on('error', (error) => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(error.message);
    });
    const checksum = request.method === 'PUT' ? request.headers[CHECKSUM_HEADER] : undefined;
    if (typeof checksum !== 'string') {
      request.pipe(upstream);
      return;
    }
    const body = await bodyOf(request);
    if (createHash('sha256').update(body).digest('base64') !== checksum) {
      upstream.destroy();
      badDigest(response);
      return;
    }
    upstream.end(body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      resolve({
        endpoint: `http://127.0.0.1:${port}`,
        stop: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
