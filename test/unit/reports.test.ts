/** Putting a report together (functions/domain/reports.ts): who sees what, and the one table its CSV and PDF share. */
import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../../functions/domain/errors.js';
import { parsePeriod } from '../../functions/domain/periods.js';
import { buildReport, realEstateItems, reportCsv, supervisionScope, type ReportInputs } from '../../functions/domain/reports.js';

const departments = [
  { code: 'amr', name: { zh: '市场监督管理局', en: 'Market regulation' }, account: 'A' },
  { code: 'nrp', name: { zh: '自然资源和规划局', en: 'Natural resources' }, account: 'N' },
];
const services = [
  { code: '000105002000', name: { zh: '食品经营许可', en: 'Food, "business", licence' }, department: 'amr' },
  { code: '000108005000', name: { zh: '不动产转移登记', en: 'Transfer' }, department: 'nrp' },
  { code: 'BIZ-ONE', name: { zh: '企业开办', en: 'Opening a business' }, department: null },
];
const inputs = (department: string | null, period = '2026-11'): ReportInputs => ({
  period: parsePeriod(period)!,
  county: '430600',
  generatedAt: '2026-12-01T00:00:00.000Z',
  department,
  departments,
  services,
  realEstate: ['000108005000'],
  rows: [
    { day: '2026-11-02', scope: 'ALL', counters: { received: 3, completed: 2, trips: 2 } },
    { day: '2026-11-02', scope: 'DEPT#amr', counters: { received: 2, yellow: 1, redCards: 1 } },
    { day: '2026-11-03', scope: 'DEPT#amr', counters: { yellow: 2 } },
    { day: '2026-11-02', scope: 'DEPT#nrp', counters: { received: 1 } },
    { day: '2026-11-02', scope: 'ITEM#000105002000', counters: { received: 2 } },
    { day: '2026-11-02', scope: 'ITEM#000108005000', counters: { received: 1 } },
    { day: '2026-11-02', scope: 'ITEM#BIZ-ONE', counters: { received: 1 } },
  ],
});
const staff = (role: 'supervisor' | 'admin' | 'chief' | 'reviewer' | 'clerk', department = 'nrp') => ({ username: role, roles: [role], department });

describe('supervisionScope', () => {
  it('gives supervisors and admins the county, a chief their department, and refuses the others', () => {
    expect(supervisionScope(staff('supervisor', 'center'))).toBeNull();
    expect(supervisionScope(staff('admin', 'center'))).toBeNull();
    expect(supervisionScope(staff('chief', 'nrp'))).toBe('nrp');
    expect(() => supervisionScope(staff('reviewer'))).toThrow(ForbiddenError);
    expect(() => supervisionScope(staff('clerk', 'center'))).toThrow(ForbiddenError);
  });
});

describe('buildReport', () => {
  it('sums each department\'s days, with its yellow and red cards, and lists only the services with cases', () => {
    const report = buildReport(inputs(null));
    expect(report.departments.map((d) => [d.department, d.yellowCards, d.redCards, d.counters.received])).toEqual([['amr', 3, 1, 2], ['nrp', 0, 0, 1]]);
    expect(report.items.map((i) => i.itemCode)).toEqual(['000105002000', '000108005000', 'BIZ-ONE']);
    expect(report.totals?.counters).toEqual({ received: 3, completed: 2, trips: 2 });
    expect(report.headline?.find((h) => h.indicator === 'tripsPerCase')?.value).toBe(1);
  });

  it('leaves everything of other departments out of a chief\'s report: their rows, their items, bundles, the county', () => {
    const report = buildReport(inputs('nrp'));
    expect(report.totals).toBeNull();
    expect(report.headline).toBeUndefined();
    expect(report.departments.map((d) => d.department)).toEqual(['nrp']);
    expect(report.items.map((i) => i.itemCode)).toEqual(['000108005000']);
    expect(JSON.stringify(report)).not.toMatch(/amr|000105002000|BIZ-ONE/);
  });
});

describe('reportCsv', () => {
  it('starts with a byte-order mark and a line naming the report, quotes what needs quoting, and ends lines with CRLF', () => {
    const csv = reportCsv(buildReport(inputs(null, '2026-W45')));
    expect(csv.startsWith('\uFEFFreport,2026-W45,2026-11-02,2026-11-08,ALL,2026-12-01T00:00:00.000Z\r\n')).toBe(true);
    expect(csv).toContain('\r\ndepartments,department,name,received,');
    expect(csv).toContain('\r\nranking,1,');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n').every((line) => !line.includes('\n'))).toBe(true);
  });
});

describe('realEstateItems', () => {
  it('finds the real-estate registration items by their name, whatever their codes', () => {
    const items = [
      { baseCode: '000108004000', name: { zh: '不动产首次登记（国有建设用地使用权及房屋所有权）', en: '' } },
      { baseCode: '000108005000', name: { zh: '不动产转移登记（住宅买卖）', en: '' } },
      { baseCode: '000108002000', name: { zh: '建设用地规划许可证核发', en: '' } },
    ];
    expect(realEstateItems({ items } as never)).toEqual(['000108004000', '000108005000']);
  });
});
