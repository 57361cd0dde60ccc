/**
 * The materials accepted for later supply (容缺后补): each with its due date and whether it
 * was supplied or is late, and the form that supplies the open ones.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { shanghaiDate } from '../../../../contracts/dates.js';
import { formatDate } from '../../shared/format.js';
import { materialName, type Lookup, type TrackHost } from '../host.js';
import { renderFileField, renderSendButton, renderUpdateFailure } from './update-form.js';

export function renderDeferred(host: TrackHost, lookup: Lookup): TemplateResult | typeof nothing {
  const { application: a } = lookup;
  if (a.deferred.length === 0) return nothing;
  // Due dates are local dates in Asia/Shanghai.
  const today = shanghaiDate();
  const open = a.deferred.filter((d) => d.status === 'open');
  // While a deficiency notice stands, everything goes through the one correction. A completed
  // case takes them too: its results are issued only once every deferred material is in.
  const canSupply = open.length > 0 && !['deficient', 'rejected'].includes(a.status);
  return html`<section part="deferred" aria-labelledby="deferred-title">
    <h3 id="deferred-title">${msg('容缺后补材料', { id: 'track.deferred' })}</h3>
    <ul>
      ${a.deferred.map((d) => {
        const late = d.status === 'open' && d.dueDate < today;
        const state =
          d.status === 'supplied'
            ? msg('已补交', { id: 'track.supplied' })
            : late
              ? msg('已逾期，请尽快补交', { id: 'track.overdue' })
              : msg('待补交', { id: 'track.open' });
        return html`<li class=${late ? 'overdue' : ''}>
          <strong>${materialName(lookup, d.materialCode)}</strong>${msg('：', { id: 'guide.colon' })}${msg(
            str`${formatDate(d.dueDate)} 前补交（${state}）`,
            { id: 'track.dueBy' },
          )}
        </li>`;
      })}
    </ul>
    ${canSupply
      ? html`<form
          part="supply"
          class="applicant-update"
          novalidate
          aria-labelledby="supply-title"
          @submit=${(e: SubmitEvent) => host.onApplicantUpdate(e, lookup, 'supply')}
        >
          <h4 id="supply-title">${msg('补交材料', { id: 'track.supply' })}</h4>
          ${renderUpdateFailure(host)}
          ${open.map((d) =>
            renderFileField(host, lookup, `supply-${d.materialCode}`, d.materialCode, msg(str`补交：${materialName(lookup, d.materialCode)}`, { id: 'track.supplyMaterial' })),
          )}
          ${renderSendButton(host, msg('提交补交材料', { id: 'track.submitSupply' }))}
        </form>`
      : nothing}
  </section>`;
}
