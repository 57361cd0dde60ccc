/**
 * `<wb-inbox>` (`#/inbox`): the reviewer's inbox, the department's tasks earliest deadline
 * first (`GET /v1/staff/tasks?sort=deadline`), each with its level (colour and words) and
 * the working days left. Saved filters (all pending, yellow, red or severe, due this week,
 * suspended, mine) each show their count, taken from the list's own answers ("50+" while a
 * next page exists). `j`/`k` move between the tasks, Enter opens one (ordinary Tab and Enter
 * work too); "load more" follows each query's `next`.
 */
import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import { shanghaiDate } from '../../../contracts/dates.js';
import type { TaskRow } from '../../../contracts/staff.js';
import { formatDate, text } from '../localize.js';
import { problem } from '../problem.js';
import { taskHref } from '../links.js';
import { defineView, WorkbenchView } from '../view.js';
import { taskStatusName } from './case-text.js';
import { levelBadge, remainingText } from './level.js';
import { moveFocus, rememberTasks } from './task-rows.js';

interface SavedFilter {
  id: string;
  name(): string;
  /** One list query or several (their rows together). */
  queries: Record<string, string>[];
}

/** The Monday after `day`: "due this week" is due before it. */
function nextMonday(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + (8 - (date.getUTCDay() || 7)));
  return date.toISOString().slice(0, 10);
}

const filters = (): SavedFilter[] => [
  { id: 'pending', name: () => msg('全部待审', { id: 'inbox.filter.pending' }), queries: [{ status: 'pending' }] },
  { id: 'yellow', name: () => msg('黄灯预警', { id: 'level.yellow' }), queries: [{ status: 'pending', level: 'yellow' }] },
  {
    id: 'red',
    name: () => msg('红灯及严重超期', { id: 'inbox.filter.red' }),
    queries: [{ status: 'pending', level: 'red' }, { status: 'pending', level: 'severe' }],
  },
  { id: 'week', name: () => msg('本周到期', { id: 'inbox.filter.week' }), queries: [{ status: 'pending', dueBefore: nextMonday(shanghaiDate()) }] },
  { id: 'suspended', name: () => msg('已中止', { id: 'taskStatus.suspended' }), queries: [{ status: 'suspended' }] },
  { id: 'mine', name: () => msg('我已提请签发', { id: 'inbox.filter.mine' }), queries: [{ status: 'awaiting_signature', mine: 'true' }] },
];

/** What a filter's queries answered: the rows so far and each query's next cursor. */
interface Listing {
  rows: TaskRow[];
  next: (string | undefined)[];
}

const byDeadline = (a: TaskRow, b: TaskRow) => a.deadline.localeCompare(b.deadline) || a.receiptNumber.localeCompare(b.receiptNumber);

export class WorkbenchInbox extends WorkbenchView {
  static override properties = {
    ...WorkbenchView.properties,
    chosen: { state: true },
    listings: { state: true },
    error: { state: true },
    loading: { state: true },
  };

  declare chosen: string;
  declare listings: Map<string, Listing>;
  declare error: unknown;
  declare loading: boolean;

  private readonly filters = filters();

  constructor() {
    super();
    this.chosen = 'pending';
    this.listings = new Map();
    this.loading = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // On the document, so j/k work before anything in the view has focus (right after signing in).
    document.addEventListener('keydown', this.onKey);
    void this.loadAll();
  }

  override disconnectedCallback(): void {
    document.removeEventListener('keydown', this.onKey);
    super.disconnectedCallback();
  }

  private onKey = (event: KeyboardEvent) => moveFocus(event, this, 'a.task-link');

  private async list(filter: SavedFilter, cursors?: (string | undefined)[]): Promise<Listing> {
    const pages = await Promise.all(
      filter.queries.map((query, i) => {
        if (cursors && !cursors[i]) return { tasks: [] as TaskRow[], next: undefined };
        return this.api.tasks({ sort: 'deadline', ...query, ...(cursors ? { cursor: cursors[i]! } : {}) });
      }),
    );
    const rows = pages.flatMap((page) => page.tasks);
    rememberTasks(rows);
    return { rows, next: pages.map((page) => page.next) };
  }

