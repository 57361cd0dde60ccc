/**
 * The supervision reports (docs/reports.md) and the board, put together from the statistics
 * rows, the open items of the timer partitions and the catalog: pure. Who may see what is
 * decided here too (`supervisionScope`): supervisors and admins see the county, a chief their
 * own department and nothing else. A report is one JSON object; its CSV and its PDF are
 * both drawn from one table of it (`reportTable`), so the three cannot disagree.
 */
import type { Department, CatalogSource } from '../../contracts/catalog.js';
import type {
  Counters,
  DepartmentFigures,
  DispatchDepartment,
  ItemFigures,
  ListedOrder,
  ListedRectification,
  ListedTask,
  SupervisionReport,
} from '../../contracts/supervision-reports.js';
import { headline, indicatorsOf, ranking, ratingSummary, sumCounters } from './indicators.js';
import type { Period } from './periods.js';
import type { Staff } from './staff.js';
import { requireRole } from './staff.js';

/** One statistics row as read: its day, its scope (`ALL`, `DEPT#…`, `ITEM#…`) and its counters. */
export interface StatsRow {
  day: string;
  scope: string;
  counters: Counters;
}

/** The department a staff member sees the supervision figures of: null for the whole county. */
export function supervisionScope(staff: Staff): string | null {
  requireRole(staff, 'supervisor', 'admin', 'chief');
  return staff.roles.includes('supervisor') || staff.roles.includes('admin') ? null : staff.department;
}

/** The services a report has lines for: every item (by base code) and bundle of the catalog, with its department. */
export function servicesOf(source: Pick<CatalogSource, 'items' | 'bundles'>): Array<{ code: string; name: { zh: string; en: string }; department: string | null }> {
  return [
    ...source.items.map((i) => ({ code: i.baseCode, name: i.name, department: i.department })),
    ...(source.bundles ?? []).map((b) => ({ code: b.code, name: b.name, department: null })),
  ];
}

/** The catalog's real-estate registration items (不动产…登记), whatever their codes: the reform's "48 to 10 days" figure is theirs. */
export function realEstateItems(source: Pick<CatalogSource, 'items'>): string[] {
  return source.items.filter((i) => /^不动产.*登记/.test(i.name.zh)).map((i) => i.baseCode);
}

const rowsOf = (rows: readonly StatsRow[], scope: string): Counters => sumCounters(rows.filter((r) => r.scope === scope).map((r) => r.counters));
const hasData = (counters: Counters) => Object.values(counters).some((v) => v !== 0);

export interface OpenItems {
  overdue: ListedTask[];
  warned: ListedTask[];
  orders: ListedOrder[];
  rectifications: ListedRectification[];
}

export interface ReportInputs {
  period: Period;
  county: string;
  generatedAt: string;
  /** A chief's department; null for the county. */
  department: string | null;
  departments: readonly Department[];
  services: ReturnType<typeof servicesOf>;
  realEstate: readonly string[];
  rows: readonly StatsRow[];
  /** Month: last month's rows, for the trend. */
  previousRows?: readonly StatsRow[];
  /** Ten-day period: what is open now. */
  open?: OpenItems;
}

function departmentFigures(d: Department, counters: Counters): DepartmentFigures {
  return {
    department: d.code,
    name: d.name,
    counters,
    indicators: indicatorsOf(counters),
    yellowCards: counters.yellow ?? 0,
    redCards: counters.redCards ?? 0,
    ratings: ratingSummary(counters),
  };
}

function headlineInputs(rows: readonly StatsRow[], departments: readonly Department[], realEstate: readonly string[]) {
  return {
    county: rowsOf(rows, 'ALL'),
    tasks: sumCounters(departments.map((d) => rowsOf(rows, `DEPT#${d.code}`))),
    realEstate: sumCounters(realEstate.map((code) => rowsOf(rows, `ITEM#${code}`))),
  };
}

