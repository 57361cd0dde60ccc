/** The case's timeline, oldest first, each entry in plain words with the acting department. */
import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { CaseView } from '../../../../contracts/cases.js';
import { formatDateTime } from '../../shared/format.js';
import { timelineText } from '../track-text.js';

export function renderTimeline(a: CaseView, department: (code: string | undefined) => string | undefined): TemplateResult {
  return html`<section part="timeline" aria-labelledby="timeline-title">
    <h3 id="timeline-title">${msg('办理过程', { id: 'track.timeline' })}</h3>
    <ol class="timeline">
      ${a.timeline.map(
        (e) => html`<li>
          <time datetime=${e.at}>${formatDateTime(e.at)}</time>
          <span>${timelineText(e.action, department(e.actor.department))}</span>
        </li>`,
      )}
    </ol>
  </section>`;
}