  /** Every saved filter's first page (their counts), the chosen one's rows among them. */
  private async loadAll(): Promise<void> {
    this.loading = true;
    try {
      const listed = await Promise.all(this.filters.map(async (filter) => [filter.id, await this.list(filter)] as const));
      this.listings = new Map(listed);
      this.error = undefined;
    } catch (error) {
      this.error = error;
    } finally {
      this.loading = false;
    }
  }

  private async loadMore(): Promise<void> {
    const filter = this.filters.find((f) => f.id === this.chosen)!;
    const listing = this.listings.get(filter.id)!;
    this.loading = true;
    try {
      const more = await this.list(filter, listing.next);
      this.listings = new Map(this.listings).set(filter.id, { rows: [...listing.rows, ...more.rows], next: more.next });
    } catch (error) {
      this.error = error;
    } finally {
      this.loading = false;
    }
  }

  private count(listing: Listing | undefined): string {
    if (!listing) return '…';
    return `${listing.rows.length}${listing.next.some(Boolean) ? '+' : ''}`;
  }

  override render() {
    const listing = this.listings.get(this.chosen);
    const chosen = this.filters.find((f) => f.id === this.chosen)!;
    return html`<h1 tabindex="-1">${msg('审查收件箱', { id: 'nav.inbox' })}</h1>
      <p>${msg('本部门的审查任务，期限最早的在前。按 j / k 在任务间移动，按回车打开。', { id: 'inbox.hint' })}</p>
      <ul class="filters" aria-label=${msg('常用筛选', { id: 'inbox.filters' })}>
        ${this.filters.map(
          (filter) => html`<li><button type="button" aria-pressed=${filter.id === this.chosen ? 'true' : 'false'} @click=${() => (this.chosen = filter.id)}>
            ${filter.name()} <span class="count">(${this.count(this.listings.get(filter.id))})</span></button></li>`,
        )}
      </ul>
      ${this.error ? problem(this.error) : nothing}
      <p role="status" class=${this.loading ? '' : 'visually-hidden'}>${this.loading ? msg('加载中…', { id: 'common.loading' }) : listing ? msg(str`${chosen.name()}：${listing.rows.length} 项`, { id: 'inbox.shown' }) : ''}</p>
      ${listing?.rows.length === 0 ? html`<p>${msg('没有符合条件的任务。', { id: 'inbox.empty' })}</p>` : nothing}
      ${listing?.rows.length ? this.table([...listing.rows].sort(byDeadline), chosen.name()) : nothing}
      ${listing?.next.some(Boolean) ? html`<div class="actions"><button type="button" ?disabled=${this.loading} @click=${this.loadMore}>${msg('加载更多', { id: 'inbox.more' })}</button></div>` : nothing}`;
  }

  private table(rows: TaskRow[], caption: string) {
    return html`<table class="rows">
      <caption class="visually-hidden">${caption}</caption>
      <thead><tr>
        <th scope="col">${msg('受理编号', { id: 'case.receipt' })}</th>
        <th scope="col">${msg('事项', { id: 'case.item' })}</th>
        <th scope="col">${msg('申请人', { id: 'case.applicant' })}</th>
        <th scope="col">${msg('状态', { id: 'case.status' })}</th>
        <th scope="col">${msg('督查等级', { id: 'inbox.level' })}</th>
        <th scope="col">${msg('期限', { id: 'case.deadline' })}</th>
      </tr></thead>
      <tbody>${rows.map(
        (row) => html`<tr>
          <td><a class="task-link" href=${taskHref(row.caseId, row.taskId)}>${row.receiptNumber}</a></td>
          <td>${text(row.itemName)}</td>
          <td>${row.applicantName ?? ''}</td>
          <td>${taskStatusName(row.status)}</td>
          <td>${levelBadge(row.level)}</td>
          <td>${formatDate(row.deadline)}${row.remainingDays !== undefined
            ? html` <span class=${row.remainingDays < 0 ? 'late' : 'muted'}>(${remainingText(row.remainingDays)})</span>`
            : nothing}</td>
        </tr>`,
      )}</tbody>
    </table>`;
  }
}

defineView('wb-inbox', WorkbenchInbox);
