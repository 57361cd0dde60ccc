/**
 * The tracker's official notices (docs/notices.md): each notice the case lists — the
 * acceptance notice, the one-time deficiency notice, the deferred-materials commitment, the
 * decisions not to accept or not to approve — as a link that downloads its signed PDF.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { NoticeKind } from '../../../../contracts/cases.js';
import { OneTripApi, paths } from '../../shared/api.js';
import { formatDateTime } from '../../shared/format.js';
import type { Lookup, TrackHost } from '../host.js';

/** A notice's name, as its PDF's title says it. */
export function noticeName(kind: NoticeKind): string {
  switch (kind) {
    case 'acceptance':
      return msg('受理通知书', { id: 'track.notice.acceptance' });
    case 'deficiency':
      return msg('一次性告知书', { id: 'track.notice.deficiency' });
    case 'commitment':
      return msg('容缺受理承诺书', { id: 'track.notice.commitment' });
    case 'refusal':
      return msg('不予受理决定书', { id: 'track.notice.refusal' });
    case 'rejection':
      return msg('不予许可决定书', { id: 'track.notice.rejection' });
  }
}

export function renderDocuments(host: TrackHost, lookup: Lookup): TemplateResult | typeof nothing {
  const { documents } = lookup.application;
  if (documents.length === 0) return nothing;
  const api = new OneTripApi(host.base);
  return html`<section part="documents" aria-labelledby="documents-title">
    <h3 id="documents-title">${msg('通知书和决定书', { id: 'track.notices' })}</h3>
    <ul class="documents">
      ${documents.map(
        (d) => html`<li>
          <a part="document" href=${api.href(paths.notice(lookup.receipt, d.noticeId, lookup.queryCode))} download=${`${d.kind}-${lookup.receipt}.pdf`}
            >${noticeName(d.kind)}<span class="visually-hidden"> ${msg('（PDF）', { id: 'track.notice.pdf' })}</span></a
          >
          <span class="muted">${formatDateTime(d.issuedAt)}</span>
        </li>`,
      )}
    </ul>
  </section>`;
}
