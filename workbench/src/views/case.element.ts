/**
 * `<wb-case>` (`#/cases/<caseId>`): one case as staff read it (`GET /v1/staff/cases/{caseId}`),
 * and the clerk's work on it. The form's answers stand beside the guide's field titles and
 * hints; each of the guide's materials beside what the case holds for it, opened inline (a
 * PDF in a frame, an image as one); certificate-library proofs are marked verified.
 *
 * While the case waits for pre-review the clerk ticks what is wrong to compose the one-time
 * deficiency notice (deficiency.ts), or accepts (with the applicant's deferred materials
 * listed, when there are any), or refuses with a reason. Any time: record a visit, assign an
 * agent to a green-channel case, download the case's official notices to print them.
 *
 * `#/cases/<caseId>/materials/<materialCode>` is the same view with that material opened.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { VISIT_REASONS, VISIT_REASON_NAMES, type VisitReason } from '../../../contracts/staff.js';
import type { PreReviewInput } from '../../../contracts/staff.js';
import type { Deficiency } from '../../../contracts/cases.js';
import type { MaterialLink, StaffCaseView } from '../api.js';
import { formatDate, text } from '../localize.js';
import { problem } from '../problem.js';
import { saveFile } from '../files.js';
import { defineView, WorkbenchView } from '../view.js';
import { fieldRows, holding, materialRows, type Guide, type MaterialRow } from './case-guide.js';
import { noticeName, statusName, taskStatusName } from './case-text.js';
import { DeficiencyDraft, preview, reasonPicker, tickBox } from './deficiency.js';
import { materialViewer } from './material-viewer.js';

export class WorkbenchCase extends WorkbenchView {
  static override properties = {
    ...WorkbenchView.properties,
    data: { state: true },
    guide: { state: true },
    error: { state: true },
    actionError: { state: true },
    done: { state: true },
    busy: { state: true },
    previewing: { state: true },
    opened: { state: true },
    revision: { state: true },
  };

  declare data: StaffCaseView | undefined;
  declare guide: Guide | undefined;
  declare error: unknown;
  declare actionError: unknown;
  /** What the last action did, announced in the status line. */
  declare done: string;
  declare busy: boolean;
  declare previewing: boolean;
  /** The material opened inline. */
  declare opened: MaterialLink | undefined;
  /** Bumped when the draft changes (its Map is not watched). */
  declare revision: number;

  private draft = new DeficiencyDraft();

  constructor() {
    super();
    this.done = '';
    this.busy = false;
    this.previewing = false;
    this.revision = 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    const { materialCode } = this.params;
    if (materialCode) void this.open(materialCode);
    try {
      const data = await this.api.case(this.params.caseId!);
      const c = data.case;
      this.guide = await this.api.caseGuide(c);
      this.data = data;
    } catch (error) {
      this.error = error;
    }
  }

  private get isClerk(): boolean {
    return this.session.roles.includes('clerk');
  }

  /** Runs an action on the case; its answer is the case's new staff view. */
  private async act(action: () => Promise<StaffCaseView>, done: string): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.actionError = undefined;
    try {
      this.data = await action();
      this.done = done;
    } catch (error) {
      this.actionError = error;
    } finally {
      this.busy = false;
    }
  }

  private preReview(input: PreReviewInput, done: string): Promise<void> {
    return this.act(() => this.api.preReview(this.params.caseId!, input), done);
  }

  private async sendNotice(): Promise<void> {
    await this.preReview({ decision: 'deficient', deficiencies: this.draft.deficiencies() }, msg('一次性告知书已发送。', { id: 'case.done.deficient' }));
    if (!this.actionError) {
      this.draft = new DeficiencyDraft();
      this.previewing = false;
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

  /** Saves a notice's PDF under the name the API gives it (`<kind>-<receipt number>.pdf`). */
  private async download(noticeId: string, kind: string): Promise<void> {
    this.actionError = undefined;
    try {
      saveFile(await this.api.notice(this.params.caseId!, noticeId), `${kind}-${this.data!.case.receiptNumber}.pdf`);
    } catch (error) {
      this.actionError = error;
    }
  }

  private changed = () => {
    this.revision += 1;
  };

  override render() {
    const data = this.data;
    const c = data?.case;
    // One heading through loading and loaded, so the focus the shell gives it stays.
    return html`<h1 tabindex="-1">${c ? `${c.receiptNumber} · ${text(c.itemName)}` : msg('办件', { id: 'nav.case' })}</h1>
      ${data ? this.loaded(data) : this.error ? problem(this.error) : html`<p role="status">${msg('加载中…', { id: 'common.loading' })}</p>`}`;
  }

  private loaded(data: StaffCaseView): TemplateResult {
    const c = data.case;
    const composing = this.isClerk && c.status === 'submitted' && c.notices.length === 0;
    return html`<p role="status" class=${this.done ? 'notice-ok' : 'visually-hidden'}>${this.done}</p>
      ${this.actionError ? problem(this.actionError) : nothing}
      ${this.facts(data)}
      ${this.guide ? this.form(composing) : nothing}
      ${this.guide ? this.materials(composing) : nothing}
      ${this.opened ? materialViewer(this.opened, () => (this.opened = undefined)) : nothing}
      ${this.isClerk && c.status === 'submitted' ? this.decisions(composing) : nothing}
      ${this.notices()}
      ${this.visit()}
      ${this.agent()}
      ${this.tasks()}`;
  }

  private facts(data: StaffCaseView): TemplateResult {
    const c = data.case;
    return html`<dl class="facts">
        <dt>${msg('状态', { id: 'case.status' })}</dt><dd>${statusName(c.status)}</dd>
        <dt>${msg('申请人', { id: 'case.applicant' })}</dt><dd>${c.applicant.name}（${c.applicant.idNumber}）</dd>
        <dt>${msg('联系电话', { id: 'case.phone' })}</dt><dd>${c.applicant.phone}</dd>
        <dt>${msg('提交时间', { id: 'case.submitted' })}</dt><dd>${formatDate(c.submittedAt, true)}</dd>
        <dt>${msg('承诺办结日期', { id: 'case.promised' })}</dt><dd>${formatDate(c.promisedDate)}</dd>
        ${c.greenChannel ? html`<dt>${msg('绿色通道', { id: 'case.green' })}</dt>
          <dd>${c.agent ? html`${msg('代办员', { id: 'role.agent' })} ${c.agent.username}；${msg('授权', { id: 'case.authorization' })}：${c.agent.authorization}` : msg('尚未指派代办员', { id: 'case.noAgent' })}</dd>` : nothing}
      </dl>
      ${data.unmasked === false ? html`<p class="muted">${msg('您的角色不办理此件，个人信息已脱敏。', { id: 'case.masked' })}</p>` : nothing}`;
  }

  private form(composing: boolean): TemplateResult {
    const rows = fieldRows(this.guide!, this.data!.case.form);
    return html`<h2 id="form-title">${msg('申请表与办事指南', { id: 'case.form' })}</h2>
      <table class="rows" aria-labelledby="form-title">
        <thead><tr>
          <th scope="col">${msg('填报项', { id: 'case.field' })}</th>
          <th scope="col">${msg('填报内容', { id: 'case.answer' })}</th>
          <th scope="col">${msg('指南说明', { id: 'case.guide' })}</th>
          ${composing ? html`<th scope="col">${msg('补正', { id: 'case.correct' })}</th>` : nothing}
        </tr></thead>
        <tbody>${rows.map((row) => html`<tr>
          <th scope="row">${row.title}</th>
          <td>${row.value}</td>
          <td class="muted">${row.hint}</td>
          ${composing ? html`<td>${tickBox(this.draft, 'field', row.path, row.title, this.changed)}${reasonPicker(this.draft.get('field', row.path), this.changed)}</td>` : nothing}
        </tr>`)}</tbody>
      </table>`;
  }

  private materials(composing: boolean): TemplateResult {
    const rows = materialRows(this.guide!, this.data!.case);
    const requirement = (row: MaterialRow) =>
      [row.required ? msg('必交', { id: 'case.material.required' }) : msg('选交', { id: 'case.material.optionalShort' }), row.originalRequired ? msg('需核验原件', { id: 'case.material.original' }) : ''].filter(Boolean).join('，');
    return html`<h2 id="materials-title">${msg('材料', { id: 'case.materials' })}</h2>
      <table class="rows" aria-labelledby="materials-title">
        <thead><tr>
          <th scope="col">${msg('材料', { id: 'case.materials' })}</th>
          <th scope="col">${msg('要求', { id: 'case.requirement' })}</th>
          <th scope="col">${msg('已交', { id: 'case.held' })}</th>
          ${composing ? html`<th scope="col">${msg('补正', { id: 'case.correct' })}</th>` : nothing}
        </tr></thead>
        <tbody>${rows.map((row) => html`<tr>
          <th scope="row">${text(row.name)}</th>
          <td>${requirement(row)}</td>
          <td>${row.reused ? html`<span class="tag">${holding(row)}</span> ${text(row.reused.itemName)}` : holding(row)}
            ${row.uploaded ? html` <button type="button" @click=${() => this.open(row.code)}>${msg('查看', { id: 'case.open' })}<span class="visually-hidden">：${text(row.name)}</span></button>` : nothing}</td>
          ${composing ? html`<td>${tickBox(this.draft, 'material', row.code, text(row.name), this.changed)}${reasonPicker(this.draft.get('material', row.code), this.changed)}</td>` : nothing}
        </tr>`)}</tbody>
      </table>`;
  }

  private decisions(composing: boolean): TemplateResult {
    const c = this.data!.case;
    const ticked = this.draft.rows.size;
    const unfinished = this.draft.unfinished();
    const deferred = c.deferred.filter((d) => d.status === 'open');
    const names = new Map(this.guide?.materials.map((m) => [m.code, text(m.name)]) ?? []);
    return html`
      ${composing ? html`<section aria-labelledby="deficiency-title">
        <h2 id="deficiency-title">${msg('一次性告知', { id: 'case.deficiency' })}</h2>
        <p>${msg('在上表中勾选需补正的材料和填报项，并为每一项选择或填写原因。告知书只能发送一次。', { id: 'case.deficiency.hint' })}</p>
        <p role="status">${msg(str`已勾选 ${ticked} 项`, { id: 'case.deficiency.ticked' })}</p>
        ${ticked > 0 && unfinished.length > 0 ? html`<p class="late">${msg('还有项目没有原因：', { id: 'case.deficiency.unfinished' })}${unfinished.map((row) => row.label).join('、')}</p>` : nothing}
        <div class="actions">
          <button type="button" ?disabled=${ticked === 0 || unfinished.length > 0} @click=${() => (this.previewing = true)}>${msg('预览告知书', { id: 'case.deficiency.preview' })}</button>
        </div>
        ${this.previewing && ticked > 0 && unfinished.length === 0 ? html`${preview(this.draft)}
          <div class="actions"><button type="button" class="primary" ?disabled=${this.busy} @click=${this.sendNotice}>${msg('发送告知书', { id: 'case.deficiency.send' })}</button></div>` : nothing}
      </section>` : nothing}
      <section aria-labelledby="accept-title">
        <h2 id="accept-title">${msg('受理', { id: 'case.accept' })}</h2>
        ${deferred.length > 0 ? html`<p>${msg('申请人承诺容缺后补以下材料：', { id: 'case.accept.deferred' })}</p>
          <ul>${deferred.map((d) => html`<li>${names.get(d.materialCode) ?? d.materialCode}：${msg('截止', { id: 'case.dueBy' })} ${formatDate(d.dueDate)}</li>`)}</ul>` : nothing}
        <div class="actions">
          <button type="button" class="primary" ?disabled=${this.busy} @click=${() => this.preReview({ decision: 'accept' }, msg('已受理。', { id: 'case.done.accepted' }))}>
            ${deferred.length > 0 ? msg('容缺受理', { id: 'case.accept.withDeferred' }) : msg('受理', { id: 'case.accept' })}</button>
        </div>
      </section>
      <section aria-labelledby="refuse-title">
        <h2 id="refuse-title">${msg('不予受理', { id: 'case.refuse' })}</h2>
        <label for="refuse-reason">${msg('不予受理的理由', { id: 'case.refuse.reason' })}</label><br>
        <textarea id="refuse-reason" rows="3" cols="60" maxlength="1000"></textarea>
        <div class="actions"><button type="button" class="danger" ?disabled=${this.busy} @click=${this.refuse}>${msg('不予受理', { id: 'case.refuse' })}</button></div>
      </section>`;
  }

  private refuse = () => {
    const reason = this.querySelector<HTMLTextAreaElement>('#refuse-reason')?.value.trim() ?? '';
    if (!reason) {
      this.actionError = undefined;
      this.querySelector<HTMLTextAreaElement>('#refuse-reason')?.focus();
      this.done = msg('请填写不予受理的理由。', { id: 'case.refuse.needReason' });
      return;
    }
    void this.preReview({ decision: 'reject', reason }, msg('已决定不予受理。', { id: 'case.done.refused' }));
  };

  /** What a sent deficiency names, in words: the material's name or the field's title from the guide. */
  private deficiencyLabel(d: Deficiency): string {
    if (d.materialCode) return text(this.guide?.materials.find((m) => m.code === d.materialCode)?.name) || d.materialCode;
    const path = d.path ?? '';
    return (this.guide && fieldRows(this.guide, this.data!.case.form).find((row) => row.path === path)?.title) || path;
  }

  private notices(): TemplateResult | typeof nothing {
    const c = this.data!.case;
    const documents = c.documents ?? [];
    if (documents.length === 0 && c.notices.length === 0) return nothing;
    return html`<h2>${msg('文书', { id: 'case.notices' })}</h2>
      <ul>${c.notices.map((n) => html`<li>${noticeName(n.kind)}，${formatDate(n.issuedAt, true)}：
        <ul>${n.deficiencies.map((d) => html`<li>${this.deficiencyLabel(d)}：${d.message}</li>`)}</ul></li>`)}</ul>
      ${documents.length > 0 ? html`<ul class="choices">${documents.map((d) => html`<li><button type="button" @click=${() => this.download(d.noticeId, d.kind)}>${msg('下载', { id: 'case.download' })} ${noticeName(d.kind)}（${formatDate(d.issuedAt)}）</button></li>`)}</ul>` : nothing}`;
  }

  private visit(): TemplateResult | typeof nothing {
    const roles = this.session.roles;
    if (!roles.some((r) => r === 'clerk' || r === 'agent' || r === 'supervisor' || r === 'admin')) return nothing;
    const record = () => {
      const reason = this.querySelector<HTMLSelectElement>('#visit-reason')!.value as VisitReason;
      const note = this.querySelector<HTMLInputElement>('#visit-note')!.value.trim();
      void this.act(() => this.api.visit(this.params.caseId!, { reason, ...(note ? { note } : {}) }), msg('已记录跑动。', { id: 'case.done.visit' }));
    };
    return html`<section aria-labelledby="visit-title">
      <h2 id="visit-title">${msg('记录跑动', { id: 'case.visit' })}</h2>
      <p class="muted">${msg(str`已记录到场 ${this.data!.case.visits?.length ?? 0} 次`, { id: 'case.visits' })}</p>
      <label for="visit-reason">${msg('事由', { id: 'case.visit.reason' })}</label>
      <select id="visit-reason">${VISIT_REASONS.map((r) => html`<option value=${r}>${text(VISIT_REASON_NAMES[r])}</option>`)}</select>
      <label for="visit-note">${msg('备注', { id: 'case.visit.note' })}</label>
      <input id="visit-note" type="text" maxlength="500">
      <div class="actions"><button type="button" ?disabled=${this.busy} @click=${record}>${msg('记录跑动', { id: 'case.visit' })}</button></div>
    </section>`;
  }

  private agent(): TemplateResult | typeof nothing {
    const c = this.data!.case;
    if (!c.greenChannel || !this.isClerk) return nothing;
    const assign = () => {
      const agent = this.querySelector<HTMLInputElement>('#agent-name')!.value.trim();
      const authorization = this.querySelector<HTMLInputElement>('#agent-authorization')!.value.trim();
      void this.act(() => this.api.assignAgent(this.params.caseId!, { agent, authorization }), msg('已指派代办员。', { id: 'case.done.agent' }));
    };
    return html`<section aria-labelledby="agent-title">
      <h2 id="agent-title">${msg('指派代办员', { id: 'case.agent' })}</h2>
      <label for="agent-name">${msg('代办员用户名', { id: 'case.agent.name' })}</label>
      <input id="agent-name" type="text" .value=${c.agent?.username ?? ''}>
      <label for="agent-authorization">${msg('授权委托书编号及范围', { id: 'case.agent.authorization' })}</label>
      <input id="agent-authorization" type="text" maxlength="500" .value=${c.agent?.authorization ?? ''}>
      <div class="actions"><button type="button" ?disabled=${this.busy} @click=${assign}>${msg('指派', { id: 'case.agent.assign' })}</button></div>
    </section>`;
  }

  private tasks(): TemplateResult | typeof nothing {
    const tasks = this.data!.tasks;
    if (tasks.length === 0) return nothing;
    return html`<h2 id="tasks-title">${msg('部门审查进度', { id: 'case.tasks' })}</h2>
      <table class="rows" aria-labelledby="tasks-title">
        <thead><tr>
          <th scope="col">${msg('阶段', { id: 'case.stage' })}</th>
          <th scope="col">${msg('事项', { id: 'case.item' })}</th>
          <th scope="col">${msg('状态', { id: 'case.status' })}</th>
          <th scope="col">${msg('期限', { id: 'case.deadline' })}</th>
          <th scope="col">${msg('意见', { id: 'case.opinion' })}</th>
        </tr></thead>
        <tbody>${tasks.map((t) => html`<tr><td>${t.stage}</td><td>${text(t.itemName)}</td><td>${taskStatusName(t.status)}</td><td>${formatDate(t.deadline)}</td><td>${t.decision?.opinion ?? ''}</td></tr>`)}</tbody>
      </table>`;
  }
}

defineView('wb-case', WorkbenchCase);
