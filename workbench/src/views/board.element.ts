/**
 * `<wb-board>` (`#/board`): the supervisor's board (`GET /v1/staff/supervision/board`,
 * docs/reports.md). Open tasks by level per department, the red and severe tasks listed (a
 * supervision order issued on one from its row), the overdue rectifications, the week's
 * ranking (the ISO week's report) and the last seven days as a chart (uPlot, its own chunk,
 * loaded here only) with the same figures in a table; the reports downloaded as JSON, CSV or
 * PDF. It stays live without reloading the page: read again every 15 seconds and whenever the
 * window regains focus or becomes visible. Dates are the platform's (`today` of the board),
 * not the browser's.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { ListedTask, RankingEntry, SupervisionBoard } from '../../../contracts/supervision-reports.js';
import type { ReportFormat } from '../api.js';
import { formatDate, text } from '../localize.js';
import { problem } from '../problem.js';
import { saveFile } from '../files.js';
import { caseHref } from '../links.js';
import { defineView, WorkbenchView } from '../view.js';
import type { TrendSeries } from './board-chart.js';
import { levelBadge } from './level.js';
import { departmentName } from '../departments.js';

/** How often the board is read again while open. */
export const BOARD_POLL_MS = 15_000;
const LEVELS = ['normal', 'yellow', 'red', 'severe'] as const;
const FORMATS: ReportFormat[] = ['json', 'csv', 'pdf'];

