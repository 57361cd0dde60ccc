/**
 * The supervision board, the periodic reports and their archive (docs/reports.md,
 * docs/indicators.md): read from the statistics rows, the gauges and the timer partitions
 * only, so none of them costs more with more cases. An item's public performance is
 * functions/app/item-performance.ts.
 */
import type {
  Listed,
  ListedOrder,
  ListedRectification,
  ListedTask,
  SupervisionBoard,
  SupervisionReport,
} from '../../contracts/supervision-reports.js';
import type { Level, StatsScope } from '../../contracts/supervision.js';
import { dayNumber, fromDayNumber } from '../domain/calendar.js';
import { periodsClosedBy, previousMonth, reportPeriod, type Period } from '../domain/periods.js';
import type { Clock } from '../domain/records.js';
import { buildReport, realEstateItems, reportCsv, reportFileName, reportTable, servicesOf, supervisionScope, type OpenItems } from '../domain/reports.js';
import type { Staff } from '../domain/staff.js';
import { clock } from '../lambda/clock.js';
import { timerPartition } from '../store/keys.js';
import { archiveReport, archivedFile, archivedReport, type ReportFormat } from '../store/report-archive.js';
import { gauges, statsOfDays, statsOfScope } from '../store/stats.js';
import { timersIn } from '../store/timers.js';
import { servedCatalog } from './served-catalog.js';

/** How many red (or severe, or overdue) entries the board lists; the gauges give the total. */
export const BOARD_LIMIT = 100;
/** How many of each kind of open entry the dispatch notice lists. */
export const DISPATCH_LIMIT = 200;
/** A chief's department may have few of the partition's first entries: more are read to find theirs, still a bounded read. */
const DEPARTMENT_READ = 500;

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

function listedTask(item: Record<string, unknown>, level: Level): ListedTask {
  return {
    taskId: text(item.taskId),
    caseId: text(item.caseId),
    receiptNumber: text(item.receiptNumber),
    department: text(item.department),
    itemCode: text(item.itemCode),
    itemName: (item.itemName as { zh: string; en: string } | undefined) ?? { zh: '', en: '' },
    deadline: text(item.deadline),
    legalDeadline: typeof item.legalDeadline === 'string' ? item.legalDeadline : null,
    level: (item.level as Level | undefined) ?? level,
  };
}

const listedOrder = (item: Record<string, unknown>, escalated: boolean): ListedOrder => ({
  orderId: text(item.orderId),
  caseId: text(item.caseId),
  receiptNumber: text(item.receiptNumber),
  department: text(item.department),
  issuedAt: text(item.issuedAt),
  replyBy: text(item.replyBy),
  escalated,
});

const listedRectification = (item: Record<string, unknown>, overdue: boolean): ListedRectification => ({
  rectificationId: text(item.rectificationId),
  caseId: text(item.caseId),
  receiptNumber: text(item.receiptNumber),
  department: text(item.department),
  openedAt: text(item.openedAt),
  dueDate: text(item.dueDate),
  overdue,
});

/** The first `limit` entries of a timer partition that the scope may see. */
async function listed<T extends { department: string }>(partition: string, department: string | null, limit: number, map: (item: Record<string, unknown>) => T): Promise<T[]> {
  const items = await timersIn(partition, department === null ? limit : DEPARTMENT_READ);
  return items.map(map).filter((e) => department === null || e.department === department).slice(0, limit);
}

const bounded = <T>(entries: T[], limit: number, total: number | null): Listed<T> => ({ entries, total, truncated: total === null ? entries.length >= limit : total > entries.length });

/** `GET /v1/staff/supervision/board`: the live view, of the county or of a chief's department. */
export async function supervisionBoard(staff: Staff): Promise<SupervisionBoard> {
  const department = supervisionScope(staff);
  const at = clock();
  const scope: StatsScope = department === null ? 'ALL' : `DEPT#${department}`;
  const week = Array.from({ length: 7 }, (_, i) => fromDayNumber(dayNumber(at.today) - 6 + i));
  const [gaugeRows, red, severe, rectifications, days] = await Promise.all([
    gauges(),
    listed(timerPartition('task', 'red'), department, BOARD_LIMIT, (i) => listedTask(i, 'red')),
    listed(timerPartition('task', 'severe'), department, BOARD_LIMIT, (i) => listedTask(i, 'severe')),
    listed(timerPartition('rectification', 'overdue'), department, BOARD_LIMIT, (i) => listedRectification(i, true)),
    statsOfScope(week, scope),
  ]);
  const open = gaugeRows
    .filter((g) => department === null || g.scope === scope)
    .sort((a, b) => (a.scope === 'ALL' ? -1 : b.scope === 'ALL' ? 1 : a.scope.localeCompare(b.scope)))
    .map((g) => ({ scope: g.scope, normal: g.counters.open_normal ?? 0, yellow: g.counters.open_yellow ?? 0, red: g.counters.open_red ?? 0, severe: g.counters.open_severe ?? 0 }));
  const own = open.find((g) => g.scope === scope);
  return {
    county: servedCatalog().county,
    generatedAt: at.now,
    today: at.today,
    department,
    open,
    red: bounded(red, BOARD_LIMIT, own ? own.red : null),
    severe: bounded(severe, BOARD_LIMIT, own ? own.severe : null),
    overdueRectifications: bounded(rectifications, BOARD_LIMIT, null),
    todayCounters: days.at(-1)?.counters ?? {},
    week: days.map((d) => ({ day: d.day, counters: d.counters })),
  };
}