/** The report of a period, as the scope may see it. */
export function buildReport(input: ReportInputs): SupervisionReport {
  const { period, department, rows } = input;
  const departments = input.departments.filter((d) => department === null || d.code === department);
  const departmentLines = departments.map((d) => departmentFigures(d, rowsOf(rows, `DEPT#${d.code}`)));
  const items: ItemFigures[] = input.services
    .filter((s) => department === null || s.department === department)
    .map((s) => ({ s, counters: rowsOf(rows, `ITEM#${s.code}`) }))
    .filter(({ counters }) => hasData(counters))
    .map(({ s, counters }) => ({ itemCode: s.code, name: s.name, department: s.department, counters, indicators: indicatorsOf(counters), ratings: ratingSummary(counters) }));
  const all = rowsOf(rows, 'ALL');
  const report: SupervisionReport = {
    period: { id: period.id, kind: period.kind, first: period.first, last: period.last },
    county: input.county,
    generatedAt: input.generatedAt,
    department,
    totals: department === null ? { counters: all, indicators: indicatorsOf(all), ratings: ratingSummary(all) } : null,
    departments: departmentLines,
    items,
  };
  if (period.kind === 'week') report.ranking = ranking(departmentLines.map((d) => ({ department: d.department, counters: d.counters })));
  if (period.kind === 'dekad') report.dispatch = dispatch(departments, input.open ?? { overdue: [], warned: [], orders: [], rectifications: [] });
  if (period.kind === 'month' && department === null) {
    report.headline = headline(headlineInputs(rows, input.departments, input.realEstate), headlineInputs(input.previousRows ?? [], input.departments, input.realEstate));
  }
  return report;
}

/** The dispatch notice (督办通报): per department, what is open and late or warned. */
function dispatch(departments: readonly Department[], open: OpenItems): DispatchDepartment[] {
  return departments.map((d) => ({
    department: d.code,
    overdue: open.overdue.filter((t) => t.department === d.code),
    warned: open.warned.filter((t) => t.department === d.code),
    orders: open.orders.filter((o) => o.department === d.code),
    rectifications: open.rectifications.filter((r) => r.department === d.code),
  }));
}

// ---- the one table of a report: CSV and PDF ----------------------------------------------

/** A rate as a percentage with one decimal, a count as it is, a mean to two decimals; nothing as `—`. */
export function figure(value: number | null | undefined, kind: 'rate' | 'count' | 'days' = 'count'): string {
  if (value === null || value === undefined) return '—';
  if (kind === 'rate') return `${(value * 100).toFixed(1)}%`;
  if (kind === 'days') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  return String(value);
}

export interface ReportSection {
  id: string;
  title: { zh: string; en: string };
  columns: string[];
  rows: string[][];
}

const COUNTER_COLUMNS = ['received', 'accepted', 'approved', 'rejected', 'completed', 'completedOnTime', 'completedLate'] as const;

