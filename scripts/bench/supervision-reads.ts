/**
 * The DynamoDB reads of the supervision board and of the monthly report at 1,000 and at
 * 100,000 cases (issue 13, "its cost must not grow with the number of cases"). The board and
 * the report read the statistics rows, the gauges and the first entries of the red and severe
 * timer partitions, never the cases; so the volumes are seeded as that is what they leave
 * behind: every statistics row of the two months (the county, each department, each item,
 * each day: the rows a busy county has whatever its volume, only their numbers differ), the
 * gauges, and red and severe tasks in proportion to the volume, and at 1,000 cases still more
 * than the board lists (100 of each), so that both volumes read the board's whole bound. The board and the report run in this process through OneTrip's own code against the
 * platform's DynamoDB Local, each request counted and its ConsumedCapacity summed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { publishedCatalogs } from '../../catalog/index.js';
import { shanghaiDate } from '../../contracts/dates.js';
import { dayNumber, fromDayNumber } from '../../functions/domain/calendar.js';
import { parsePeriod, previousMonth } from '../../functions/domain/periods.js';
import { startPlatform, type Platform } from '../../local/platform.js';
import { seedGauges, seedStats, seedTasks } from '../../test/support/supervision.js';
import { fixed, table } from './stats.js';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const VOLUMES = [1_000, 100_000] as const;

export interface Reads {
  requests: number;
  byCommand: Record<string, number>;
  capacityUnits: number;
}

export interface SupervisionReadsResult {
  rowsPerDay: number;
  volumes: Array<{ cases: number; redTasks: number; severeTasks: number; board: Reads; monthlyReport: Reads }>;
  ratio: { boardRequests: number; boardCapacity: number; reportRequests: number; reportCapacity: number };
}

interface Meter {
  start(): void;
  stop(): Reads;
}

/** Counts every request the document client sends, asking each for its consumed capacity. */
function meter(client: DynamoDBDocumentClient): Meter {
  let reads: Reads | undefined;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      if (reads) input.ReturnConsumedCapacity = 'TOTAL';
      const out = await next(args);
      if (reads) {
        const name = context.commandName ?? 'unknown';
        reads.requests += 1;
        reads.byCommand[name] = (reads.byCommand[name] ?? 0) + 1;
        const consumed = (out.output as { ConsumedCapacity?: { CapacityUnits?: number } | Array<{ CapacityUnits?: number }> }).ConsumedCapacity;
        for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) reads.capacityUnits += c.CapacityUnits ?? 0;
      }
      return out;
    },
    { step: 'initialize', name: 'benchReadMeter' },
  );
  return {
    start: () => (reads = { requests: 0, byCommand: {}, capacityUnits: 0 }),
    stop: () => {
      const done = reads!;
      reads = undefined;
      return done;
    },
  };
}

function counters(cases: number, seed: number): Record<string, number> {
  const n = (share: number) => Math.max(0, Math.round(cases * share * (0.8 + ((seed * 7919) % 41) / 100)));
  return {
    received: n(1), accepted: n(0.95), completed: n(0.9), completedOnTime: n(0.85), completedLate: n(0.05), trips: n(0.3),
    daysUsed: n(3), promisedDays: n(5), legalDays: n(12), daysUsed_1: n(0.3), daysUsed_2: n(0.3), daysUsed_3: n(0.2), daysUsed_5: n(0.1),
    materialsAsked: n(4), materialsSeparately: n(6), materialsReused: n(1), yellow: n(0.05), red: n(0.02), severe: n(0.005),
    atWindow: n(0.8), transferred: n(0.07), signedDirectly: n(0.75), referred: n(0.1), ratings: n(0.4), rating_very_satisfied: n(0.3), rating_satisfied: n(0.08), rating_dissatisfied: n(0.02),
  };
}

