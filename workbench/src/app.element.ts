/**
 * `<onetrip-workbench>`: the staff workbench's shell. It signs the staff member in (the local
 * picker or the county's Cognito, session.ts), shows the navigation their roles allow
 * (routes.ts), switches the language, and opens the view the hash names (`#/queue`,
 * `#/cases/<caseId>`), loading its chunk the first time. On a view change focus moves to the
 * view's heading, so a screen reader announces where the staff member is; the skip link
 * jumps past the navigation.
 */
import { html, LitElement, nothing } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { StaffApi } from './api.js';
import { locale, storedLocale, useLocale } from './localize.js';
import { problem } from './problem.js';
import { roleName } from './roles.js';
import { hrefOf } from './links.js';
import { navigationFor, resolveRoute, type Route } from './routes.js';
import { CognitoSignIn, loadConfig, signOutLocally, storedSession, type Session } from './session.js';
import './sign-in.element.js';
import type { WorkbenchView } from './view.js';
import { loadDepartmentNames } from './departments.js';
import { MESSAGES_SEEN, unreadCount } from './unread.js';

export class OneTripWorkbench extends LitElement {
  static override properties = {
    session: { state: true },
    route: { state: true },
    view: { state: true },
    error: { state: true },
    ready: { state: true },
    unread: { state: true },
  };

  declare session: Session | undefined;
  declare route: Route | undefined;
  declare view: WorkbenchView | undefined;
  declare error: unknown;
  declare ready: boolean;
  /** The staff member's messages they have not seen yet (the first page's), for the navigation's badge. */
  declare unread: number;

  private api = new StaffApi(location.origin, () => this.session?.token, () => locale());
  private cognito: CognitoSignIn | undefined;
  private opened = 0;

  constructor() {
    super();
    this.ready = false;
    this.unread = 0;
    updateWhenLocaleChanges(this);
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    this.addEventListener(MESSAGES_SEEN, this.onMessagesSeen);
    void this.start();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHashChange);
    super.disconnectedCallback();
  }

  private async start(): Promise<void> {
    try {
      await useLocale(storedLocale());
      const config = await loadConfig();
      if (config.api) this.api = new StaffApi(config.api, () => this.session?.token, () => locale());
      await loadDepartmentNames(this.api);
      if (config.oidc) {
        this.cognito = new CognitoSignIn(config.oidc);
        this.session = await this.cognito.resume();
      } else {
        this.session = storedSession();
      }
    } catch (error) {
      this.error = error;
    }
    this.ready = true;
    await this.open();
  }

  private onHashChange = () => void this.open();

  private onMessagesSeen = () => {
    this.unread = 0;
  };

  /** Counts the messages not seen yet, when the staff member's roles have messages; a failure only leaves the badge out. */
  private async countUnread(session: Session): Promise<void> {
    if (!navigationFor(session.roles).some((view) => view.id === 'messages')) return;
    try {
      this.unread = unreadCount(session.username, (await this.api.messages()).messages);
    } catch {
      this.unread = 0;
    }
  }

  /** Opens the view the hash names (or the role's first), then moves focus to its heading. */
  private async open(): Promise<void> {
    if (!this.session) {
      this.view = undefined;
      return;
    }
    const route = resolveRoute(location.hash, this.session.roles);
    this.route = route;
    if (route?.view.id !== 'messages') void this.countUnread(this.session);
    if (!route) {
      this.view = undefined;
      return;
    }
    const opening = ++this.opened;
    await route.view.load();
    if (opening !== this.opened) return;
    const view = document.createElement(route.view.tag) as WorkbenchView;
    Object.assign(view, { api: this.api, session: this.session, params: route.params });
    this.view = view;
    document.title = `${route.view.title()} · ${msg('OneTrip 工作台', { id: 'app.title' })}`;
    await this.updateComplete;
    await view.updateComplete;
    // The first view of a page load keeps the browser's focus; later ones take it.
    if (opening > 1) (view.querySelector('h1') ?? this.querySelector('main'))?.focus();
  }

  private signedIn(event: CustomEvent<Session>): void {
    this.session = event.detail;
    void this.open();
  }

  private async signOut(): Promise<void> {
    this.session = undefined;
    this.view = undefined;
    if (this.cognito) await this.cognito.signOut();
    else signOutLocally();
    history.replaceState(null, '', location.pathname);
  }

  private async switchLanguage(): Promise<void> {
    await useLocale(locale() === 'en' ? 'zh-CN' : 'en');
    if (this.route) document.title = `${this.route.view.title()} · ${msg('OneTrip 工作台', { id: 'app.title' })}`;
  }

  private skip(event: Event): void {
    event.preventDefault();
    this.querySelector<HTMLElement>('main h1')?.focus();
  }

  override render() {
    const session = this.session;
    const english = locale() === 'en';
    return html`<a class="skip-link" href="#main" @click=${this.skip}>${msg('跳到主要内容', { id: 'app.skip' })}</a>
      <header class="masthead">
        <p class="brand">${msg('OneTrip 工作台', { id: 'app.title' })}</p>
        ${session
          ? html`<p class="who">${session.username} · ${session.roles.map(roleName).join('、')}</p>`
          : nothing}
        <button type="button" class="language" lang=${english ? 'zh-CN' : 'en'} @click=${this.switchLanguage}>${english ? '中文' : 'English'}</button>
        ${session ? html`<button type="button" class="sign-out" @click=${this.signOut}>${msg('退出登录', { id: 'app.signOut' })}</button>` : nothing}
      </header>
      ${session ? this.navigation(session) : nothing}
      <main id="main" tabindex="-1">${this.main(session)}</main>`;
  }

  private navigation(session: Session) {
    const views = navigationFor(session.roles);
    if (views.length === 0) return nothing;
    return html`<nav aria-label=${msg('主导航', { id: 'app.navigation' })}>
      <ul>
        ${views.map(
          (view) => html`<li><a href=${hrefOf(view.path)} aria-current=${this.route?.view === view ? 'page' : 'false'}>${view.title()}${view.id === 'messages' && this.unread > 0
            ? html` <span class="badge">${this.unread}<span class="visually-hidden">${msg(' 条未读', { id: 'nav.unread' })}</span></span>`
            : nothing}</a></li>`,
        )}
      </ul>
    </nav>`;
  }

  private main(session: Session | undefined) {
    if (!this.ready) return html`<p role="status">${msg('加载中…', { id: 'common.loading' })}</p>`;
    if (this.error) return html`<h1 tabindex="-1">${msg('工作台无法启动', { id: 'app.failed' })}</h1>${problem(this.error)}`;
    if (!session) {
      return this.cognito
        ? html`<h1 tabindex="-1">${msg('登录工作台', { id: 'signIn.title' })}</h1>
            <button type="button" class="primary" @click=${() => this.cognito?.signIn()}>${msg('使用统一身份认证登录', { id: 'signIn.cognito' })}</button>`
        : html`<wb-sign-in .api=${this.api} @wb-signed-in=${this.signedIn}></wb-sign-in>`;
    }
    if (!this.route) return html`<h1 tabindex="-1">${msg('没有可用的视图', { id: 'app.noView' })}</h1><p>${msg('您的角色在工作台中暂无可办理的事项。', { id: 'app.noViewHint' })}</p>`;
    return this.view ?? html`<p role="status">${msg('加载中…', { id: 'common.loading' })}</p>`;
  }
}