/** What is open now, for the dispatch notice: late and warned tasks, open orders, open rectifications. */
async function openItems(department: string | null): Promise<OpenItems> {
  const [red, severe, yellow, orders, escalated, rectifications, overdue] = await Promise.all([
    listed(timerPartition('task', 'red'), department, DISPATCH_LIMIT, (i) => listedTask(i, 'red')),
    listed(timerPartition('task', 'severe'), department, DISPATCH_LIMIT, (i) => listedTask(i, 'severe')),
    listed(timerPartition('task', 'yellow'), department, DISPATCH_LIMIT, (i) => listedTask(i, 'yellow')),
    listed(timerPartition('order'), department, DISPATCH_LIMIT, (i) => listedOrder(i, false)),
    listed(timerPartition('order', 'escalated'), department, DISPATCH_LIMIT, (i) => listedOrder(i, true)),
    listed(timerPartition('rectification'), department, DISPATCH_LIMIT, (i) => listedRectification(i, false)),
    listed(timerPartition('rectification', 'overdue'), department, DISPATCH_LIMIT, (i) => listedRectification(i, true)),
  ]);
  return { overdue: [...severe, ...red], warned: yellow, orders: [...escalated, ...orders], rectifications: [...overdue, ...rectifications] };
}

/** The report of a period as of `at`, of the county or of a department: its days up to today only. */
async function liveReport(period: Period, department: string | null, at: Clock): Promise<SupervisionReport> {
  const { source, county } = servedCatalog();
  const upToToday = (days: readonly string[]) => days.filter((d) => d <= at.today);
  const [rows, previousRows, open] = await Promise.all([
    statsOfDays(upToToday(period.days)),
    period.kind === 'month' && department === null ? statsOfDays(previousMonth(period).days) : Promise.resolve([]),
    period.kind === 'dekad' ? openItems(department) : Promise.resolve(undefined),
  ]);
  return buildReport({
    period, county, generatedAt: at.now, department, rows, previousRows, open,
    departments: source.departments, services: servicesOf(source), realEstate: realEstateItems(source),
  });
}

const utf8 = (s: string) => new TextEncoder().encode(s);

async function render(report: SupervisionReport, format: ReportFormat): Promise<Uint8Array> {
  if (format === 'json') return utf8(JSON.stringify(report));
  if (format === 'csv') return utf8(reportCsv(report));
  // The PDF stack (pdf-lib, fontkit, the font) is read on the first PDF, not at every cold start of the board's function.
  const { renderReportPdf } = await import('../results/report-pdf.js');
  return renderReportPdf(report, reportTable(report));
}

export interface ReportFile {
  format: ReportFormat;
  body: Uint8Array;
  fileName: string;
  /** The archived file's SHA-256, when the period was archived. */
  sha256?: string;
}

/**
 * `GET /v1/staff/supervision/reports/{period}` in a format. A closed period that was
 * archived is served from the archive to supervisors and admins (its bytes checked against
 * the recorded SHA-256; JSON gains `archived`); a chief's report, or a period not archived,
 * is put together now.
 */
export async function supervisionReportFile(staff: Staff, periodText: string, format: ReportFormat): Promise<ReportFile> {
  const department = supervisionScope(staff);
  const at = clock();
  const period = reportPeriod(periodText, at.today);
  if (department === null) {
    const record = await archivedReport(period.id);
    if (record) {
      const bytes = await archivedFile(record, format);
      const body = format === 'json'
        ? utf8(JSON.stringify({ ...(JSON.parse(new TextDecoder().decode(bytes)) as SupervisionReport), archived: { at: record.archivedAt, sha256: record.sha256 } }))
        : bytes;
      return { format, body, fileName: reportFileName({ period, department }, format), sha256: record.sha256[format] };
    }
  }
  const report = await liveReport(period, department, at);
  return { format, body: await render(report, format), fileName: reportFileName(report, format) };
}

/**
 * The scheduled archive (shortly after midnight in Shanghai): every period that closed at
 * that midnight, written once. A period archived already is left as it is.
 */
export async function archiveClosedPeriods(at: Clock): Promise<{ archived: string[]; unchanged: string[] }> {
  const result = { archived: [] as string[], unchanged: [] as string[] };
  for (const period of periodsClosedBy(at.today)) {
    if (await archivedReport(period.id)) {
      result.unchanged.push(period.id);
      continue;
    }
    const report = await liveReport(period, null, at);
    const files = { json: await render(report, 'json'), csv: await render(report, 'csv'), pdf: await render(report, 'pdf') };
    (await archiveReport(period.id, report.county, at.now, files) ? result.archived : result.unchanged).push(period.id);
  }
  return result;
}
