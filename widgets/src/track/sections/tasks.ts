/** Each department's review of the case: its status, its opinion, its deadline. */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { CaseView } from '../../../../contracts/cases.js';
import { localized } from '../../service-guide/catalog-text.js';
import { formatDate } from '../../shared/format.js';
import { taskStatusText } from '../track-text.js';

export function renderTasks(a: CaseView, department: (code: string | undefined) => string | undefined): TemplateResult | typeof nothing {
  if (a.tasks.length === 0) return nothing;
  // A bundle's tasks name their item and stage; a single item's would only repeat the title.
  const bundle = new Set(a.tasks.map((t) => t.itemCode)).size > 1 || a.tasks.some((t) => t.stage > 1);
  return html`<section aria-labelledby="tasks-title">
    <h3 id="tasks-title">${msg('部门审查', { id: 'track.tasks' })}</h3>
    <table part="tasks">
      <thead>
        <tr>
          <th scope="col">${msg('部门', { id: 'track.department' })}</th>
          <th scope="col">${msg('状态', { id: 'track.taskStatus' })}</th>
          <th scope="col">${msg('办理期限', { id: 'track.deadline' })}</th>
        </tr>
      </thead>
      <tbody>
        ${a.tasks.map(
          (t) => html`<tr>
            <th scope="row">
              ${department(t.department) ?? t.department}
              ${bundle
                ? html`<br /><span class="muted">${msg(str`第 ${t.stage} 阶段：${localized(t.itemName)}`, { id: 'track.taskItem' })}</span>`
                : nothing}
            </th>
            <td>${taskStatusText(t.status)}${t.decision?.opinion ? html`<br /><span class="muted">${t.decision.opinion}</span>` : nothing}</td>
            <td>${formatDate(t.deadline)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}
