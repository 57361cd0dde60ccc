/**
 * `<onetrip-service-guide>`: one catalog item's guide, read from the API and shown in full.
 */
import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import type { GuideMaterial, ItemGuide } from '../../../contracts/guides.js';
import type { ItemPerformance } from '../../../contracts/supervision-reports.js';
import { OneTripApi, paths } from '../shared/api.js';
import { formatBytes } from '../shared/format.js';
import { OneTripElement } from '../shared/onetrip.element.js';
import { problemText } from '../shared/problem.js';
import { deliveryModeText, feeRuleText, itemTypeText, localized, tripsText } from './catalog-text.js';
import { serviceGuideStyles } from './service-guide.styles.js';

const TYPE_LABELS: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG' };

/**
 * The guide of one service item (办事指南) as the catalog publishes it: conditions,
 * materials (which may be supplied later, which need the original shown), fees, the
 * promised and legal time limits, the handling department, delivery modes and how many
 * trips it takes.
 *
 * @summary The service guide of one catalog item.
 *
 * @attr item - Base code (e.g. `000105002000`) or implementation code of the item.
 * @attr api-base - Origin and path prefix of the OneTrip API. Defaults to the page's origin.
 * @attr locale - `en` for English; anything else (or nothing) for Chinese.
 *
 * @fires onetrip-guide-loaded - The guide has been shown. `detail`: `{ itemCode, name }`.
 *
 * @csspart guide - The whole guide (an `article`).
 * @csspart header - The heading block: department, item name and code.
 * @csspart title - The item's name (an `h2`).
 * @csspart trips - The trips badge ("全程网办，零跑动" or "最多跑一次").
 * @csspart performance - How the item did over the last 30 days ("近 30 天平均 2 个工作日办结，按时办结率 98%，满意度 96%"): only the figures with data, and nothing at all without any.
 * @csspart facts - The key facts list: time limits, department, fees, delivery.
 * @csspart section - Each section (conditions, materials, fees, basis).
 * @csspart materials - The materials table.
 * @csspart tag - A material's marks ("可容缺后补", "需出示原件").
 * @csspart status - The loading message.
 * @csspart error - The error message block.
 * @csspart retry-button - The "try again" button after an error.
 *
 * @cssprop [--onetrip-accent=#1a5fb4] - Buttons, links and the trips badge.
 * @cssprop [--onetrip-on-accent=#ffffff] - Text on the accent colour.
 * @cssprop [--onetrip-text=#1f2328] - Body text.
 * @cssprop [--onetrip-muted=#57606a] - Secondary text.
 * @cssprop [--onetrip-surface=#ffffff] - Background.
 * @cssprop [--onetrip-panel=#f3f6f9] - Background of the facts panel and table headers.
 * @cssprop [--onetrip-border=#57606a] - Borders of fields and tables.
 * @cssprop [--onetrip-font] - Font family.
 * @cssprop [--onetrip-font-size=16px] - Base font size.
 * @cssprop [--onetrip-radius=4px] - Corner radius.
 * @cssprop [--onetrip-loading-height] - The room the element keeps until it shows what it loads (onetrip.js sets one per element; README, "Keeping the page still").
 * @cssprop [--onetrip-focus=#ffbf47] - Focus outline.
 * @cssprop [--onetrip-error=#b3261e] - Error text.
 */
export class OneTripServiceGuide extends OneTripElement {
  static override styles = [OneTripElement.styles, serviceGuideStyles];

  static override properties = {
    item: { type: String, reflect: true },
  };

  /** Base or implementation code of the item. */
  item?: string;

  // The performance is read beside the guide and shown with it, so nothing moves when it arrives;
  // without it (no data, or it could not be read) the guide shows alone, with no room kept for it.
  private readonly guide = new Task(this, {
    task: async ([item, base], { signal }) => {
      if (!item) return undefined;
      const api = new OneTripApi(base);
      const [guide, performance] = await Promise.all([
        api.get<ItemGuide>(paths.item(item), signal),
        api.get<ItemPerformance>(paths.itemPerformance(item), signal).catch((error: unknown) => {
          if ((error as Error).name === 'AbortError') throw error;
          return undefined;
        }),
      ]);
      return { ...guide, performance };
    },
    args: () => [this.item ?? '', this.base] as const,
    onComplete: (guide) => {
      if (guide) this.dispatchEvent(new CustomEvent('onetrip-guide-loaded', { bubbles: true, composed: true, detail: { itemCode: guide.baseCode, name: guide.name } }));
    },
  });

