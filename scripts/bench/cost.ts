/**
 * The AWS cost of one case, from what the local platform measures while the case lives its
 * whole life through the public API: applied for (the guide read, the materials uploaded,
 * submitted), accepted at the window, reviewed and signed by each department, its fee paid,
 * its results issued (the certificate PDFs), and delivered by courier. For a single item
 * without a fee, an item with a fee, and the construction bundle (eleven departments: the
 * service center's and ten reviewing ones).
 *
 * Usage comes from the platform's meter (local/meter.ts): DynamoDB consumed capacity as
 * DynamoDB Local reports it for every call the functions make, Lambda invocations with their
 * durations and log bytes, SQS, S3 and API requests. Stored bytes are read from the tables and
 * buckets before and after the case (outside the meter). Prices: prices.json, list prices of
 * the counties' region with their sources.
 *
 * Lambda durations are wall times on a shared machine running DynamoDB Local and every
 * function in one process: they overstate what Lambda would bill, and the bench says so.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { shanghaiDate } from '../../contracts/dates.js';
import { CASE_LIST_ATTRIBUTES, TASK_LIST_ATTRIBUTES } from '../../contracts/staff.js';
import { DEFAULT_RETENTION } from '../../infra/config/operations.js';
import type { Usage } from '../../local/meter.js';
import { startPlatform, type Platform } from '../../local/platform.js';
import { applicantCompany } from '../../test/support/fixtures.js';
import { PlatformClient, type Json } from '../simulate/client.js';
import { sampleFor } from '../simulate/sample-form.js';
import prices from './prices.json' with { type: 'json' };
import { recentLines, table } from './stats.js';
import { atMost, metText, type Goal } from './goals.js';

/** What the issue asks of a single item's case. */
const SINGLE_ITEM_GOAL_USD = 0.0004;
const GB = 1024 ** 3;
const ADDRESS = { recipient: '李湘君', phone: '13907301234', province: '湖南省', city: '岳阳市', district: '岳阳楼区', detail: '巴陵中路88号', postalCode: '414000' };

interface CaseType {
  key: 'singleItem' | 'feeItem' | 'bundle';
  label: string;
  target: { itemCode: string } | { bundleCode: string };
  form?: Record<string, unknown>;
}

const CASE_TYPES: CaseType[] = [
  { key: 'singleItem', label: 'single item: food business licence (000105002000), no fee', target: { itemCode: '000105002000' } },
  { key: 'feeItem', label: 'fee item: 000108005000 (a fee at acceptance)', target: { itemCode: '000108005000' } },
  {
    key: 'bundle',
    label: 'bundle CONSTRUCTION-JOINT: 16 items, 11 departments, 5 stages, one ticket',
    target: { bundleCode: 'CONSTRUCTION-JOINT' },
    form: { floorArea: 1234.5, disturbedArea: 3000.25, wasteVolume: 500.7, relocation: true, equipmentCount: 3, smallMicroEnterprise: false },
  },
];

/** Bytes a case leaves stored: in the data table (kept by law, or expiring by TTL), the outbox, the buckets. */
export interface Stored {
  /** Items without `expiresAt` (the case file, kept by law), with their index copies. */
  dataKeptBytes: number;
  /** Items with `expiresAt` (idempotency records, callbacks' events, …), with their index copies. */
  dataExpiringBytes: number;
  outboxBytes: number;
  materialsBytes: number;
  resultsBytes: number;
}

export interface Dollars {
  dynamodb: number;
  lambda: number;
  sqs: number;
  s3: number;
  api: number;
  logs: number;
  /** Everything but storage: what the case costs once. */
  total: number;
}

export interface CaseCost {
  label: string;
  usage: Usage;
  stored: Stored;
  dollars: Dollars;
  /** Storage per month while kept, and over the whole time lifecycle rules and TTL keep it. */
  storage: { perMonth: number; boundedLifetime: number; keptByLawPerMonth: number };
  /** The share of the data table's write units spent on the staff lists' indexes (bySubmission, byDeadline). */
  indexWriteShare: number;
  goal?: Goal;
}

export type CostResult = Record<CaseType['key'], CaseCost> & { prices: typeof prices };