/** The ISO week (`2026-W49`) of a day. */
export function isoWeekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 4 - (date.getUTCDay() || 7));
  const week = Math.ceil(((date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The next working day after `day` that is not a weekend (the API refuses a holiday, naming it). */
function workingDayAfter(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  for (let left = days; left > 0; ) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (date.getUTCDay() % 6 !== 0) left--;
  }
  return date.toISOString().slice(0, 10);
}

const series = (): TrendSeries[] => [
  { counter: 'received', label: msg('收件', { id: 'board.trend.received' }), colour: '#1a5fb4' },
  { counter: 'accepted', label: msg('受理', { id: 'case.accept' }), colour: '#1a7f37', dash: [6, 3] },
  { counter: 'completed', label: msg('办结', { id: 'board.trend.completed' }), colour: '#6f42c1', dash: [2, 2] },
  { counter: 'red', label: msg('红灯超期', { id: 'level.red' }), colour: '#a1160a', dash: [10, 4] },
];

export class WorkbenchBoard extends WorkbenchView {
  static override properties = {
    ...WorkbenchView.properties,
    board: { state: true },
    ranking: { state: true },
    error: { state: true },
    actionError: { state: true },
    done: { state: true },
    ordering: { state: true },
    busy: { state: true },
  };

  declare board: SupervisionBoard | undefined;
  declare ranking: RankingEntry[] | undefined;
  declare error: unknown;
  declare actionError: unknown;
  declare done: string;
  /** The red or severe task an order is being written for. */
  declare ordering: ListedTask | undefined;
  declare busy: boolean;

  private timer: ReturnType<typeof setInterval> | undefined;
  private removeChart: (() => void) | undefined;
  private reading = false;
  /** The board the chart was last drawn for. */
  private charted: SupervisionBoard | undefined;

  constructor() {
    super();
    this.done = '';
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('focus', this.refresh);
    document.addEventListener('visibilitychange', this.refresh);
    this.timer = setInterval(this.refresh, BOARD_POLL_MS);
    void this.read();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('focus', this.refresh);
    document.removeEventListener('visibilitychange', this.refresh);
    clearInterval(this.timer);
    this.removeChart?.();
    super.disconnectedCallback();
  }

  private refresh = () => {
    if (document.visibilityState === 'visible') void this.read();
  };

  /** Reads the board (and the week's ranking when the week changed); one read at a time. */
  private async read(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    try {
      const board = await this.api.board();
      const week = isoWeekOf(board.today);
      if (!this.board || isoWeekOf(this.board.today) !== week || !this.ranking) this.ranking = (await this.api.report(week)).ranking ?? [];
      this.board = board;
      this.error = undefined;
    } catch (error) {
      this.error = error;
    } finally {
      this.reading = false;
    }
  }

  protected override updated(): void {
    const target = this.querySelector<HTMLElement>('#trend-chart');
    if (!target || !this.board || this.charted === this.board) return;
    this.charted = this.board;
    const week = this.board.week;
    void import('./board-chart.js').then(({ drawTrends }) => {
      this.removeChart?.();
      target.replaceChildren();
      this.removeChart = drawTrends(target, week, series(), Math.max(320, Math.min(target.clientWidth || 640, 720)));
    });
  }

  private async download(period: string, format: ReportFormat): Promise<void> {
    this.actionError = undefined;
    try {
      saveFile(await this.api.reportFile(period, format), `supervision-${period}.${format}`);
      this.done = msg(str`已下载 ${period} 报告（${format.toUpperCase()}）。`, { id: 'board.downloaded' });
    } catch (error) {
      this.actionError = error;
    }
  }

  private async issueOrder(event: Event, task: ListedTask): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const reason = form.querySelector<HTMLTextAreaElement>('#order-reason')!.value.trim();
    const replyBy = form.querySelector<HTMLInputElement>('#order-reply-by')!.value;
    this.busy = true;
    this.actionError = undefined;
    try {
      const { order } = await this.api.issueOrder(task.caseId, { department: task.department, reason, replyBy });
      this.done = msg(str`已对 ${order.receiptNumber} 发出督办，${departmentName(order.department)} 须于 ${formatDate(order.replyBy)} 前答复。`, { id: 'board.ordered' });
      this.ordering = undefined;
    } catch (error) {
      this.actionError = error;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const board = this.board;
    return html`<h1 tabindex="-1">${msg('效能督查看板', { id: 'nav.board' })}</h1>
      ${board ? html`<p class="muted">${msg(str`数据更新于 ${formatDate(board.generatedAt, true)}，每 15 秒自动刷新。`, { id: 'board.updated' })}</p>` : nothing}
      <p role="status" class=${this.done ? 'notice-ok' : 'visually-hidden'}>${this.done}</p>
      ${this.error ? problem(this.error) : nothing}
      ${this.actionError ? problem(this.actionError) : nothing}
      ${board ? this.content(board) : !this.error ? html`<p role="status">${msg('加载中…', { id: 'common.loading' })}</p>` : nothing}`;
  }

  private content(board: SupervisionBoard): TemplateResult {
    return html`${this.open(board)}
      ${this.tasks('red', msg('红灯超期任务', { id: 'board.red' }), board.red.entries, board.red.total)}
      ${this.tasks('severe', msg('严重超期任务', { id: 'board.severe' }), board.severe.entries, board.severe.total)}
      ${this.ordering ? this.orderForm(this.ordering, board.today) : nothing}
      ${this.rectifications(board)}
      <div class="board-grid">${this.rankingTable()}${this.trends(board)}</div>
      ${this.reports(board)}`;
  }

  private open(board: SupervisionBoard): TemplateResult {
    return html`<h2 id="open-title">${msg('在办任务（按督查等级）', { id: 'board.open' })}</h2>
      <table class="rows" aria-labelledby="open-title">
        <thead><tr><th scope="col">${msg('部门', { id: 'task.department' })}</th>${LEVELS.map((level) => html`<th scope="col">${levelBadge(level)}</th>`)}</tr></thead>
        <tbody>${board.open.map((row) => html`<tr>
          <th scope="row">${row.scope === 'ALL' ? msg('全县', { id: 'board.county' }) : departmentName(row.scope.replace(/^DEPT#/, ''))}</th>
          ${LEVELS.map((level) => html`<td>${row[level]}</td>`)}
        </tr>`)}</tbody>
      </table>`;
  }

  private tasks(id: string, title: string, entries: ListedTask[], total: number | null): TemplateResult {
    return html`<h2 id=${`${id}-title`}>${title}（${total ?? entries.length}）</h2>
      ${entries.length === 0
        ? html`<p>${msg('无。', { id: 'board.none' })}</p>`
        : html`<table class="rows" id=${`${id}-tasks`} aria-labelledby=${`${id}-title`}>
            <thead><tr>
              <th scope="col">${msg('受理编号', { id: 'case.receipt' })}</th>
              <th scope="col">${msg('部门', { id: 'task.department' })}</th>
              <th scope="col">${msg('事项', { id: 'case.item' })}</th>
              <th scope="col">${msg('督查等级', { id: 'inbox.level' })}</th>
              <th scope="col">${msg('承诺期限', { id: 'board.deadline' })}</th>
              <th scope="col">${msg('法定期限', { id: 'task.legalDeadline' })}</th>
              <th scope="col">${msg('督办', { id: 'board.order' })}</th>
            </tr></thead>
            <tbody>${entries.map((task) => html`<tr>
              <td><a href=${caseHref(task.caseId)}>${task.receiptNumber}</a></td>
              <td>${departmentName(task.department)}</td>
              <td>${text(task.itemName)}</td>
              <td>${levelBadge(task.level)}</td>
              <td>${formatDate(task.deadline)}</td>
              <td>${task.legalDeadline ? formatDate(task.legalDeadline) : '—'}</td>
              <td><button type="button" @click=${() => (this.ordering = task)}>${msg('督办', { id: 'board.order' })}<span class="visually-hidden"> ${task.receiptNumber}</span></button></td>
            </tr>`)}</tbody>
          </table>`}`;
  }

  private orderForm(task: ListedTask, today: string): TemplateResult {
    return html`<form @submit=${(e: Event) => this.issueOrder(e, task)} aria-labelledby="order-title">
      <h2 id="order-title">${msg(str`督办 ${task.receiptNumber}（${departmentName(task.department)}）`, { id: 'board.orderTitle' })}</h2>
      <p><label for="order-reason">${msg('督办事由', { id: 'board.orderReason' })}</label><br>
        <textarea id="order-reason" rows="3" cols="60" maxlength="2000">${msg('已超承诺时限，请说明原因并加快办理。', { id: 'board.orderDefault' })}</textarea></p>
      <p><label for="order-reply-by">${msg('答复期限', { id: 'board.replyBy' })}</label>
        <input id="order-reply-by" type="date" .value=${workingDayAfter(today, 2)}></p>
      <div class="actions">
        <button type="submit" class="primary" ?disabled=${this.busy}>${msg('发出督办', { id: 'board.orderSend' })}</button>
        <button type="button" @click=${() => (this.ordering = undefined)}>${msg('取消', { id: 'common.cancel' })}</button>
      </div>
    </form>`;
  }

  private rectifications(board: SupervisionBoard): TemplateResult {
    const entries = board.overdueRectifications.entries;
    return html`<h2 id="rectifications-title">${msg('逾期整改', { id: 'board.rectifications' })}</h2>
      ${entries.length === 0
        ? html`<p>${msg('无。', { id: 'board.none' })}</p>`
        : html`<table class="rows" aria-labelledby="rectifications-title">
            <thead><tr><th scope="col">${msg('受理编号', { id: 'case.receipt' })}</th><th scope="col">${msg('部门', { id: 'task.department' })}</th><th scope="col">${msg('整改期限', { id: 'board.rectificationDue' })}</th></tr></thead>
            <tbody>${entries.map((r) => html`<tr><td><a href=${caseHref(r.caseId)}>${r.receiptNumber}</a></td><td>${departmentName(r.department)}</td><td class="late">${formatDate(r.dueDate)}</td></tr>`)}</tbody>
          </table>`}`;
  }

  private rankingTable(): TemplateResult {
    const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
    return html`<section aria-labelledby="ranking-title">
      <h2 id="ranking-title">${msg('本周部门排名', { id: 'board.ranking' })}</h2>
      ${!this.ranking?.length
        ? html`<p>${msg('本周尚无排名。', { id: 'board.noRanking' })}</p>`
        : html`<table class="rows" aria-labelledby="ranking-title">
            <thead><tr>
              <th scope="col">${msg('名次', { id: 'board.rank' })}</th><th scope="col">${msg('部门', { id: 'task.department' })}</th>
              <th scope="col">${msg('得分', { id: 'board.score' })}</th><th scope="col">${msg('按时办结率', { id: 'board.onTime' })}</th>
              <th scope="col">${msg('满意度', { id: 'board.satisfaction' })}</th><th scope="col">${msg('红牌', { id: 'board.redCards' })}</th>
            </tr></thead>
            <tbody>${this.ranking.map((r) => html`<tr><td>${r.rank}</td><td>${departmentName(r.department)}</td><td>${r.score === null ? '—' : r.score.toFixed(1)}</td><td>${percent(r.onTimeRate)}</td><td>${percent(r.satisfaction)}</td><td>${r.redCards}</td></tr>`)}</tbody>
          </table>`}
    </section>`;
  }

  private trends(board: SupervisionBoard): TemplateResult {
    const lines = series();
    return html`<section aria-labelledby="trends-title">
      <h2 id="trends-title">${msg('近七天趋势', { id: 'board.trends' })}</h2>
      <div id="trend-chart" class="chart" aria-hidden="true"></div>
      <table class="rows">
        <caption class="visually-hidden">${msg('近七天趋势', { id: 'board.trends' })}</caption>
        <thead><tr><th scope="col">${msg('日期', { id: 'board.day' })}</th>${lines.map((s) => html`<th scope="col">${s.label}</th>`)}</tr></thead>
        <tbody>${board.week.map((d) => html`<tr><th scope="row">${formatDate(d.day)}</th>${lines.map((s) => html`<td>${d.counters[s.counter] ?? 0}</td>`)}</tr>`)}</tbody>
      </table>
    </section>`;
  }

  private reports(board: SupervisionBoard): TemplateResult {
    const month = board.today.slice(0, 7);
    const choose = () => this.querySelector<HTMLInputElement>('#report-period')!.value.trim() || month;
    return html`<section aria-labelledby="reports-title">
      <h2 id="reports-title">${msg('督查报告下载', { id: 'board.reports' })}</h2>
      <p class="muted">${msg('周期：日 2026-12-07，周 2026-W49，旬 2026-12-D1，月 2026-12。', { id: 'board.periodHint' })}</p>
      <label for="report-period">${msg('报告周期', { id: 'board.period' })}</label>
      <input id="report-period" type="text" .value=${month} size="12">
      <div class="actions">${FORMATS.map((format) => html`<button type="button" @click=${() => this.download(choose(), format)}>${msg('下载', { id: 'board.download' })} ${format.toUpperCase()}</button>`)}</div>
    </section>`;
  }
}

defineView('wb-board', WorkbenchBoard);
