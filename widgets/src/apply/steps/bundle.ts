/**
 * The panel a bundle's application opens with: what the answers to its situation questions
 * include and leave out, and why; which departments will handle it (by stage when there are
 * several); and what applying for the bundle saves against applying for its items one by
 * one (for the items the answers include).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { BundleGuide } from '../../../../contracts/guides.js';
import type { StepFlow } from '../host.js';
import { reopenSituations } from './situations.js';

/** Each conditional item in or out, with the question and answer that decided it, and the way back to the questions. */
function renderAnswers(flow: StepFlow, bundle: BundleGuide): TemplateResult | typeof nothing {
  if (bundle.situations.length === 0 || !bundle.answered) return nothing;
  const text = (t: { zh: string; en: string }) => (flow.host.english ? t.en : t.zh);
  const question = (code: string | undefined) => {
    const s = bundle.situations.find((x) => x.code === code);
    return s ? text(s.question) : '';
  };
  const included = bundle.stages.flatMap((s) => s.items).filter((i) => i.situation);
  return html`<div data-answers>
    <h3>${msg('根据您的回答', { id: 'apply.situations.because' })}</h3>
    <ul data-included>
      ${included.map((i) => html`<li>
        ${msg(str`需办理${text(i.name)}：您对“${question(i.situation)}”回答了“是”`, { id: 'apply.situations.included' })}
      </li>`)}
      ${bundle.excludedItems.map((i) => html`<li data-excluded>
        ${msg(str`无需办理${text(i.name)}：您对“${question(i.situation)}”回答了“否”`, { id: 'apply.situations.excluded' })}
      </li>`)}
    </ul>
    <button type="button" part="button" class="link" id="change-answers" @click=${() => reopenSituations(flow.host)}>
      ${msg('修改回答', { id: 'apply.situations.change' })}
    </button>
  </div>`;
}

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
    ${renderAnswers(flow, bundle)}
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
