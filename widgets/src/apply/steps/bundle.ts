/**
 * The panel a bundle's application opens with: which departments will handle it (by stage
 * when there are several), and what applying for the bundle saves against applying for
 * its items one by one.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { StepFlow } from '../host.js';

export function renderBundlePanel(flow: StepFlow): TemplateResult | typeof nothing {
  const bundle = flow.guide.bundle;
  if (!bundle) return nothing;
  const english = flow.host.english;
  const text = (t: { zh: string; en: string }) => (english ? t.en : t.zh);
  const list = (names: string[]) => new Intl.ListFormat(english ? 'en' : 'zh-CN', { type: 'conjunction' }).format(names);
  const { materials, fields } = bundle.savings;
  const days = (n: number) => msg(str`${n} 个工作日`, { id: 'common.days' });
  return html`<section class="bundle-panel" aria-labelledby="bundle-panel-title" data-bundle-panel>
    <h2 id="bundle-panel-title">${msg('一件事，一次办', { id: 'apply.bundle.title' })}</h2>
    <p data-savings-materials>
      ${msg(str`合并后需提交 ${materials.merged} 份材料，比分别办理少 ${materials.saved} 份（分别办理需 ${materials.separately} 份）。`, {
        id: 'apply.bundle.materials',
      })}
    </p>
    ${fields.saved > 0
      ? html`<p data-savings-fields>
          ${msg(str`合并后需填写 ${fields.merged} 项信息，比分别办理少 ${fields.saved} 项（分别办理需 ${fields.separately} 项）。`, { id: 'apply.bundle.fields' })}
        </p>`
      : nothing}
    ${bundle.stages.length === 1
      ? html`<p data-departments>
          ${msg(str`由 ${bundle.departments.length} 个部门并联办理，${days(bundle.totalLimitDays)}内办结：`, { id: 'apply.bundle.parallel' })}
          ${list(bundle.departments.map((d) => text(d.name)))}
        </p>`
      : html`<p>${msg(str`分 ${bundle.stages.length} 个阶段办理，共 ${days(bundle.totalLimitDays)}：`, { id: 'apply.bundle.stages' })}</p>
          <ol class="bundle-stages" data-departments>
            ${bundle.stages.map(
              (stage) => html`<li>
                ${msg(str`${text(stage.name)}（${days(stage.limitDays)}）：${list(stage.departments.map((d) => text(d.name)))}`, { id: 'apply.bundle.stage' })}
              </li>`,
            )}
          </ol>`}
  </section>`;
}
