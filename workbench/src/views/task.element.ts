/**
 * `<wb-task>` (`#/cases/<caseId>/tasks/<taskId>`): one department task as its reviewer decides
 * it. Beside the task (its level, deadline and days left): the case
 * (`GET /v1/staff/cases/{caseId}`), its materials opened inline, the other departments'
 * progress on the same case (its bundle's tasks), and the decisions the task's status allows:
 * approve (asking for the fields the approval `assigns`), reject, suspend, resume, transfer
 * to the back office. Every one but `sign` needs an opinion (the API's schema); a refusal is
 * shown as the API words it, each field named.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { TaskSummary } from '../../../contracts/cases.js';
import type { TaskDecisionInput, TaskRow } from '../../../contracts/staff.js';
import type { MaterialLink, StaffCaseView } from '../api.js';
import { formatDate, text } from '../localize.js';
import { problem } from '../problem.js';
import { caseHref, hrefOf } from '../links.js';
import { defineView, WorkbenchView } from '../view.js';
import { statusName, taskStatusName } from './case-text.js';
import { levelBadge, remainingText } from './level.js';
import { listedTask } from './task-rows.js';
import { decisionName, type Decision } from './decision-name.js';
import { departmentName } from '../departments.js';
import { materialViewer } from './material-viewer.js';
import { holding, materialRows, type Guide } from './case-guide.js';

/** The decisions a reviewer may make on a task in this status. */
const choicesFor = (task: TaskSummary): Decision[] =>
  task.status === 'pending' ? (['approve', 'reject', 'suspend', 'transfer'] as const).filter((d) => d !== 'transfer' || !task.transferred) : task.status === 'suspended' ? ['resume'] : [];

export class WorkbenchTask extends WorkbenchView {
  static override properties = {
    ...WorkbenchView.properties,
    task: { state: true },
    data: { state: true },
    caseError: { state: true },
    actionError: { state: true },
    done: { state: true },
    busy: { state: true },
    choice: { state: true },
    opened: { state: true },
    guide: { state: true },
  };

  declare task: TaskSummary | TaskRow | undefined;
  declare data: StaffCaseView | undefined;
  declare caseError: unknown;
  declare actionError: unknown;
  declare done: string;
  declare busy: boolean;
  declare choice: Decision | undefined;
  declare opened: MaterialLink | undefined;
  /** The item's or bundle's guide, naming the case's materials. */
  declare guide: Guide | undefined;

