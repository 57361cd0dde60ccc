/**
 * `<wb-sign-in>`: the local runtime's sign-in, a picker of its seeded users grouped by role
 * (`GET /local/users`); choosing one asks the local issuer for their token (`POST /local/token`)
 * and fires `wb-signed-in` with the session. Deployed, the shell shows a Cognito button instead.
 */
import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import { ROLES } from '../../contracts/roles.js';
import type { LocalUser } from './api.js';
import { problem } from './problem.js';
import { roleName } from './roles.js';
import { localSession } from './session.js';
import { defineView, WorkbenchView } from './view.js';

export class WorkbenchSignIn extends WorkbenchView {
  static override properties = { ...WorkbenchView.properties, users: { state: true }, error: { state: true } };

  declare users: LocalUser[] | undefined;
  declare error: unknown;

  override connectedCallback(): void {
    super.connectedCallback();
    this.api.localUsers().then(
      ({ users }) => (this.users = users),
      (error: unknown) => (this.error = error),
    );
  }

  private async choose(user: LocalUser): Promise<void> {
    try {
      const { token } = await this.api.localToken(user.username);
      this.dispatchEvent(new CustomEvent('wb-signed-in', { detail: localSession(user, token), bubbles: true }));
    } catch (error) {
      this.error = error;
    }
  }

  override render() {
    return html`<h1 tabindex="-1">${msg('登录工作台', { id: 'signIn.title' })}</h1>
      <p>${msg('本地运行：选择一位预置的工作人员登录。', { id: 'signIn.local' })}</p>
      ${this.error ? problem(this.error) : nothing}
      ${this.users === undefined && !this.error ? html`<p role="status">${msg('加载中…', { id: 'common.loading' })}</p>` : nothing}
      ${ROLES.map((role) => {
        const users = (this.users ?? []).filter((user) => user.role === role);
        if (users.length === 0) return nothing;
        return html`<section class="user-group" aria-labelledby="role-${role}">
          <h2 id="role-${role}">${roleName(role)}</h2>
          <ul class="choices">
            ${users.map((user) => html`<li><button type="button" data-username=${user.username} @click=${() => this.choose(user)}>${user.username}</button></li>`)}
          </ul>
        </section>`;
      })}`;
  }
}

defineView('wb-sign-in', WorkbenchSignIn);
