/**
 * `<wb-case>` (`#/cases/<caseId>`): one case as staff read it.
 */
import { html } from 'lit';
import { msg } from '@lit/localize';
import { defineView, WorkbenchView } from '../view.js';

export class WorkbenchCase extends WorkbenchView {
  override render() {
    return html`<h1 tabindex="-1">${msg('办件', { id: 'nav.case' })}</h1>`;
  }
}

defineView('wb-case', WorkbenchCase);
