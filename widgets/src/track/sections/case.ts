/**
 * The case a lookup found, section by section in the order the applicant reads it: the
 * summary, the deficiency notice and correction, the departments' tasks, the deferred
 * materials, the official notices to download, the fee, the results, their delivery, the rating, the messages and the timeline.
 */
import { html, type TemplateResult } from 'lit';
import { localized } from '../../service-guide/catalog-text.js';
import type { Lookup, TrackHost } from '../host.js';
import { renderCorrection, renderNotice } from './correction.js';
import { renderDeferred } from './deferred.js';
import { renderDocuments } from './documents.js';
import { renderDelivery } from './delivery.js';
import { renderMessages } from './messages.js';
import { renderRating } from './rating.js';
import { renderResults } from './results.js';
import { renderSummary } from './summary.js';
import { renderTasks } from './tasks.js';
import { renderTicket } from './ticket.js';
import { renderTimeline } from './timeline.js';

/** `shown` replaces the lookup's case when the case has been read again since (while results travel). */
export function renderCase(host: TrackHost, found: Lookup, shown: Lookup['application'] | undefined): TemplateResult {
  const lookup = shown ? { ...found, application: shown } : found;
  const { application: a } = lookup;
  // A department the catalog does not name is left unnamed (the sentence without it), never shown as its code.
  const department = (code: string | undefined) => (code ? localized(lookup.departments.get(code)) || undefined : undefined);
  return html`<section part="result" class="result" aria-labelledby="result-title">
    ${renderSummary(host, a)} ${renderNotice(lookup)} ${renderCorrection(host, lookup)} ${renderTasks(a, department)} ${renderDeferred(host, lookup)}
    ${renderDocuments(host, lookup)}
    ${renderTicket(host, lookup)} ${renderResults(host, lookup)} ${renderDelivery(a)} ${renderRating(host, lookup)} ${renderMessages(host, lookup)}
    ${renderTimeline(a, department)}
  </section>`;
}
