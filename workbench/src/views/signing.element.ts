/**
 * `<wb-signing>` (`#/signing`, `#/leader`): the decisions waiting for a signature. The chief
 * representative's queue holds the tasks `awaiting_signature`, the leader's those referred to
 * them (`awaiting_leader`), each with the reviewer's proposal and opinion beside it (and the
 * chief's referral, for the leader). One at a time: sign, or (the chief) refer to a leader
 * with an opinion. Several: tick them and sign in one batch (`POST /v1/staff/tasks/decisions`);
 * the answer is shown per task, a failed one with the API's own words and code.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { BatchDecisionResult, TaskRow } from '../../../contracts/staff.js';
import { ApiError } from '../api.js';
import { formatDate, text } from '../localize.js';
import { problem } from '../problem.js';
import { taskHref } from '../links.js';
import { defineView, WorkbenchView } from '../view.js';
import { taskStatusName } from './case-text.js';
import { levelBadge, remainingText } from './level.js';
import { moveFocus, rememberTasks } from './task-rows.js';
import { decisionName } from './decision-name.js';

export class WorkbenchSigning extends WorkbenchView {
  static override properties = {
    ...WorkbenchView.properties,
    rows: { state: true },
    next: { state: true },
    ticked: { state: true },
    results: { state: true },
    referring: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  declare rows: TaskRow[] | undefined;
  declare next: string | undefined;
  declare ticked: Set<string>;
  /** The last signing's answer, per task, with the receipt number it was shown under. */
  declare results: (BatchDecisionResult & { receiptNumber: string })[];
  /** The task whose referral opinion is being written. */
  declare referring: string | undefined;
  declare error: unknown;
  declare busy: boolean;

  constructor() {
    super();
    this.ticked = new Set();
    this.results = [];
    this.busy = false;
  }

  /** The leader's queue when the staff member is a leader (and not a chief). */
  private get leader(): boolean {
    return this.session.roles.includes('leader') && !this.session.roles.includes('chief');
  }

  private get status(): string {
    return this.leader ? 'awaiting_leader' : 'awaiting_signature';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // On the document, so j/k work before anything in the view has focus (right after signing in).
    document.addEventListener('keydown', this.onKey);
    void this.load();
  }

  override disconnectedCallback(): void {
    document.removeEventListener('keydown', this.onKey);
    super.disconnectedCallback();
  }

  private onKey = (event: KeyboardEvent) => moveFocus(event, this, 'a.task-link');

  private async load(cursor?: string): Promise<void> {
    try {
      const page = await this.api.tasks({ status: this.status, sort: 'deadline', ...(cursor ? { cursor } : {}) });
      rememberTasks(page.tasks);
      this.rows = cursor ? [...(this.rows ?? []), ...page.tasks] : page.tasks;
      this.next = page.next;
      this.error = undefined;
    } catch (error) {
      this.error = error;
    }
  }

  private tick(taskId: string, on: boolean): void {
    const ticked = new Set(this.ticked);
    if (on) ticked.add(taskId);
    else ticked.delete(taskId);
    this.ticked = ticked;
  }

  /** Signs the tasks given in one batch, then shows each one's result and reloads the queue. */
  private async sign(taskIds: string[]): Promise<void> {
    if (taskIds.length === 0 || this.busy) return;
    this.busy = true;
    this.error = undefined;
    const receipts = new Map(this.rows?.map((row) => [row.taskId, row.receiptNumber]));
    try {
      const { results } = await this.api.decideMany({ decisions: taskIds.map((taskId) => ({ taskId, decision: 'sign' as const })) });
      this.results = results.map((r) => ({ ...r, receiptNumber: receipts.get(r.taskId) ?? r.taskId }));
      this.ticked = new Set();
      await this.load();
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }

  private async refer(event: Event, row: TaskRow): Promise<void> {
    event.preventDefault();
    const opinion = (event.target as HTMLFormElement).querySelector<HTMLTextAreaElement>('textarea')!.value.trim();
    this.busy = true;
    this.error = undefined;
    try {
      await this.api.decide(row.taskId, { decision: 'refer', opinion });
      this.results = [{ taskId: row.taskId, ok: true, receiptNumber: row.receiptNumber }];
      this.referring = undefined;
      await this.load();
    } catch (error) {
      this.error = error;
      if (error instanceof ApiError) this.results = [];
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const title = this.leader ? msg('负责人签批', { id: 'nav.leader' }) : msg('签发队列', { id: 'nav.signing' });
    const rows = this.rows;
    return html`<h1 tabindex="-1">${title}</h1>
      <p>${this.leader
        ? msg('首席代表提请您签批的审查决定。', { id: 'signing.leaderHint' })
        : msg('审查员提出、等待您签发的决定，审查意见在旁。可逐件签发或提请负责人签批，也可勾选多件一并签发。', { id: 'signing.hint' })}</p>
      ${this.error ? problem(this.error) : nothing}
      ${this.results.length > 0 ? this.outcome() : nothing}
      ${rows === undefined && !this.error ? html`<p role="status">${msg('加载中…', { id: 'common.loading' })}</p>` : nothing}
      ${rows?.length === 0 ? html`<p>${msg('没有等待签发的决定。', { id: 'signing.empty' })}</p>` : nothing}
      ${rows?.length ? this.table(rows) : nothing}
      ${this.next ? html`<div class="actions"><button type="button" @click=${() => this.load(this.next)}>${msg('加载更多', { id: 'inbox.more' })}</button></div>` : nothing}`;
  }

  private outcome(): TemplateResult {
    const failed = this.results.filter((r) => !r.ok).length;
    return html`<section aria-labelledby="results-title" role="status">
      <h2 id="results-title">${msg(str`办理结果：成功 ${this.results.length - failed} 件，失败 ${failed} 件`, { id: 'signing.results' })}</h2>
      <ul class="results">${this.results.map((r) => html`<li>
        ${r.receiptNumber}：${r.ok
          ? html`<span class="result-ok">${msg('成功', { id: 'signing.ok' })}</span>${r.task ? html`（${taskStatusName(r.task.status)}）` : nothing}`
          : html`<span class="result-failed">${msg('失败', { id: 'signing.failed' })}</span> ${r.error.message} <span class="code">(${r.error.code})</span>`}
      </li>`)}</ul>
    </section>`;
  }

  private table(rows: TaskRow[]): TemplateResult {
    const all = rows.length > 0 && rows.every((row) => this.ticked.has(row.taskId));
    return html`<div class="actions">
        <button type="button" class="primary" ?disabled=${this.ticked.size === 0 || this.busy} @click=${() => this.sign([...this.ticked])}>
          ${msg(str`签发所选（${this.ticked.size} 件）`, { id: 'signing.signTicked' })}</button>
      </div>
      <table class="rows">
        <caption class="visually-hidden">${msg('等待签发的决定', { id: 'signing.caption' })}</caption>
        <thead><tr>
          <th scope="col"><input type="checkbox" id="tick-all" .checked=${all} @change=${(e: Event) => (this.ticked = (e.target as HTMLInputElement).checked ? new Set(rows.map((r) => r.taskId)) : new Set())}>
            <label for="tick-all" class="visually-hidden">${msg('全选', { id: 'signing.all' })}</label></th>
          <th scope="col">${msg('受理编号', { id: 'case.receipt' })}</th>
          <th scope="col">${msg('事项', { id: 'case.item' })}</th>
          <th scope="col">${msg('审查意见', { id: 'task.opinion' })}</th>
          <th scope="col">${msg('督查等级', { id: 'inbox.level' })}</th>
          <th scope="col">${msg('期限', { id: 'case.deadline' })}</th>
          <th scope="col">${msg('操作', { id: 'signing.actions' })}</th>
        </tr></thead>
        <tbody>${rows.map((row) => this.row(row))}</tbody>
      </table>`;
  }

  private row(row: TaskRow): TemplateResult {
    const tick = `tick-${row.taskId}`;
    return html`<tr>
      <td><input type="checkbox" id=${tick} .checked=${this.ticked.has(row.taskId)} @change=${(e: Event) => this.tick(row.taskId, (e.target as HTMLInputElement).checked)}>
        <label for=${tick} class="visually-hidden">${msg('选择', { id: 'signing.tick' })} ${row.receiptNumber}</label></td>
      <td><a class="task-link" href=${taskHref(row.caseId, row.taskId)}>${row.receiptNumber}</a><br><span class="muted">${row.applicantName}</span></td>
      <td>${text(row.itemName)}</td>
      <td>${row.decision ? html`<strong>${decisionName(row.decision.decision)}</strong>：${row.decision.opinion ?? ''}` : nothing}
        ${row.referral ? html`<br><span class="muted">${msg('提请签批', { id: 'signing.referral' })}（${row.referral.by}）：${row.referral.opinion}</span>` : nothing}</td>
      <td>${levelBadge(row.level)}</td>
      <td>${formatDate(row.deadline)} <span class=${row.remainingDays < 0 ? 'late' : 'muted'}>(${remainingText(row.remainingDays)})</span></td>
      <td>
        <button type="button" ?disabled=${this.busy} @click=${() => this.sign([row.taskId])}>${decisionName('sign')}<span class="visually-hidden"> ${row.receiptNumber}</span></button>
        ${this.leader ? nothing : this.referral(row)}
      </td>
    </tr>`;
  }

  private referral(row: TaskRow): TemplateResult {
    if (this.referring !== row.taskId) {
      return html`<button type="button" ?disabled=${this.busy} @click=${() => (this.referring = row.taskId)}>${decisionName('refer')}<span class="visually-hidden"> ${row.receiptNumber}</span></button>`;
    }
    const id = `refer-${row.taskId}`;
    return html`<form @submit=${(e: Event) => this.refer(e, row)}>
      <label for=${id}>${msg('提请理由', { id: 'signing.referOpinion' })}</label><br>
      <textarea id=${id} rows="2" cols="30" maxlength="2000"></textarea><br>
      <button type="submit" ?disabled=${this.busy}>${msg('提请', { id: 'signing.referSend' })}</button>
      <button type="button" @click=${() => (this.referring = undefined)}>${msg('取消', { id: 'common.cancel' })}</button>
    </form>`;
  }
}

defineView('wb-signing', WorkbenchSigning);
