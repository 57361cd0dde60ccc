import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { ROLES } from '../../contracts/roles.js';
import type { WorkbenchSignIn } from '../../contracts/workbench-config.js';
import type { EmailConfig } from '../config/counties.js';

export interface StaffDirectoryProps {
  /** The sender of invitations and password resets, through Amazon SES. */
  email: EmailConfig;
  /**
   * The staff workbench's address (`https://<domain>/workbench/`): the app client's only
   * OAuth callback and sign-out URL.
   */
  workbenchUrl: string;
  /**
   * The hosted UI's Cognito domain prefix: staff sign in at
   * `https://<prefix>.auth.<region>.amazoncognito.com` (`signInDomainPrefixOf` of the county).
   */
  domainPrefix: string;
}

/** What the workbench asks the hosted UI for: `openid` makes it OpenID Connect (an ID token), the others fill its claims. */
const SCOPES = [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE];

/**
 * Staff identities: a Cognito user pool with one group per role and each user bound to
 * a department (or the center) through the `department` attribute. It sends its email
 * through the county's SES sender (Cognito's own is capped at a few messages a day), and
 * its app client signs in only with the authorization-code grant (no implicit flow, no
 * secret: the workbench proves itself with PKCE), through the pool's hosted UI on its
 * Cognito domain, back to the county's workbench and nowhere else.
 */
export class StaffDirectory extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  /** The hosted UI's domain, `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly domain: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: StaffDirectoryProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'Pool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      customAttributes: { department: new cognito.StringAttribute({ minLen: 2, maxLen: 32, mutable: true }) },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      email: cognito.UserPoolEmail.withSES({
        fromEmail: props.email.from,
        fromName: 'OneTrip',
        ...(props.email.sesRegion ? { sesRegion: props.email.sesRegion } : {}),
      }),
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const role of ROLES) {
      new cognito.CfnUserPoolGroup(this, `Group-${role}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        description: `OneTrip ${role}`,
      });
    }
    this.client = this.userPool.addClient('Console', {
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: SCOPES,
        callbackUrls: [props.workbenchUrl],
        logoutUrls: [props.workbenchUrl],
      },
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(8),
      accessTokenValidity: Duration.hours(8),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true })
        .withCustomAttributes('department'),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
    });
    // The classic hosted UI: it asks for the pool's MFA (required, TOTP) itself.
    this.domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.domainPrefix } });
  }

  /** The workbench's sign-in (its `config.json`'s `oidc`): this pool, its app client and hosted UI. */
  workbenchSignIn(): WorkbenchSignIn {
    return {
      authority: `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`,
      clientId: this.client.userPoolClientId,
      scope: SCOPES.map((s) => s.scopeName).join(' '),
      logoutEndpoint: `${this.domain.baseUrl()}/logout`,
    };
  }

  /**
   * Lets `fn` look a user up by username, with its groups (its roles) and attributes (its
   * department): what functions/lambda/staff-directory.ts asks; it gets USER_POOL_ID.
   */
  grantLookup(fn: lambda.Function): void {
    this.userPool.grant(fn, 'cognito-idp:AdminGetUser', 'cognito-idp:AdminListGroupsForUser');
    fn.addEnvironment('USER_POOL_ID', this.userPool.userPoolId);
  }
}