export async function benchCost(): Promise<CostResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'onetrip-bench-cost-'));
  const { lines: recentLog, log } = recentLines();
  let platform: Platform | undefined;
  try {
    platform = await startPlatform({ port: 0, dataDir, fresh: true, log, meter: true, schedules: false, sandboxCourierStepMs: 'manual' });
    const api = new PlatformClient(platform.url);
    // Warm every environment the lives use, so no case pays another's first imports.
    await life(api, platform, CASE_TYPES[0]!);
    const result: Partial<CostResult> = { prices };
    for (const type of CASE_TYPES) result[type.key] = await measureCase(api, platform, type);
    return result as CostResult;
  } catch (error) {
    throw new Error(`Cost benchmark failed; the platform's last log lines:\n${recentLog.join('\n')}`, { cause: error });
  } finally {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measureCase(api: PlatformClient, platform: Platform, type: CaseType): Promise<CaseCost> {
  const meter = platform.meter!;
  const storedBefore = await stored(platform);
  const before = meter.usage();
  await life(api, platform, type);
  const usage = meter.since(before);
  const after = await stored(platform);
  const storedBytes = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - storedBefore[k as keyof Stored]])) as unknown as Stored;
  const dollars = price(usage);
  const months = { materials: (DEFAULT_RETENTION.materialsYears + 1) * 12, results: DEFAULT_RETENTION.resultsYears * 12, outbox: 7 / 30, expiring: 1 };
  const dataMonth = (bytes: number) => (bytes / GB) * prices.dynamodb.storageGbMonth;
  const s3Month = (bytes: number) => (bytes / GB) * prices.s3.standardGbMonth;
  const storage = {
    keptByLawPerMonth: dataMonth(storedBytes.dataKeptBytes),
    perMonth: dataMonth(storedBytes.dataKeptBytes + storedBytes.dataExpiringBytes + storedBytes.outboxBytes) + s3Month(storedBytes.materialsBytes + storedBytes.resultsBytes),
    // What lifecycle rules and TTL bound (the case file itself is kept by law: keptByLawPerMonth, for as long as it is kept).
    boundedLifetime:
      s3Month(storedBytes.materialsBytes) * months.materials + s3Month(storedBytes.resultsBytes) * months.results +
      dataMonth(storedBytes.outboxBytes) * months.outbox + dataMonth(storedBytes.dataExpiringBytes) * months.expiring,
  };
  const data = platform.resources.tables;
  const dataTable = Object.values(data).find((name) => usage.dynamodb[`${name}/bySubmission`] || usage.dynamodb[`${name}/byDeadline`]);
  const tableWrites = dataTable ? usage.dynamodb[dataTable]?.writeUnits ?? 0 : 0;
  const copyWrites = dataTable ? (usage.dynamodb[`${dataTable}/bySubmission`]?.writeUnits ?? 0) + (usage.dynamodb[`${dataTable}/byDeadline`]?.writeUnits ?? 0) : 0;
  return {
    label: type.label,
    usage,
    stored: storedBytes,
    dollars,
    storage,
    indexWriteShare: tableWrites ? copyWrites / tableWrites : 0,
    ...(type.key === 'singleItem' ? { goal: atMost(dollars.total, SINGLE_ITEM_GOAL_USD, `${SINGLE_ITEM_GOAL_USD} USD`) } : {}),
  };
}

