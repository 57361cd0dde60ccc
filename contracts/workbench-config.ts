/**
 * The staff workbench's `config.json`: how its page signs staff in and where the API is.
 * Written by the deployment with the county's Cognito values (infra/constructs/edge.ts,
 * docs/deploy.md "The workbench's sign-in") and by the workbench's build as `{}` (the local
 * runtime's user picker); read by the page (workbench/src/session.ts).
 */
export interface WorkbenchConfig {
  /** The API's origin and path prefix. @default the page's origin */
  api?: string;
  /** The county's Cognito app client; absent locally. */
  oidc?: WorkbenchSignIn;
}

/** The county's Cognito sign-in: authorization code with PKCE, through the user pool's hosted UI. */
export interface WorkbenchSignIn {
  /** `https://cognito-idp.<region>.amazonaws.com/<userPoolId>` (its OpenID discovery document). */
  authority: string;
  clientId: string;
  /** @default 'openid profile email' */
  scope?: string;
  /** The hosted UI's logout endpoint, `https://<domain>/logout`; signing out also ends the Cognito session there. */
  logoutEndpoint?: string;
}