  constructor() {
    super();
    this.done = '';
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.task = listedTask(this.params.taskId!);
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.data = await this.api.case(this.params.caseId!);
      this.task = this.data.tasks.find((t) => t.taskId === this.params.taskId) ?? this.task;
      this.caseError = undefined;
    } catch (error) {
      this.caseError = error;
    }
    const c = this.data?.case;
    if (!c || this.guide) return;
    // Without the guide the materials are listed by file name.
    this.guide = await this.api.caseGuide(c).catch(() => undefined);
  }

  private async decide(event: Event): Promise<void> {
    event.preventDefault();
    const task = this.task;
    if (!task || !this.choice || this.busy) return;
    const form = event.target as HTMLFormElement;
    const opinion = (form.querySelector<HTMLTextAreaElement>('#opinion')?.value ?? '').trim();
    const assigned = Object.fromEntries(
      [...form.querySelectorAll<HTMLInputElement>('input[data-assigns]')].map((input) => [input.dataset.assigns!, input.value.trim()]).filter(([, value]) => value),
    );
    const input = {
      decision: this.choice,
      opinion,
      ...(this.choice === 'approve' && Object.keys(assigned).length > 0 ? { assigned } : {}),
    } as TaskDecisionInput;
    this.busy = true;
    this.actionError = undefined;
    try {
      const decided = await this.api.decide(task.taskId, input);
      this.task = { ...task, ...decided.task };
      this.done = `${decisionName(this.choice)}：${taskStatusName(this.task.status)}`;
      this.choice = undefined;
      form.reset();
      await this.load();
    } catch (error) {
      this.actionError = error;
    } finally {
      this.busy = false;
    }
  }

  private async open(code: string): Promise<void> {
    this.actionError = undefined;
    try {
      this.opened = await this.api.material(this.params.caseId!, code);
    } catch (error) {
      this.actionError = error;
    }
  }

  override render() {
    const task = this.task;
    const c = this.data?.case;
    const title = task ? `${c?.receiptNumber ?? (task as TaskRow).receiptNumber ?? ''} · ${text(task.itemName)}` : msg('审查任务', { id: 'nav.task' });
    return html`<h1 tabindex="-1">${title}</h1>
      <p><a href=${hrefOf('/inbox')}>${msg('返回收件箱', { id: 'task.back' })}</a>
        · <a href=${caseHref(this.params.caseId!)}>${msg('查看完整办件', { id: 'task.wholeCase' })}</a></p>
      <p role="status" class=${this.done ? 'notice-ok' : 'visually-hidden'}>${this.done}</p>
      ${this.actionError ? problem(this.actionError) : nothing}
      ${task ? this.facts(task) : nothing}
      ${task ? this.decisions(task) : nothing}
      ${this.caseError ? problem(this.caseError) : nothing}
      ${this.data ? this.caseFacts(this.data) : !this.caseError ? html`<p role="status">${msg('加载中…', { id: 'common.loading' })}</p>` : nothing}
      ${this.opened ? materialViewer(this.opened, () => (this.opened = undefined)) : nothing}
      ${this.data ? this.progress(this.data.tasks) : nothing}`;
  }

  private facts(task: TaskSummary | TaskRow): TemplateResult {
    const remaining = 'remainingDays' in task ? task.remainingDays : undefined;
    return html`<dl class="facts">
      <dt>${msg('状态', { id: 'case.status' })}</dt><dd>${taskStatusName(task.status)}</dd>
      <dt>${msg('督查等级', { id: 'inbox.level' })}</dt><dd>${levelBadge(task.level)}</dd>
      <dt>${msg('期限', { id: 'case.deadline' })}</dt>
      <dd>${formatDate(task.deadline)}${remaining !== undefined ? html` <span class=${remaining < 0 ? 'late' : 'muted'}>(${remainingText(remaining)})</span>` : nothing}</dd>
      ${task.legalDeadline ? html`<dt>${msg('法定期限', { id: 'task.legalDeadline' })}</dt><dd>${formatDate(task.legalDeadline)}</dd>` : nothing}
      ${task.transferred ? html`<dt>${msg('已转后台', { id: 'task.transferred' })}</dt><dd>${task.transferred.by}：${task.transferred.opinion}</dd>` : nothing}
      ${task.decision?.opinion ? html`<dt>${msg('审查意见', { id: 'task.opinion' })}</dt><dd>${decisionName(task.decision.decision as Decision)}：${task.decision.opinion}</dd>` : nothing}
    </dl>`;
  }

  private decisions(task: TaskSummary): TemplateResult | typeof nothing {
    if (!this.session.roles.includes('reviewer')) return nothing;
    const choices = choicesFor(task);
    if (choices.length === 0) return nothing;
    return html`<form @submit=${this.decide} aria-labelledby="decide-title">
      <h2 id="decide-title">${msg('审查决定', { id: 'task.decide' })}</h2>
      <fieldset>
        <legend>${msg('决定', { id: 'task.decision' })}</legend>
        <ul class="choices">${choices.map((d) => html`<li>
          <input type="radio" name="decision" id=${`decision-${d}`} value=${d} .checked=${this.choice === d} @change=${() => (this.choice = d)}>
          <label for=${`decision-${d}`}>${decisionName(d)}</label></li>`)}</ul>
      </fieldset>
      ${this.choice === 'approve' && task.assigns?.length
        ? task.assigns.map((field) => html`<p><label for=${`assigns-${field}`}>${msg('赋予的字段', { id: 'task.assigns' })} <span class="code">${field}</span></label><br>
            <input id=${`assigns-${field}`} type="text" data-assigns=${field} maxlength="100" required></p>`)
        : nothing}
      <p><label for="opinion">${msg('审查意见', { id: 'task.opinion' })}</label><br>
        <textarea id="opinion" rows="3" cols="60" maxlength="2000"></textarea></p>
      <div class="actions"><button type="submit" class="primary" ?disabled=${!this.choice || this.busy}>${msg('提交决定', { id: 'task.submit' })}</button></div>
    </form>`;
  }

  private caseFacts(data: StaffCaseView): TemplateResult {
    const c = data.case;
    return html`<h2 id="case-title">${msg('办件', { id: 'nav.case' })}</h2>
      <dl class="facts" aria-labelledby="case-title">
        <dt>${msg('状态', { id: 'case.status' })}</dt><dd>${statusName(c.status)}</dd>
        <dt>${msg('申请人', { id: 'case.applicant' })}</dt><dd>${c.applicant.name}</dd>
        <dt>${msg('提交时间', { id: 'case.submitted' })}</dt><dd>${formatDate(c.submittedAt, true)}</dd>
        <dt>${msg('承诺办结日期', { id: 'case.promised' })}</dt><dd>${formatDate(c.promisedDate)}</dd>
      </dl>
      ${c.materials.length > 0
        ? html`<h3>${msg('材料', { id: 'case.materials' })}</h3>
            <ul class="choices">${this.guide
              ? materialRows(this.guide, c).map((row) => html`<li>${text(row.name)}：${holding(row)}
                  ${row.uploaded ? html`<button type="button" @click=${() => this.open(row.code)}>${msg('查看', { id: 'case.open' })}<span class="visually-hidden">：${text(row.name)}</span></button>` : nothing}</li>`)
              : c.materials.map((m) => html`<li><button type="button" @click=${() => this.open(m.materialCode)}>${msg('查看', { id: 'case.open' })}<span class="visually-hidden">：</span> ${m.fileName}</button></li>`)}</ul>`
        : nothing}`;
  }

  private progress(tasks: TaskSummary[]): TemplateResult {
    return html`<h2 id="progress-title">${msg('各部门办理进度', { id: 'task.progress' })}</h2>
      <table class="rows" aria-labelledby="progress-title">
        <thead><tr>
          <th scope="col">${msg('阶段', { id: 'case.stage' })}</th>
          <th scope="col">${msg('部门', { id: 'task.department' })}</th>
          <th scope="col">${msg('事项', { id: 'case.item' })}</th>
          <th scope="col">${msg('状态', { id: 'case.status' })}</th>
          <th scope="col">${msg('督查等级', { id: 'inbox.level' })}</th>
          <th scope="col">${msg('期限', { id: 'case.deadline' })}</th>
        </tr></thead>
        <tbody>${tasks.map((t) => html`<tr aria-current=${t.taskId === this.params.taskId ? 'true' : nothing}>
          <td>${t.stage}</td><td>${departmentName(t.department)}</td><td>${text(t.itemName)}</td><td>${taskStatusName(t.status)}</td><td>${levelBadge(t.level)}</td><td>${formatDate(t.deadline)}</td>
        </tr>`)}</tbody>
      </table>`;
  }
}

defineView('wb-task', WorkbenchTask);
