/**
 * `<wb-access-log>` (`#/access-log`): who read personal data unmasked, a Shanghai day at a
 * time, oldest first (`GET /v1/staff/access-log/{day}`, paged with `next`): the staff member,
 * their roles and department, the case, and what they read (the case, a material, a notice).
 */
import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import { shanghaiDate } from '../../../contracts/dates.js';
import type { AccessEntry } from '../api.js';
import { formatDate } from '../localize.js';
import { problem } from '../problem.js';
import { caseHref } from '../links.js';
import { roleName } from '../roles.js';
import { defineView, WorkbenchView } from '../view.js';
import type { Role } from '../../../contracts/roles.js';
import { departmentName } from '../departments.js';

function whatName(what: AccessEntry['what']): string {
  switch (what) {
    case 'case':
      return msg('办件', { id: 'nav.case' });
    case 'material':
      return msg('材料', { id: 'case.materials' });
    case 'notice':
      return msg('文书', { id: 'case.notices' });
    default:
      return what;
  }
}

export class WorkbenchAccessLog extends WorkbenchView {
  static override properties = { ...WorkbenchView.properties, day: { state: true }, entries: { state: true }, next: { state: true }, error: { state: true } };

  declare day: string;
  declare entries: AccessEntry[] | undefined;
  declare next: string | undefined;
  declare error: unknown;

  constructor() {
    super();
    this.day = shanghaiDate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(cursor?: string): Promise<void> {
    this.error = undefined;
    try {
      const page = await this.api.accessLog(this.day, cursor);
      this.entries = cursor ? [...(this.entries ?? []), ...page.entries] : page.entries;
      this.next = page.next;
    } catch (error) {
      this.error = error;
    }
  }

  private choose(event: Event): void {
    event.preventDefault();
    this.day = this.querySelector<HTMLInputElement>('#log-day')!.value || this.day;
    this.entries = undefined;
    void this.load();
  }

  override render() {
    const entries = this.entries;
    return html`<h1 tabindex="-1">${msg('个人信息访问记录', { id: 'nav.accessLog' })}</h1>
      <p>${msg('每一次查看未脱敏的个人信息（办件、材料、文书）都记录在此。', { id: 'accessLog.hint' })}</p>
      <form @submit=${this.choose}>
        <label for="log-day">${msg('日期', { id: 'board.day' })}</label>
        <input id="log-day" type="date" .value=${this.day}>
        <button type="submit">${msg('查看', { id: 'case.open' })}</button>
      </form>
      ${this.error ? problem(this.error) : nothing}
      ${entries?.length === 0 ? html`<p>${msg('当日没有访问记录。', { id: 'accessLog.empty' })}</p>` : nothing}
      ${entries?.length
        ? html`<table class="rows">
            <caption class="visually-hidden">${msg('个人信息访问记录', { id: 'nav.accessLog' })} ${formatDate(this.day)}</caption>
            <thead><tr>
              <th scope="col">${msg('时间', { id: 'accessLog.at' })}</th><th scope="col">${msg('人员', { id: 'accessLog.who' })}</th>
              <th scope="col">${msg('部门', { id: 'task.department' })}</th><th scope="col">${msg('受理编号', { id: 'case.receipt' })}</th>
              <th scope="col">${msg('查看内容', { id: 'accessLog.what' })}</th>
            </tr></thead>
            <tbody>${entries.map((e) => html`<tr>
              <td>${formatDate(e.at, true)}</td><td>${e.username}（${e.roles.map((r) => roleName(r as Role)).join('、')}）</td><td>${departmentName(e.department)}</td>
              <td><a href=${caseHref(e.caseId)}>${e.receiptNumber}</a></td><td>${whatName(e.what)}${e.detail ? html` <span class="code">${e.detail}</span>` : nothing}</td>
            </tr>`)}</tbody>
          </table>`
        : nothing}
      ${this.next ? html`<div class="actions"><button type="button" @click=${() => this.load(this.next)}>${msg('加载更多', { id: 'inbox.more' })}</button></div>` : nothing}`;
  }
}

defineView('wb-access-log', WorkbenchAccessLog);
