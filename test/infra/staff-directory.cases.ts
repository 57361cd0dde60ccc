/**
 * The staff directory in the synthesized stack (issue 12, hole 9): the functions with the
 * `staff-directory` need (the window's, which assigns agents) may look users up in the
 * county's user pool — AdminGetUser and AdminListGroupsForUser on that pool only — and are
 * told the pool's id; no other function is. Issue 14: staff sign in to the workbench through
 * the pool's hosted UI, on its Cognito domain, with MFA and PKCE (a public client).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { findCounty, signInDomainPrefixOf } from '../../infra/config/counties.js';
import { countyProblems } from '../../infra/config/validate.js';
import { functionSpecs } from '../../infra/functions.js';
import { huarong, SYNTHESIS_MS } from './huarong.js';

type Resources = Record<string, { Type: string; Properties?: any }>;

let resources: Resources;

beforeAll(async () => {
  resources = (await huarong()).template.toJSON().Resources as Resources;
}, SYNTHESIS_MS);

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const LOOKUPS = ['cognito-idp:AdminGetUser', 'cognito-idp:AdminListGroupsForUser'];

describe('the staff directory', () => {
  it('is readable, user by user, only by the functions with the staff-directory need, which get USER_POOL_ID', () => {
    // Prepare
    const [poolId] = ofType('AWS::Cognito::UserPool').map(([id]) => id);
    const needing = new Set(Object.values(functionSpecs).filter((spec) => spec.needs.includes('staff-directory')).map((spec) => spec.description));
    expect(poolId).toBeDefined();
    expect(needing.size).toBeGreaterThan(0);

    for (const [id, fn] of ofType('AWS::Lambda::Function')) {
      // Act
      const role = fn.Properties.Role['Fn::GetAtt'][0] as string;
      const statements = ofType('AWS::IAM::Policy')
        .filter(([, p]) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === role))
        .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as any[]);
      const lookups = statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('cognito-idp:')));

      // Assess
      if (needing.has(fn.Properties.Description)) {
        expect(fn.Properties.Environment.Variables.USER_POOL_ID, id).toEqual({ Ref: poolId });
        expect(lookups.flatMap((s) => [s.Action].flat()).sort(), id).toEqual(LOOKUPS);
        expect(lookups.every((s) => s.Resource?.['Fn::GetAtt']?.[0] === poolId), id).toBe(true);
      } else {
        expect(fn.Properties.Environment?.Variables?.USER_POOL_ID, id).toBeUndefined();
        expect(lookups, id).toEqual([]);
      }
    }
  });
});

describe('the hosted UI', () => {
  it("is on the county's Cognito domain, onetrip-<code> unless the county names another", () => {
    // Prepare
    const [poolId] = ofType('AWS::Cognito::UserPool').map(([id]) => id);
    const domains = ofType('AWS::Cognito::UserPoolDomain');

    // Assess
    expect(domains).toHaveLength(1);
    expect(domains[0]![1].Properties).toEqual({ Domain: 'onetrip-430623', UserPoolId: { Ref: poolId } });
    expect(signInDomainPrefixOf({ ...findCounty('430623'), signInDomainPrefix: 'yueyang-huarong-staff' })).toBe('yueyang-huarong-staff');
  });

  it('refuses a prefix Cognito would refuse, in words', () => {
    const problems = (signInDomainPrefix: string) => countyProblems({ ...findCounty('430623'), signInDomainPrefix }).filter((p) => p.startsWith('signInDomainPrefix'));
    expect(problems('huarong-staff')).toEqual([]);
    for (const bad of ['Huarong', 'huarong-', 'my-cognito-login', 'aws-huarong', 'a'.repeat(64), 'huarong.staff']) {
      expect(problems(bad), bad).toEqual([expect.stringContaining(`signInDomainPrefix "${bad}" is not a Cognito domain prefix`)]);
    }
  });

  it('asks for the second factor (TOTP), and the app client is public: code flow with openid, no secret, so the workbench proves itself with PKCE', () => {
    // Prepare
    const [[, pool]] = ofType('AWS::Cognito::UserPool') as [[string, any]];
    const [[, client]] = ofType('AWS::Cognito::UserPoolClient') as [[string, any]];

    // Assess
    expect(pool.Properties.MfaConfiguration).toBe('ON');
    expect(pool.Properties.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(client.Properties.AllowedOAuthFlows).toEqual(['code']);
    expect(client.Properties.AllowedOAuthScopes).toContain('openid');
    expect(client.Properties.GenerateSecret ?? false).toBe(false);
    expect(client.Properties.SupportedIdentityProviders ?? ['COGNITO']).toEqual(['COGNITO']);
  });
});