  protected override get shown(): boolean {
    return !this.item || this.guide.status === TaskStatus.COMPLETE || this.guide.status === TaskStatus.ERROR;
  }

  protected override render() {
    return this.isolated(
      this.guide.render({
        initial: () => nothing,
        pending: () => html`<p part="status" role="status">${msg('加载中…', { id: 'common.loading' })}</p>`,
        complete: (guide) => (guide ? this.renderGuide(guide) : nothing),
        error: (error) => this.renderError(error),
      }),
    );
  }

  private renderError(error: unknown) {
    return html`<div part="error" class="error" role="alert">
      <p>
        <span class="error-message">${msg('错误：', { id: 'common.error' })}</span>
        ${problemText(error)}
      </p>
      <button type="button" part="retry-button" @click=${() => void this.guide.run()}>${msg('重试', { id: 'common.retry' })}</button>
    </div>`;
  }

  /** "近 30 天平均 2 个工作日办结，按时办结率 98%，满意度 96%": the figures with data only; nothing without any. */
  private renderPerformance(performance: ItemPerformance | undefined) {
    if (!performance) return nothing;
    const percent = (share: number) => Math.round(share * 100);
    const parts = [
      performance.averageDays === null ? undefined : msg(str`平均 ${Math.round(performance.averageDays * 10) / 10} 个工作日办结`, { id: 'guide.performance.days' }),
      performance.onTimeRate === null ? undefined : msg(str`按时办结率 ${percent(performance.onTimeRate)}%`, { id: 'guide.performance.onTime' }),
      performance.satisfaction === null ? undefined : msg(str`满意度 ${percent(performance.satisfaction)}%`, { id: 'guide.performance.satisfaction' }),
    ].filter((part): part is string => part !== undefined);
    if (parts.length === 0) return nothing;
    return html`<p part="performance" class="performance">
      ${msg('近 30 天', { id: 'guide.performance.lead' })}${parts.join(msg('，', { id: 'guide.performance.separator' }))}
    </p>`;
  }