/** One case's whole life through the public API, as its applicant, the window and the departments would live it. */
async function life(api: PlatformClient, platform: Platform, type: CaseType): Promise<void> {
  const today = shanghaiDate(new Date());
  const path = 'itemCode' in type.target ? `/v1/catalog/items/${type.target.itemCode}` : `/v1/catalog/bundles/${type.target.bundleCode}`;
  const guide: Json = await api.get(path);
  const catalog: Json = await api.get('/v1/catalog');
  const materials = [];
  for (const m of guide.materials.filter((x: Json) => x.required)) {
    materials.push({ materialCode: m.code, uploadId: await api.upload(`%PDF-1.4 ${m.code} ${randomUUID()}`, m.contentTypes?.[0]) });
  }
  const submitted: Json = await api.expect(201, 'POST', '/v1/applications', {
    headers: { 'idempotency-key': randomUUID() },
    body: {
      catalogVersion: catalog.version,
      ...type.target,
      applicant: applicantCompany,
      form: { ...(sampleFor(guide.formSchema, today) as Record<string, unknown>), ...type.form },
      materials,
      delivery: guide.deliveryModes.includes('courier') ? { mode: 'courier', address: ADDRESS } : { mode: guide.deliveryModes[0] },
    },
  });
  const { caseId, receiptNumber, queryCode } = submitted;
  await api.post(`/v1/staff/cases/${caseId}/pre-review`, { decision: 'accept' }, 'clerk');
  await platform.idle();
  for (let round = 0; round < 60; round++) {
    // The applicant follows the case: pays when a ticket is issued, waits for the parcel.
    const view: Json = await api.get(`/v1/applications/${receiptNumber}?queryCode=${queryCode}`);
    if (view.ticket?.status === 'issued') {
      const payment: Json = await api.post(`/v1/tickets/${view.ticket.ticketNumber}/payments?queryCode=${queryCode}`, {});
      await api.expect(200, 'POST', `/sandbox/payments/${payment.paymentId}/decision`, { body: 'decision=pay', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      await platform.idle();
      continue;
    }
    const handover = view.handover as { status?: string; shipment?: { waybillNumber: string } } | undefined;
    if (view.status === 'completed' && (!handover || ['delivered', 'available'].includes(handover.status ?? ''))) return;
    if (handover?.status === 'shipping' && handover.shipment) {
      await api.expect([200, 201, 204, 409], 'POST', `/sandbox/courier/shipments/${handover.shipment.waybillNumber}/advance`, { body: {} });
      await platform.idle();
      continue;
    }
    // Each department decides its open tasks, its chief signs.
    const staffView: Json = await api.get(`/v1/staff/cases/${caseId}`, 'clerk');
    const open = (staffView.tasks as Json[]).filter((t) => ['pending', 'awaiting_signature'].includes(t.status));
    if (!open.length && round > 0) await new Promise((r) => setTimeout(r, 200));
    for (const task of open) {
      if (task.status === 'pending') {
        const assigned = task.assigns?.length ? { assigned: Object.fromEntries(task.assigns.map((f: string) => [f, '91430600MA4T8K2L39'])) } : {};
        await api.post(`/v1/staff/tasks/${task.taskId}/decision`, { decision: 'approve', opinion: '符合条件，拟同意', ...assigned }, `reviewer-${task.department}`);
      } else {
        await api.post(`/v1/staff/tasks/${task.taskId}/decision`, { decision: 'sign' }, `chief-${task.department}`);
      }
    }
    await platform.idle();
  }
  throw new Error(`The case ${receiptNumber} did not complete and reach its applicant`);
}

function price(u: Usage): Dollars {
  const tables = Object.entries(u.dynamodb).filter(([name]) => !name.includes('/'));
  const dynamodb = tables.reduce((sum, [, t]) => sum + (t.writeUnits * prices.dynamodb.writeRequestUnitsPerMillion + t.readUnits * prices.dynamodb.readRequestUnitsPerMillion) / 1e6, 0);
  const fns = Object.values(u.lambda);
  const lambda = fns.reduce((sum, f) => sum + (f.invocations * prices.lambda.requestsPerMillion) / 1e6 + (f.milliseconds / 1000) * (f.memoryMb / 1024) * prices.lambda.gbSecond, 0);
  const sqs = ((u.sqs.sends + u.sqs.receives + u.sqs.deletes) * prices.sqs.standardRequestsPerMillion) / 1e6;
  const s3 = (u.s3.writes * prices.s3.putCopyPostListPerThousand + u.s3.reads * prices.s3.getHeadPerThousand) / 1000;
  const api = (u.http.requests * prices.apiGateway.httpApiRequestsPerMillion) / 1e6;
  const logs = (fns.reduce((sum, f) => sum + f.logBytes, 0) / GB) * prices.cloudwatchLogs.ingestedGb;
  return { dynamodb, lambda, sqs, s3, api, logs, total: dynamodb + lambda + sqs + s3 + api + logs };
}

/** DynamoDB's size of an item: names and values in bytes, as DynamoDB counts them. */
function itemBytes(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') return Math.ceil(String(Math.abs(value)).replace(/[.-]/g, '').replace(/^0+/, '').length / 2) + 1;
  if (value instanceof Uint8Array) return value.length;
  if (value instanceof Set) return [...value].reduce((sum: number, v) => sum + itemBytes(v), 0);
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + 1 + itemBytes(v), 0);
  return 3 + Object.entries(value as Record<string, unknown>).reduce((sum, [k, v]) => sum + 1 + Buffer.byteLength(k) + itemBytes(v), 0);
}

/** What the staff lists' two indexes copy of a case or task besides their keys (contracts/staff.ts). */
const LISTED = [...new Set<string>([...CASE_LIST_ATTRIBUTES, ...TASK_LIST_ATTRIBUTES])];

/**
 * An item as storage bills it: its bytes and 100 of overhead, and again in each index that
 * holds it, the part it holds (the staff lists' two indexes: the keys and what a row reads;
 * the others only the keys).
 */
function storedBytes(item: Record<string, unknown>): number {
  const size = itemBytes(item) - 3 - Object.keys(item).length;
  const attributes = (names: string[]) => names.reduce((sum, n) => sum + (item[n] === undefined ? 0 : Buffer.byteLength(n) + itemBytes(item[n])), 0);
  let total = size + 100;
  if (item.queuePk !== undefined && item.submissionSk !== undefined) total += attributes(['pk', 'sk', 'queuePk', 'submissionSk', 'deadlineSk', ...LISTED]) + 100;
  if (item.queuePk !== undefined && item.deadlineSk !== undefined) total += attributes(['pk', 'sk', 'queuePk', 'deadlineSk', ...LISTED]) + 100;
  if (item.queuePk !== undefined && item.queueSk !== undefined) total += attributes(['pk', 'sk', 'queuePk', 'queueSk']) + 100;
  if (item.watchPk !== undefined && item.watchSk !== undefined) total += attributes(['pk', 'sk', 'watchPk', 'watchSk']) + 100;
  return total;
}

/** What the platform stores now (a bench may scan: no request path does). */
async function stored(platform: Platform): Promise<Stored> {
  const client = new DynamoDBClient({ endpoint: platform.endpoints.dynamodb, region: 'us-east-1', credentials: platform.credentials });
  const documents = DynamoDBDocumentClient.from(client);
  const scan = async (TableName: string) => {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const out = await documents.send(new ScanCommand({ TableName, ExclusiveStartKey }));
      items.push(...(out.Items ?? []));
      ExclusiveStartKey = out.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  };
  const tables = platform.resources.tables;
  const dataName = Object.entries(tables).find(([id]) => id.startsWith('Data'))?.[1];
  const outboxName = Object.entries(tables).find(([id]) => id.startsWith('Outbox'))?.[1];
  const data = dataName ? await scan(dataName) : [];
  const outbox = outboxName ? await scan(outboxName) : [];
  const s3 = new S3Client({ endpoint: platform.endpoints.s3, region: 'us-east-1', credentials: platform.credentials, forcePathStyle: true });
  const bucketBytes = async (prefix: string) => {
    const name = Object.entries(platform.resources.buckets).find(([id]) => id.startsWith(prefix))?.[1];
    if (!name) return 0;
    let bytes = 0;
    let ContinuationToken: string | undefined;
    do {
      const out = await s3.send(new ListObjectsV2Command({ Bucket: name, ContinuationToken }));
      bytes += (out.Contents ?? []).reduce((sum, o) => sum + (o.Size ?? 0), 0);
      ContinuationToken = out.NextContinuationToken;
    } while (ContinuationToken);
    return bytes;
  };
  const sum = (items: Record<string, unknown>[]) => items.reduce((total, item) => total + storedBytes(item), 0);
  const result = {
    dataKeptBytes: sum(data.filter((i) => i.expiresAt === undefined)),
    dataExpiringBytes: sum(data.filter((i) => i.expiresAt !== undefined)),
    outboxBytes: outbox.reduce((total, item) => total + itemBytes(item) - 3 - Object.keys(item).length + 100, 0) * 2,
    materialsBytes: await bucketBytes('Materials'),
    resultsBytes: await bucketBytes('Results'),
  };
  client.destroy();
  s3.destroy();
  return result;
}

const usd = (n: number) => `$${n < 0.001 ? n.toFixed(7) : n.toFixed(5)}`;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export function costTable(r: CostResult): string {
  const types = CASE_TYPES.map((t) => r[t.key]);
  const sumBy = (c: CaseCost, f: (t: { requests: number; readUnits: number; writeUnits: number }) => number) =>
    Object.entries(c.usage.dynamodb).filter(([n]) => !n.includes('/')).reduce((s, [, t]) => s + f(t), 0);
  const fn = (c: CaseCost) => Object.values(c.usage.lambda);
  // Each table's indexes by name (`<table>/<index>`: the write units its copies cost).
  const indexNames = [...new Set(types.flatMap((c) => Object.keys(c.usage.dynamodb).filter((n) => n.includes('/')).map((n) => n.split('/')[1]!)))].sort();
  const indexWrites = (c: CaseCost, index: string) =>
    Object.entries(c.usage.dynamodb).filter(([n]) => n.endsWith(`/${index}`)).reduce((s, [, t]) => s + t.writeUnits, 0);
  const rows: (string | number)[][] = [
    ['DynamoDB requests', ...types.map((c) => sumBy(c, (t) => t.requests))],
    ['  write units (WRU)', ...types.map((c) => sumBy(c, (t) => t.writeUnits).toFixed(1))],
    ['  of them, the staff lists\' indexes', ...types.map((c) => `${(c.indexWriteShare * 100).toFixed(0)}%`)],
    ...indexNames.map((index) => [`  of them, index ${index}`, ...types.map((c) => indexWrites(c, index).toFixed(0))]),
    ['  read units (RRU)', ...types.map((c) => sumBy(c, (t) => t.readUnits).toFixed(1))],
    ['Lambda invocations', ...types.map((c) => fn(c).reduce((s, f) => s + f.invocations, 0))],
    ['  GB-seconds (wall time here)', ...types.map((c) => fn(c).reduce((s, f) => s + (f.milliseconds / 1000) * (f.memoryMb / 1024), 0).toFixed(2))],
    ['  log bytes', ...types.map((c) => kb(fn(c).reduce((s, f) => s + f.logBytes, 0)))],
    ['SQS requests (send, receive, delete)', ...types.map((c) => `${c.usage.sqs.sends} + ${c.usage.sqs.receives} + ${c.usage.sqs.deletes}`)],
    ['S3 requests (write, read)', ...types.map((c) => `${c.usage.s3.writes} + ${c.usage.s3.reads}`)],
    ['API requests', ...types.map((c) => c.usage.http.requests)],
    ['$ DynamoDB', ...types.map((c) => usd(c.dollars.dynamodb))],
    ['$ Lambda', ...types.map((c) => usd(c.dollars.lambda))],
    ['$ SQS', ...types.map((c) => usd(c.dollars.sqs))],
    ['$ S3 requests', ...types.map((c) => usd(c.dollars.s3))],
    ['$ API Gateway', ...types.map((c) => usd(c.dollars.api))],
    ['$ CloudWatch Logs', ...types.map((c) => usd(c.dollars.logs))],
    ['$ per case (once)', ...types.map((c) => usd(c.dollars.total))],
    ['stored: case file, kept by law', ...types.map((c) => kb(c.stored.dataKeptBytes))],
    ['stored: expiring (TTL) + outbox', ...types.map((c) => kb(c.stored.dataExpiringBytes + c.stored.outboxBytes))],
    ['stored: materials + results (S3)', ...types.map((c) => `${kb(c.stored.materialsBytes)} + ${kb(c.stored.resultsBytes)}`)],
    ['$ storage per month', ...types.map((c) => usd(c.storage.perMonth))],
    ['$ storage bounded by lifecycle/TTL, whole life', ...types.map((c) => usd(c.storage.boundedLifetime))],
    ['$ case file per month, kept by law', ...types.map((c) => usd(c.storage.keptByLawPerMonth))],
  ];
  const single = r.singleItem.goal!;
  return [
    table(['per case', 'single item', 'fee item', 'bundle (11 departments)'], rows),
    ...CASE_TYPES.map((t) => `${t.key}: ${t.label}`),
    `goal: a single item's case ≤ ${usd(SINGLE_ITEM_GOAL_USD)} once (${usd(single.value)}: ${metText(single)}); storage bounded by lifecycle: materials ${DEFAULT_RETENTION.materialsYears + 1} years, results ${DEFAULT_RETENTION.resultsYears} years (S3 rules), outbox 7 days and expiring records (TTL); the case file is kept by law (docs/cost.md)`,
    `prices: ${prices.region} list prices read ${prices.readOn} (scripts/bench/prices.json); Lambda GB-seconds are this machine's wall times; the bench's materials are a few bytes each, an applicant's scans are larger`,
  ].join('\n');
}
