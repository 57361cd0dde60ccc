/**
 * What the functions are told of the county's providers (functions/lambda/providers-config.ts)
 * and the secrets holding a real provider's keys (jsonSecret): a bad variable or a secret
 * lacking a field is a ConfigurationError naming the problem.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError } from '../../functions/domain/errors.js';
import { courierConfig, paymentProvidersConfig } from '../../functions/lambda/providers-config.js';
import { jsonSecret, secretByArn } from '../../functions/lambda/secrets.js';

const ARN = 'arn:aws:secretsmanager:ap-east-1:123456789012:secret:onetrip/430623/sf';
const ALIPAY = { provider: 'alipay', url: 'https://openapi.alipay.com/gateway.do', appId: '2021000000000001', secretArn: `${ARN}-alipay` };
const SF = { provider: 'sf', url: 'https://sfapi.sf-express.com/std/service', partnerId: 'HRXZWFW', secretArn: ARN };

afterEach(() => vi.unstubAllEnvs());

describe('paymentProvidersConfig', () => {
  it('reads the entries in their order', () => {
    vi.stubEnv('PAYMENT_PROVIDERS', JSON.stringify([ALIPAY, { provider: 'sandbox', url: 'http://127.0.0.1:3000/sandbox/payments', secretArn: ARN }]));
    expect(paymentProvidersConfig().map((entry) => entry.provider)).toEqual(['alipay', 'sandbox']);
  });

  it.each([
    ['missing', '', /PAYMENT_PROVIDERS is not set/],
    ['not JSON', '[{', /PAYMENT_PROVIDERS is not JSON/],
    ['empty', '[]', /PAYMENT_PROVIDERS is not a non-empty JSON array/],
    ['an entry without its secret', JSON.stringify([{ ...ALIPAY, secretArn: undefined }]), /PAYMENT_PROVIDERS\[0\] \(alipay\): secretArn is missing/],
    ['an entry without its app', JSON.stringify([{ ...ALIPAY, appId: '' }]), /PAYMENT_PROVIDERS\[0\] \(alipay\): appId is missing/],
  ])('refuses a variable that is %s', (_, value, message) => {
    vi.stubEnv('PAYMENT_PROVIDERS', value);
    expect(() => paymentProvidersConfig()).toThrow(ConfigurationError);
    expect(() => paymentProvidersConfig()).toThrow(message);
  });
});

describe('courierConfig', () => {
  it('reads the entry, and refuses one of an unknown courier or without its partner id', () => {
    vi.stubEnv('COURIER_PROVIDER_CONFIG', JSON.stringify(SF));
    expect(courierConfig()).toEqual(SF);
    vi.stubEnv('COURIER_PROVIDER_CONFIG', JSON.stringify({ ...SF, provider: 'ems' }));
    expect(() => courierConfig()).toThrow(/provider "ems" is not one OneTrip has an adapter for \(known: sandbox, sf\)/);
    vi.stubEnv('COURIER_PROVIDER_CONFIG', JSON.stringify({ ...SF, partnerId: undefined }));
    expect(() => courierConfig()).toThrow(/\(sf\): partnerId is missing/);
  });
});

describe('jsonSecret', () => {
  const withSecret = (value: string) => vi.stubEnv('ONETRIP_LOCAL_SECRETS', JSON.stringify({ [ARN]: value }));

  it('parses the secret and checks its fields', async () => {
    withSecret(JSON.stringify({ checkWord: 'fc34c561a34f' }));
    await expect(jsonSecret<{ checkWord: string }>(ARN, ['checkWord'])).resolves.toEqual({ checkWord: 'fc34c561a34f' });
    await expect(secretByArn(ARN)).resolves.toBe('{"checkWord":"fc34c561a34f"}');
  });

  it.each([
    ['not JSON', 'fc34c561a34f', /is not JSON: it must be an object with checkWord/],
    ['not an object', '["fc34c561a34f"]', /is not a JSON object: it must have checkWord/],
    ['lacking a field', '{"checkword":"x"}', /lacks checkWord/],
  ])('refuses a secret that is %s, naming what it must hold', async (_, value, message) => {
    withSecret(value);
    const error = await jsonSecret(ARN, ['checkWord']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(String((error as Error).message)).toMatch(message);
  });

  it('names the secret the local runtime does not have', async () => {
    vi.stubEnv('ONETRIP_LOCAL_SECRETS', '{}');
    await expect(secretByArn(ARN)).rejects.toThrow(`The local runtime has no secret ${ARN}`);
  });
});
