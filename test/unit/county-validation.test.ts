/**
 * The county configuration's validation (infra/config/validate.ts): each problem is named in
 * words an administrator can act on, errors stop synthesis in one list, and values not set
 * yet (account, certificate) do not.
 */
import { describe, expect, it } from 'vitest';
import { ACCOUNT_NOT_SET, counties, findCounty, type CountyConfig } from '../../infra/config/counties.js';
import { countyProblems, CountyConfigError, pendingProblems, validateCounties } from '../../infra/config/validate.js';

const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/0f6c2f6e-8a1b-4c3d-9e2f-1a2b3c4d5e6f';

/** Huarong County, ready to deploy: its account and certificate set. */
const ready: CountyConfig = { ...findCounty('430623'), account: '123456789012', domain: { name: '430623.onetrip.yueyang.gov.cn', certificateArn: CERTIFICATE } };

const problemsWith = (change: Partial<CountyConfig>) => countyProblems({ ...ready, ...change });

describe('countyProblems', () => {
  it('finds nothing in a county with every value set', () => {
    expect(countyProblems(ready)).toEqual([]);
  });

  it.each([
    ['a code that is no division code', { code: '43062' }, 'code "43062" is not a six-digit division code, optionally followed by -<key> for a management area'],
    ['a region code that is not six digits', { regionCode: '4306A3' }, 'regionCode "4306A3" is not a six-digit administrative division code'],
    ['a wildcard origin', { allowedOrigins: ['*'] }, 'allowedOrigins: "*" has a wildcard; name each agency site\'s origin'],
    ['a wildcard subdomain', { allowedOrigins: ['https://*.yueyang.gov.cn'] }, 'allowedOrigins: "https://*.yueyang.gov.cn" has a wildcard; name each agency site\'s origin'],
    ['an origin over plain http', { allowedOrigins: ['http://zwfw.yueyang.gov.cn'] }, 'allowedOrigins: "http://zwfw.yueyang.gov.cn" is not https'],
    ['an origin with a path', { allowedOrigins: ['https://zwfw.yueyang.gov.cn/430623'] }, 'allowedOrigins: "https://zwfw.yueyang.gov.cn/430623" is not an exact origin (no path, no trailing slash, lower case): write https://zwfw.yueyang.gov.cn'],
    ['an origin with a trailing slash', { allowedOrigins: ['https://zwfw.yueyang.gov.cn/'] }, 'allowedOrigins: "https://zwfw.yueyang.gov.cn/" is not an exact origin (no path, no trailing slash, lower case): write https://zwfw.yueyang.gov.cn'],
    ['an origin that is no URL', { allowedOrigins: ['zwfw.yueyang.gov.cn'] }, 'allowedOrigins: "zwfw.yueyang.gov.cn" is not a URL; write it as https://host[:port]'],
    ['no origin at all', { allowedOrigins: [] }, 'allowedOrigins is empty: list the origins of the agency sites that embed the widgets'],
    ['a portal that is no https URL', { publicUrl: 'zwfw.yueyang.gov.cn/430623' }, 'publicUrl "zwfw.yueyang.gov.cn/430623" is not an https URL'],
    ['an account that is not 12 digits', { account: '12345' }, 'account "12345" is not a 12-digit AWS account id'],
    ['an unknown region', { region: 'cn-hunan-1' }, 'region "cn-hunan-1" is not an AWS region'],
    ['a sender that is no email address', { email: { from: 'OneTrip <noreply>' } }, 'email.from "OneTrip <noreply>" is not an email address'],
    ['an unknown SES region', { email: { from: 'noreply@430623.onetrip.yueyang.gov.cn', sesRegion: 'hk-1' } }, 'email.sesRegion "hk-1" is not an AWS region'],
    ['a certificate outside us-east-1', { domain: { name: '430623.onetrip.yueyang.gov.cn', certificateArn: CERTIFICATE.replace('us-east-1', 'ap-east-1') } }, `domain.certificateArn "${CERTIFICATE.replace('us-east-1', 'ap-east-1')}" is not an ACM certificate in us-east-1 (CloudFront takes none from elsewhere)`],
    ['a WAF rate AWS WAF refuses', { waf: { lookupsPerIp: 5 } }, 'waf.lookupsPerIp is 5: AWS WAF takes a whole number from 10 to 2000000000'],
    ['a log level Lambda does not know', { logLevel: 'DEBUGG' as CountyConfig['logLevel'] }, 'logLevel "DEBUGG" is not one of DEBUG, INFO, WARN, ERROR'],
    [
      'a warning threshold out of range',
      { supervision: { yellowShare: 1.2 } },
      'supervision.yellowShare 1.2 is not a share strictly between 0 and 1 (0.2 is 20% of the promised time)',
    ],
    ['no payment provider', { payments: { providers: [] } }, 'payments.providers is empty: list the payment providers the fee ticket offers'],
    [
      'a payment provider OneTrip has no adapter for',
      { payments: { providers: [{ provider: 'unionpay', url: 'https://gateway.95516.com' }] } } as unknown as Partial<CountyConfig>,
      'payments.providers[0]: provider "unionpay" is not one OneTrip has an adapter for (known: sandbox, alipay, wechatpay)',
    ],
    [
      'a WeChat Pay merchant without its secret',
      { payments: { providers: [{ provider: 'wechatpay', url: 'https://api.mch.weixin.qq.com', mchId: '1900000001', appId: 'wx01' }] } } as unknown as Partial<CountyConfig>,
      'payments.providers[0] (wechatpay): secretName is missing: name the Secrets Manager secret that holds its keys, a JSON object with merchantPrivateKey, merchantSerialNumber, apiV3Key, platformCertificates (docs/providers/wechatpay.md)',
    ],
    [
      'an Alipay app without its app id',
      { payments: { providers: [{ provider: 'alipay', url: 'https://openapi.alipay.com/gateway.do', secretName: 'onetrip/alipay' }] } } as unknown as Partial<CountyConfig>,
      'payments.providers[0] (alipay): appId is missing',
    ],
    [
      'a provider offered twice',
      { payments: { providers: [{ provider: 'sandbox', url: 'https://p.sandbox.invalid/payments' }, { provider: 'sandbox', url: 'https://p.sandbox.invalid/payments' }] } },
      'payments.providers names a provider twice',
    ],
    [
      'an SF Express account without its secret',
      { courier: { provider: 'sf', url: 'https://sfapi.sf-express.com/std/service', partnerId: 'HRXZWFW' } } as unknown as Partial<CountyConfig>,
      'courier (sf): secretName is missing: name the Secrets Manager secret that holds its keys, a JSON object with checkWord (docs/providers/sf.md)',
    ],
    [
      'a misspelled field, which would otherwise be ignored',
      { allowedOrigin: ['https://zwfw.yueyang.gov.cn'] } as Partial<CountyConfig>,
      '"allowedOrigin" is not a field of a county (they are: code, name, level, regionCode, catalogVersion, managementArea, payments, courier, sms, publicUrl, domain, waf, allowedOrigins, account, region, email, signInDomainPrefix, onCall, retention, logLevel, supervision, notifications)',
    ],
  ] as [string, Partial<CountyConfig>, string][])('names %s', (_, change, message) => {
    expect(problemsWith(change)).toEqual([message]);
  });

  it('names the values not set yet, the account and the certificate, as pending', () => {
    // Prepare
    const fresh: CountyConfig = { ...ready, account: ACCOUNT_NOT_SET, domain: { ...ready.domain, certificateArn: undefined } };

    // Act
    const pending = pendingProblems(fresh);

    // Assess
    expect(pending).toEqual([
      "account is not set: put the 12-digit id of the county's AWS account in infra/config/counties.ts (it is 000000000000, the placeholder)",
      'domain.certificateArn is not set: request a certificate for 430623.onetrip.yueyang.gov.cn in ACM in us-east-1 and put its ARN in infra/config/counties.ts before the first deployment',
    ]);
    expect(countyProblems(fresh)).toEqual(pending);
  });
});

describe('validateCounties', () => {
  it('accepts the configured counties, whose account and certificates are not set yet', () => {
    expect(() => validateCounties(counties)).not.toThrow();
    expect(counties.every((county) => pendingProblems(county).length === 2)).toBe(true);
  });

  it('throws one error listing every problem, county by county, and codes used twice', () => {
    // Prepare
    const broken = [ready, { ...ready, allowedOrigins: ['*'], region: 'mars-1' }, { ...findCounty('430624'), email: { from: 'nobody' } }];

    // Act
    let error: unknown;
    try {
      validateCounties(broken);
    } catch (caught) {
      error = caught;
    }

    // Assess
    expect(error).toBeInstanceOf(CountyConfigError);
    expect((error as Error).message).toBe(
      [
        'The county configuration (infra/config/counties.ts) has problems; nothing was synthesized:',
        '- code 430623 is used by 2 counties: each county needs its own',
        '- 430623 (Huarong County):',
        '    - allowedOrigins: "*" has a wildcard; name each agency site\'s origin',
        '    - region "mars-1" is not an AWS region',
        '- 430624 (Xiangyin County):',
        '    - email.from "nobody" is not an email address',
      ].join('\n'),
    );
  });
});
