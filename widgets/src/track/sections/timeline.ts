/**
 * The case's timeline, oldest first, each entry in plain words with the acting department.
 * Some actions come in runs (a courier reports every scan, a case goes to several
 * departments at once): a run of one of those is one line for the applicant.
 */
import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { CaseView } from '../../../../contracts/cases.js';
import { formatDateTime } from '../../shared/format.js';
import { timelineRunText, timelineText } from '../track-text.js';

type Entry = CaseView['timeline'][number];

/** Consecutive entries of an action told in runs (track-text.ts timelineRunText) as one, at the latest entry's time, with how many there were. */
export function collapseRuns(timeline: Entry[]): { entry: Entry; count: number }[] {
  const lines: { entry: Entry; count: number }[] = [];
  for (const entry of timeline) {
    const last = lines.at(-1);
    if (last?.entry.action === entry.action && timelineRunText(entry.action, 2) !== undefined) lines[lines.length - 1] = { entry, count: last.count + 1 };
    else lines.push({ entry, count: 1 });
  }
  return lines;
}

export function renderTimeline(a: CaseView, department: (code: string | undefined) => string | undefined): TemplateResult {
  return html`<section part="timeline" aria-labelledby="timeline-title">
    <h3 id="timeline-title">${msg('办理过程', { id: 'track.timeline' })}</h3>
    <ol class="timeline">
      ${collapseRuns(a.timeline).map(
        ({ entry: e, count }) => html`<li>
          <time datetime=${e.at}>${formatDateTime(e.at)}</time>
          <span>${(count > 1 ? timelineRunText(e.action, count) : undefined) ?? timelineText(e.action, department(e.actor.department), e.detail)}</span>
        </li>`,
      )}
    </ol>
  </section>`;
}
