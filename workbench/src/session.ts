/**
 * Who is signed in, and how they sign in. Two ways, chosen by the page's `config.json`:
 *
 * - Locally (`{}`, what scripts/build-workbench.ts writes): a picker over the local runtime's
 *   seeded users (`GET /local/users`), and a token from its issuer (`POST /local/token`).
 * - Deployed (`{"oidc": {...}}`, written by the deployment, docs/deploy.md): the county's
 *   Cognito hosted UI, authorization code with PKCE, through oidc-client-ts. The staff
 *   member's name, roles and department are the ID token's claims as the library read them;
 *   the API's authorizer takes the ID token (it carries `custom:department`).
 *
 * The session lives in sessionStorage: a reload keeps it, closing the tab ends it.
 */
import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import { ROLES, type Role } from '../../contracts/roles.js';
import type { WorkbenchConfig, WorkbenchSignIn } from '../../contracts/workbench-config.js';
import type { LocalUser } from './api.js';

export interface Session {
  username: string;
  roles: Role[];
  department: string;
  token: string;
}

const SESSION_KEY = 'onetrip.workbench.session';

export async function loadConfig(): Promise<WorkbenchConfig> {
  const response = await fetch(new URL('config.json', document.baseURI));
  return response.ok ? ((await response.json()) as WorkbenchConfig) : {};
}

export function storedSession(): Session | undefined {
  const raw = sessionStorage.getItem(SESSION_KEY);
  return raw ? (JSON.parse(raw) as Session) : undefined;
}

function keep(session: Session | undefined): Session | undefined {
  if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(SESSION_KEY);
  return session;
}

/** The local sign-in: the token the local issuer signs for a seeded user. */
export const localSession = (user: LocalUser, token: string): Session =>
  keep({ username: user.username, roles: [user.role], department: user.department, token })!;

const roleList = (value: unknown): Role[] =>
  (Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : []).filter((r): r is Role => (ROLES as readonly unknown[]).includes(r));

function fromUser(user: User): Session {
  const claims = user.profile as Record<string, unknown>;
  return {
    username: String(claims['cognito:username'] ?? claims.preferred_username ?? claims.sub),
    roles: roleList(claims['cognito:groups']),
    department: String(claims['custom:department'] ?? ''),
    token: user.id_token ?? '',
  };
}

/** The Cognito sign-in (PKCE is oidc-client-ts's default for the code flow). */
export class CognitoSignIn {
  private readonly manager: UserManager;

  constructor(private readonly oidc: WorkbenchSignIn) {
    const here = `${location.origin}${location.pathname}`;
    this.manager = new UserManager({
      authority: oidc.authority,
      client_id: oidc.clientId,
      redirect_uri: here,
      post_logout_redirect_uri: here,
      response_type: 'code',
      scope: oidc.scope ?? 'openid profile email',
      userStore: new WebStorageStateStore({ store: sessionStorage }),
    });
  }

  /** Completes a redirect back from the hosted UI, then answers the signed-in session, if any. */
  async resume(): Promise<Session | undefined> {
    const query = new URLSearchParams(location.search);
    if (query.has('code') && query.has('state')) {
      await this.manager.signinRedirectCallback();
      history.replaceState(null, '', `${location.pathname}${location.hash}`);
    }
    const user = await this.manager.getUser();
    return keep(user && !user.expired ? fromUser(user) : undefined);
  }

  signIn = () => this.manager.signinRedirect();

  async signOut(): Promise<void> {
    await this.manager.removeUser();
    keep(undefined);
    if (this.oidc.logoutEndpoint) {
      const url = new URL(this.oidc.logoutEndpoint);
      url.searchParams.set('client_id', this.oidc.clientId);
      url.searchParams.set('logout_uri', `${location.origin}${location.pathname}`);
      location.assign(url.href);
    }
  }
}

export const signOutLocally = (): void => void keep(undefined);