  private renderGuide(guide: ItemGuide & { performance?: ItemPerformance }) {
    const days = (n: number) => msg(str`${n} 个工作日`, { id: 'common.days' });
    return html`<article part="guide" aria-labelledby="title">
      <header part="header">
        <p class="department">${localized(guide.department.name)}</p>
        <h2 id="title" part="title">${localized(guide.name)}</h2>
        <p class="meta">
          ${msg('事项编码', { id: 'guide.code' })} ${guide.implementationCode} · ${itemTypeText(guide.type)}
        </p>
      </header>
      <p part="trips" class="trips ${guide.trips === 0 ? 'zero' : 'one'}">
        <strong>${tripsText(guide.trips)}</strong>
        <span>
          ${guide.trips === 0
            ? msg('网上申请、网上提交材料，结果快递或电子送达，不用到窗口。', { id: 'guide.trips.zeroExplained' })
            : msg('网上申请，只需到窗口出示一次原件。', { id: 'guide.trips.oneExplained' })}
        </span>
      </p>
      ${this.renderPerformance(guide.performance)}
      <dl part="facts" class="facts">
        <div><dt>${msg('承诺时限', { id: 'guide.promisedLimit' })}</dt><dd>${days(guide.promisedLimitDays)}</dd></div>
        <div><dt>${msg('法定时限', { id: 'guide.legalLimit' })}</dt><dd>${days(guide.legalLimitDays)}</dd></div>
        <div><dt>${msg('办理部门', { id: 'guide.department' })}</dt><dd>${localized(guide.department.name)}</dd></div>
        <div>
          <dt>${msg('收费', { id: 'guide.feesShort' })}</dt>
          <dd>${guide.fees.length === 0 ? msg('不收费', { id: 'guide.free' }) : msg('收费，见下方收费标准', { id: 'guide.feesBelow' })}</dd>
        </div>
        <div>
          <dt>${msg('结果送达', { id: 'guide.delivery' })}</dt>
          <dd>${guide.deliveryModes.map(deliveryModeText).join(msg('、', { id: 'guide.listSeparator' }))}</dd>
        </div>
      </dl>
      <section part="section" aria-labelledby="conditions">
        <h3 id="conditions">${msg('申请条件', { id: 'guide.conditions' })}</h3>
        <ul>
          ${guide.conditions.map((c) => html`<li>${localized(c)}</li>`)}
        </ul>
      </section>
      <section part="section" aria-labelledby="materials">
        <h3 id="materials">${msg('申请材料', { id: 'guide.materials' })}</h3>
        ${this.renderMaterials(guide.materials)}
      </section>
      <section part="section" aria-labelledby="fees">
        <h3 id="fees">${msg('收费标准', { id: 'guide.fees' })}</h3>
        ${guide.fees.length === 0
          ? html`<p>${msg('本事项不收费。', { id: 'guide.freeSentence' })}</p>`
          : html`<ul class="fees">
              ${guide.fees.map((fee) => {
                const rule = feeRuleText(fee.rule, guide.formSchema);
                return html`<li>
                  <strong>${localized(fee.name)}</strong>${msg('：', { id: 'guide.colon' })}
                  ${Array.isArray(rule)
                    ? html`${rule[0]}
                        <ul>
                          ${rule.slice(1).map((line) => html`<li>${line}</li>`)}
                        </ul>`
                    : rule}
                  <span class="basis">${msg('依据：', { id: 'guide.feeBasis' })}${localized(fee.basis)}</span>
                </li>`;
              })}
            </ul>`}
      </section>
      ${guide.intermediaries.length > 0
        ? html`<section part="section" aria-labelledby="intermediaries">
            <h3 id="intermediaries">${msg('中介服务', { id: 'guide.intermediaries' })}</h3>
            <ul>
              ${guide.intermediaries.map(
                (s) => html`<li>
                  ${localized(s.name)}${s.freeChoice ? html` (${msg('申请人可自主选择服务机构', { id: 'guide.freeChoice' })})` : nothing}
                </li>`,
              )}
            </ul>
          </section>`
        : nothing}
      <section part="section" aria-labelledby="basis">
        <h3 id="basis">${msg('设定依据', { id: 'guide.basis' })}</h3>
        <p>${localized(guide.basis)}</p>
      </section>
    </article>`;
  }

  private renderMaterials(materials: GuideMaterial[]) {
    const listSeparator = msg('、', { id: 'guide.listSeparator' });
    return html`<table part="materials">
      <thead>
        <tr>
          <th scope="col">${msg('材料名称', { id: 'guide.materialName' })}</th>
          <th scope="col">${msg('要求', { id: 'guide.materialRequirement' })}</th>
          <th scope="col">${msg('格式与大小', { id: 'guide.materialFormat' })}</th>
        </tr>
      </thead>
      <tbody>
        ${materials.map(
          (m) => html`<tr>
            <th scope="row">${localized(m.name)}</th>
            <td>
              <span>${m.required ? msg('必交', { id: 'guide.required' }) : msg('选交', { id: 'guide.optional' })}</span>
              ${m.deferrable ? html`<span part="tag" class="tag deferrable">${msg('可容缺后补', { id: 'guide.deferrable' })}</span>` : nothing}
              ${m.originalRequired
                ? html`<span part="tag" class="tag original">${msg('需到窗口出示原件', { id: 'guide.originalRequired' })}</span>`
                : nothing}
            </td>
            <td>
              ${m.contentTypes.map((t) => TYPE_LABELS[t] ?? t).join(listSeparator)}${msg('，', { id: 'guide.comma' })}${msg(
                str`不超过 ${formatBytes(m.maxBytes)}`,
                { id: 'guide.maxSize' },
              )}
            </td>
          </tr>`,
        )}
      </tbody>
    </table>
    ${materials.some((m) => m.deferrable)
      ? html`<p class="note">
          ${msg('标为“可容缺后补”的材料，可以先签署书面承诺、约定补交日期，受理后再补交。', { id: 'guide.deferrableExplained' })}
        </p>`
      : nothing}`;
  }
}
