/**
 * `<wb-messages>` (`#/messages`): the staff member's messages, newest first
 * (`GET /v1/staff/messages`, paged with `next`): a reviewer's or chief's, their department's
 * for their role (a task assigned, turning yellow or red, a supervision order, a rectification
 * due); a supervisor's, the supervisors' (a task turning severe). Each links to its case, and
 * opening the view marks them seen (the navigation's badge counts the others, unread.ts).
 * The API words them in the workbench's language: a switch of language reads them again.
 */
import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import type { StaffMessage } from '../../../contracts/notifications.js';
import { caseHref } from '../links.js';
import { formatDate, locale, type Locale } from '../localize.js';
import { problem } from '../problem.js';
import { markSeen, MESSAGES_SEEN } from '../unread.js';
import { defineView, WorkbenchView } from '../view.js';

export class WorkbenchMessages extends WorkbenchView {
  static override properties = { ...WorkbenchView.properties, messages: { state: true }, next: { state: true }, error: { state: true } };

  declare messages: StaffMessage[] | undefined;
  declare next: string | undefined;
  declare error: unknown;
  /** The language the messages were last asked for in. */
  private language: Locale = locale();

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  protected override willUpdate(): void {
    if (this.language === locale()) return;
    this.messages = undefined;
    this.next = undefined;
    void this.load();
  }

  private async load(cursor?: string): Promise<void> {
    this.error = undefined;
    const language = (this.language = locale());
    try {
      const page = await this.api.messages(cursor);
      if (language !== this.language) return; // asked again in the other language meanwhile
      this.messages = cursor ? [...(this.messages ?? []), ...page.messages] : page.messages;
      this.next = page.next;
      const newest = this.messages[0];
      if (newest) markSeen(this.session.username, newest.at);
      this.dispatchEvent(new CustomEvent(MESSAGES_SEEN, { bubbles: true }));
    } catch (error) {
      if (language === this.language) this.error = error;
    }
  }

  override render() {
    const messages = this.messages;
    return html`<h1 tabindex="-1">${msg('消息', { id: 'nav.messages' })}</h1>
      ${this.error ? problem(this.error) : nothing}
      ${messages === undefined && !this.error ? html`<p role="status">${msg('加载中…', { id: 'common.loading' })}</p>` : nothing}
      ${messages?.length === 0 ? html`<p>${msg('暂无消息。', { id: 'messages.empty' })}</p>` : nothing}
      ${messages?.length
        ? html`<ol class="messages">
            ${messages.map(
              (m) => html`<li>
                <h2><a href=${caseHref(m.caseId)}>${m.subject}</a></h2>
                <p class="muted"><time datetime=${m.at}>${formatDate(m.at, true)}</time> · ${m.receiptNumber}</p>
                <p>${m.body}</p>
              </li>`,
            )}
          </ol>`
        : nothing}
      ${this.next ? html`<div class="actions"><button type="button" @click=${() => this.load(this.next)}>${msg('加载更多', { id: 'inbox.more' })}</button></div>` : nothing}`;
  }
}

defineView('wb-messages', WorkbenchMessages);
