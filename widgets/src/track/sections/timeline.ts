/**
 * The case's timeline, oldest first, each entry in plain words with the acting department.
 * A courier reports every scan; a run of those reports is one line for the applicant.
 */
import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { CaseView } from '../../../../contracts/cases.js';
import { formatDateTime } from '../../shared/format.js';
import { courierUpdatesText, timelineText } from '../track-text.js';

type Entry = CaseView['timeline'][number];

/** Consecutive `delivery.updated` entries as one, at the latest report's time, with how many there were. */
export function collapseCourierUpdates(timeline: Entry[]): { entry: Entry; updates: number }[] {
  const lines: { entry: Entry; updates: number }[] = [];
  for (const entry of timeline) {
    const last = lines.at(-1);
    if (entry.action === 'delivery.updated' && last?.entry.action === 'delivery.updated') lines[lines.length - 1] = { entry, updates: last.updates + 1 };
    else lines.push({ entry, updates: 1 });
  }
  return lines;
}

export function renderTimeline(a: CaseView, department: (code: string | undefined) => string | undefined): TemplateResult {
  return html`<section part="timeline" aria-labelledby="timeline-title">
    <h3 id="timeline-title">${msg('办理过程', { id: 'track.timeline' })}</h3>
    <ol class="timeline">
      ${collapseCourierUpdates(a.timeline).map(
        ({ entry: e, updates }) => html`<li>
          <time datetime=${e.at}>${formatDateTime(e.at)}</time>
          <span>${updates > 1 ? courierUpdatesText(updates) : timelineText(e.action, department(e.actor.department))}</span>
        </li>`,
      )}
    </ol>
  </section>`;
}
