/**
 * What the platform would be billed for, counted while it runs (`startPlatform({ meter: true })`,
 * for `npm run bench -- cost`): DynamoDB capacity as DynamoDB Local reports it, Lambda
 * invocations with their durations, memory and log bytes, SQS requests, S3 requests and the
 * API's requests.
 *
 * DynamoDB is counted by a pass-through in front of DynamoDB Local that the functions (only
 * they) are pointed at: it asks every call that can for `ReturnConsumedCapacity: INDEXES` and
 * adds up what the answer reports, per table (`<table>`, everything the call consumed there)
 * and per global secondary index (`<table>/<index>`, the part of it its copies cost). DynamoDB Local does not check request
 * signatures, so changing the body is harmless here; the functions' code is not touched. The
 * runtime's own reads of the streams stay outside it (Lambda reads its triggers' streams free).
 */
import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A table's (or an index's: requests 0) consumed capacity. */
export type TableUsage = {
  requests: number;
  readUnits: number;
  writeUnits: number;
};

export type FunctionUsage = {
  invocations: number;
  /** Wall time of the invocations, each rounded up to a whole millisecond as Lambda bills it. */
  milliseconds: number;
  memoryMb: number;
  /** Bytes the function wrote to its log. */
  logBytes: number;
};

export interface Usage {
  dynamodb: Record<string, TableUsage>;
  lambda: Record<string, FunctionUsage>;
  /** SQS requests: messages sent (one SendMessage each), receives that returned messages, delete batches. */
  sqs: { sends: number; receives: number; deletes: number };
  /** S3 requests: writes (PUT, POST, COPY, LIST) and reads (GET, HEAD), as S3 prices them. */
  s3: { writes: number; reads: number };
  /** Requests to the county's HTTP API (not the local-only routes). */
  http: { requests: number };
}

/** Operations that accept ReturnConsumedCapacity, and whether they read or write. */
const CAPACITY_OPERATIONS: Record<string, 'read' | 'write'> = {
  GetItem: 'read', BatchGetItem: 'read', Query: 'read', Scan: 'read', TransactGetItems: 'read',
  PutItem: 'write', UpdateItem: 'write', DeleteItem: 'write', BatchWriteItem: 'write', TransactWriteItems: 'write',
};

interface Units {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

interface ConsumedCapacity extends Units {
  TableName?: string;
  GlobalSecondaryIndexes?: Record<string, Units>;
}

export class Meter {
  private current: Usage = Meter.empty();

  static empty(): Usage {
    return { dynamodb: {}, lambda: {}, sqs: { sends: 0, receives: 0, deletes: 0 }, s3: { writes: 0, reads: 0 }, http: { requests: 0 } };
  }

  /** A copy of the usage so far. */
  usage(): Usage {
    return structuredClone(this.current);
  }

  /** The usage since `before` (an earlier `usage()`). */
  since(before: Usage): Usage {
    const now = this.usage();
    const minus = <T extends Record<string, number>>(a: T, b: T | undefined): T =>
      Object.fromEntries(Object.entries(a).map(([k, v]) => [k, k === 'memoryMb' ? v : v - (b?.[k] ?? 0)])) as T;
    const per = <T extends Record<string, number>>(a: Record<string, T>, b: Record<string, T>) =>
      Object.fromEntries(Object.entries(a).map(([k, v]) => [k, minus(v, b[k])]).filter(([, v]) => Object.entries(v as T).some(([key, n]) => key !== 'memoryMb' && n !== 0)));
    return {
      dynamodb: per(now.dynamodb, before.dynamodb),
      lambda: per(now.lambda, before.lambda),
      sqs: minus(now.sqs, before.sqs),
      s3: minus(now.s3, before.s3),
      http: minus(now.http, before.http),
    };
  }

  invocation(name: string, memoryMb: number, milliseconds: number): void {
    const f = (this.current.lambda[name] ??= { invocations: 0, milliseconds: 0, memoryMb, logBytes: 0 });
    f.invocations += 1;
    f.milliseconds += Math.ceil(milliseconds);
  }

  log(name: string, memoryMb: number, bytes: number): void {
    (this.current.lambda[name] ??= { invocations: 0, milliseconds: 0, memoryMb, logBytes: 0 }).logBytes += bytes;
  }

  sqs(counts: Partial<Usage['sqs']>): void {
    for (const [k, v] of Object.entries(counts) as [keyof Usage['sqs'], number][]) this.current.sqs[k] += v;
  }

  s3(method: string, query: string): void {
    const write = ['PUT', 'POST', 'COPY'].includes(method) || (method === 'GET' && /(?:^|&)(?:list-type=2|prefix=|delimiter=)/.test(query));
    this.current.s3[write ? 'writes' : 'reads'] += 1;
  }

  http(): void {
    this.current.http.requests += 1;
  }

  private dynamodb(operation: string, consumed: ConsumedCapacity | ConsumedCapacity[] | undefined, table: string | undefined): void {
    const kind = CAPACITY_OPERATIONS[operation];
    const list = [consumed ?? []].flat();
    if (!list.length && table) list.push({ TableName: table });
    const add = (name: string, units: Units, request: number) => {
      const t = (this.current.dynamodb[name] ??= { requests: 0, readUnits: 0, writeUnits: 0 });
      t.requests += request;
      t.readUnits += units.ReadCapacityUnits ?? (kind === 'read' ? (units.CapacityUnits ?? 0) : 0);
      t.writeUnits += units.WriteCapacityUnits ?? (kind === 'write' ? (units.CapacityUnits ?? 0) : 0);
    };
    for (const c of list) {
      const name = c.TableName ?? table ?? '?';
      add(name, c, 1);
      for (const [index, units] of Object.entries(c.GlobalSecondaryIndexes ?? {})) add(`${name}/${index}`, units, 0);
    }
  }

  /** A pass-through to DynamoDB Local at `target` that meters every call; its endpoint, and how to stop it. */
  async dynamodbFront(target: string): Promise<{ endpoint: string; stop(): Promise<void> }> {
    const to = new URL(target);
    const server: Server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
        let body = Buffer.concat(chunks);
        let table: string | undefined;
        if (CAPACITY_OPERATIONS[operation]) {
          const input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
          table = typeof input.TableName === 'string' ? input.TableName : undefined;
          body = Buffer.from(JSON.stringify({ ...input, ReturnConsumedCapacity: 'INDEXES' }));
        }
        const headers = { ...request.headers, 'content-length': String(body.length), host: to.host };
        const out = forward({ hostname: to.hostname, port: to.port, path: request.url, method: request.method, headers }, (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (c: Buffer) => parts.push(c));
          answer.on('end', () => {
            const raw = Buffer.concat(parts);
            if (CAPACITY_OPERATIONS[operation]) {
              try {
                this.dynamodb(operation, (JSON.parse(raw.toString('utf8')) as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity, table);
              } catch {
                // Not JSON: an error page; nothing was consumed.
              }
            }
            response.writeHead(answer.statusCode ?? 500, answer.headers);
            response.end(raw);
          });
        });
        out.on('error', (error) => {
          response.writeHead(502);
          response.end(error.message);
        });
        out.end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      endpoint: `http://127.0.0.1:${port}`,
      stop: () => new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    };
  }
}