/** Every section of the report as rows of text, the same for the CSV and the PDF. */
export function reportTable(report: SupervisionReport): ReportSection[] {
  const sections: ReportSection[] = [];
  if (report.totals) {
    const { counters, indicators } = report.totals;
    sections.push({
      id: 'totals',
      title: { zh: '全县（市、区）合计', en: 'County totals' },
      columns: ['metric', 'value'],
      rows: [
        ...Object.keys(counters).filter((k) => !k.startsWith('daysUsed_')).sort().map((k) => [k, figure(counters[k])]),
        ...Object.entries(indicators).map(([k, v]) => [k, figure(v, /Days$/.test(k) || k === 'tripsPerCase' ? 'days' : 'rate')]),
      ],
    });
  }
  sections.push({
    id: 'departments',
    title: { zh: '部门', en: 'Departments' },
    columns: ['department', 'name', ...COUNTER_COLUMNS, 'onTimeRate', 'medianDays', 'p90Days', 'atWindowRate', 'signedDirectlyRate', 'yellowCards', 'redCards', 'ratings', 'satisfaction'],
    rows: report.departments.map((d) => [
      d.department, d.name.zh,
      ...COUNTER_COLUMNS.map((c) => figure(d.counters[c] ?? 0)),
      figure(d.indicators.onTimeRate, 'rate'), figure(d.indicators.medianDays, 'days'), figure(d.indicators.p90Days, 'days'),
      figure(d.indicators.atWindowRate, 'rate'), figure(d.indicators.signedDirectlyRate, 'rate'),
      figure(d.yellowCards), figure(d.redCards), figure(d.ratings.ratings), figure(d.ratings.satisfaction, 'rate'),
    ]),
  });
  sections.push({
    id: 'items',
    title: { zh: '事项', en: 'Items' },
    columns: ['itemCode', 'name', 'received', 'completed', 'onTimeRate', 'medianDays', 'p90Days', 'tripsPerCase', 'ratings', 'satisfaction'],
    rows: report.items.map((i) => [
      i.itemCode, i.name.zh, figure(i.counters.received ?? 0), figure(i.counters.completed ?? 0),
      figure(i.indicators.onTimeRate, 'rate'), figure(i.indicators.medianDays, 'days'), figure(i.indicators.p90Days, 'days'),
      figure(i.indicators.tripsPerCase, 'days'), figure(i.ratings.ratings), figure(i.ratings.satisfaction, 'rate'),
    ]),
  });
  if (report.ranking) {
    sections.push({
      id: 'ranking',
      title: { zh: '部门排名', en: 'Department ranking' },
      columns: ['rank', 'department', 'score', 'onTimeRate', 'timeUsedOfPromised', 'satisfaction', 'redCards'],
      rows: report.ranking.map((r) => [
        String(r.rank), r.department, figure(r.score, 'days'), figure(r.onTimeRate, 'rate'), figure(r.timeUsedOfPromised, 'rate'), figure(r.satisfaction, 'rate'), figure(r.redCards),
      ]),
    });
  }
  if (report.dispatch) {
    sections.push({
      id: 'dispatch',
      title: { zh: '督办通报', en: 'Dispatch notice' },
      columns: ['department', 'kind', 'id', 'receiptNumber', 'due'],
      rows: report.dispatch.flatMap((d) => [
        ...d.overdue.map((t) => [d.department, `overdue_${t.level}`, t.taskId, t.receiptNumber, t.deadline]),
        ...d.warned.map((t) => [d.department, 'warned', t.taskId, t.receiptNumber, t.deadline]),
        ...d.orders.map((o) => [d.department, o.escalated ? 'order_escalated' : 'order', o.orderId, o.receiptNumber, o.replyBy]),
        ...d.rectifications.map((r) => [d.department, r.overdue ? 'rectification_overdue' : 'rectification', r.rectificationId, r.receiptNumber, r.dueDate]),
      ]),
    });
  }
  if (report.headline) {
    const kind = (indicator: string) => (/Days$/.test(indicator) || indicator === 'tripsPerCase' ? 'days' : 'rate');
    sections.push({
      id: 'headline',
      title: { zh: '主要指标', en: 'Headline indicators' },
      columns: ['indicator', 'name', 'value', 'reform', 'previous', 'change'],
      rows: report.headline.map((h) => [h.indicator, h.name.zh, figure(h.value, kind(h.indicator)), figure(h.reform, kind(h.indicator)), figure(h.previous, kind(h.indicator)), figure(h.change, kind(h.indicator))]),
    });
  }
  return sections;
}

const csvCell = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/**
 * The report as CSV (UTF-8 with a byte-order mark, CRLF): a first line naming the period,
 * then each section as a block: its name, its header row, its rows, a blank line. Every row
 * starts with the section's id so a spreadsheet filter finds one section.
 */
export function reportCsv(report: SupervisionReport): string {
  const lines = [['report', report.period.id, report.period.first, report.period.last, report.department ?? 'ALL', report.generatedAt]];
  for (const section of reportTable(report)) {
    lines.push([]);
    lines.push([section.id, ...section.columns]);
    for (const row of section.rows) lines.push([section.id, ...row]);
  }
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** What a report file is called: `supervision-<period>[-<department>].<ext>`. */
export const reportFileName = (report: Pick<SupervisionReport, 'period' | 'department'>, ext: 'json' | 'csv' | 'pdf'): string =>
  `supervision-${report.period.id}${report.department === null ? '' : `-${report.department}`}.${ext}`;