export async function benchSupervisionReads(): Promise<SupervisionReadsResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'onetrip-bench-'));
  let platform: Platform | undefined;
  try {
    platform = await startPlatform({ port: 0, dataDir, fresh: true, log: () => {} });
    const dataTable = Object.entries(platform.resources.tables).find(([id]) => id.startsWith('Data'))![1];
    const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.endpoints.dynamodb, region: 'us-east-1', credentials }));
    const seeder = { dynamo, dataTable };
    // OneTrip's own store code, in this process, pointed at the platform's DynamoDB Local.
    const version = Object.keys(publishedCatalogs).sort().at(-1)!;
    Object.assign(process.env, {
      DATA_TABLE: dataTable, OUTBOX_TABLE: 'unused', REPORTS_BUCKET: 'unused', CATALOG_VERSION: version, COUNTY_CODE: '430600', REGION_CODE: '430600', COUNTY_LEVEL: 'city',
      AWS_ENDPOINT_URL_DYNAMODB: platform.endpoints.dynamodb, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local',
    });
    const { supervisionBoard, supervisionReportFile } = await import('../../functions/app/supervision.js');
    const { documentClient } = await import('../../functions/lambda/aws.js');
    const reads = meter(documentClient());
    const supervisor = { username: 'supervisor', roles: ['supervisor' as const], department: 'center' };

    const source = publishedCatalogs[version]!;
    const scopes = ['ALL', ...source.departments.map((d) => `DEPT#${d.code}`), ...source.items.map((i) => `ITEM#${i.baseCode}`), ...(source.bundles ?? []).map((b) => `ITEM#${b.code}`)];
    const today = shanghaiDate(new Date());
    const month = previousMonth(parsePeriod(today.slice(0, 7))!);
    const days = [...previousMonth(month).days, ...month.days, ...Array.from({ length: 7 }, (_, i) => fromDayNumber(dayNumber(today) - i))];

    const volumes: SupervisionReadsResult['volumes'] = [];
    for (const cases of VOLUMES) {
      const perRow = cases / 30 / scopes.length;
      await seedStats(seeder, days.flatMap((day, d) => scopes.map((scope, s) => ({ day, scope, counters: counters(perRow, d * 131 + s) }))));
      const open = Math.round(cases * 0.05);
      await seedGauges(seeder, [{ scope: 'ALL', normal: open, yellow: Math.round(open * 0.1), red: Math.round(cases * 0.015), severe: Math.round(cases * 0.003) }]);
      // Past the board's limit (100 of each) at both volumes, so both read their whole bound: what is compared is the bound itself.
      const [redTasks, severeTasks] = [Math.max(150, Math.round(cases * 0.015)), Math.max(120, Math.round(cases * 0.003))];
      const deadline = fromDayNumber(dayNumber(today) - 2);
      await seedTasks(seeder, [
        ...Array.from({ length: redTasks }, (_, i) => ({ taskId: `T-${cases}-r${i}`, caseId: `C-${cases}-r${i}`, department: source.departments[i % source.departments.length]!.code, level: 'red' as const, deadline, dueAt: `${today}T${String(i % 24).padStart(2, '0')}:00:00.000Z` })),
        ...Array.from({ length: severeTasks }, (_, i) => ({ taskId: `T-${cases}-s${i}`, caseId: `C-${cases}-s${i}`, department: source.departments[i % source.departments.length]!.code, level: 'severe' as const, deadline, dueAt: '~' })),
      ]);

      reads.start();
      await supervisionBoard(supervisor);
      const board = reads.stop();
      reads.start();
      await supervisionReportFile(supervisor, month.id, 'json');
      const monthlyReport = reads.stop();
      volumes.push({ cases, redTasks, severeTasks, board, monthlyReport });
    }
    const [small, large] = volumes as [SupervisionReadsResult['volumes'][number], SupervisionReadsResult['volumes'][number]];
    const ratio = (a: number, b: number) => (a === 0 ? (b === 0 ? 1 : Infinity) : b / a);
    return {
      rowsPerDay: scopes.length,
      volumes,
      ratio: {
        boardRequests: ratio(small.board.requests, large.board.requests),
        boardCapacity: ratio(small.board.capacityUnits, large.board.capacityUnits),
        reportRequests: ratio(small.monthlyReport.requests, large.monthlyReport.requests),
        reportCapacity: ratio(small.monthlyReport.capacityUnits, large.monthlyReport.capacityUnits),
      },
    };
  } finally {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function supervisionReadsTable(r: SupervisionReadsResult): string {
  const commands = (reads: Reads) => Object.entries(reads.byCommand).map(([c, n]) => `${c.replace('Command', '')}×${n}`).join(' ');
  const rows = r.volumes.flatMap((v) => [
    [`board, ${v.cases.toLocaleString('en')} cases`, v.board.requests, fixed(v.board.capacityUnits, 1), commands(v.board)],
    [`monthly report, ${v.cases.toLocaleString('en')} cases`, v.monthlyReport.requests, fixed(v.monthlyReport.capacityUnits, 1), commands(v.monthlyReport)],
  ]);
  return [
    table(['read', 'requests', 'capacity units', 'requests by command'], rows),
    `ratio 100,000 / 1,000 cases: board ${fixed(r.ratio.boardRequests, 2)} requests, ${fixed(r.ratio.boardCapacity, 2)} capacity; monthly report ${fixed(r.ratio.reportRequests, 2)} requests, ${fixed(r.ratio.reportCapacity, 2)} capacity`,
    `(${r.rowsPerDay} statistics rows a day at both volumes: the county, each department, each item and bundle; red and severe tasks ${r.volumes.map((v) => `${v.redTasks}+${v.severeTasks}`).join(' vs ')}, the board lists the first 100 of each)`,
  ].join('\n');
}
