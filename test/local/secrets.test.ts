// Secrets without Secrets Manager: ARNs in the template, values kept in the data dir, and
// the map functions receive; on hand-written templates, no emulators.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deployedFunctions } from '../../local/functions.js';
import { NoSuchSecretError, loadSecrets, platformSecrets } from '../../local/secrets.js';
import { sandboxProviderVariables } from '../../local/platform-sandboxes.js';
import { Resolver, defineStaticResources } from '../../local/template.js';
import type { CfnTemplate } from '../../local/types.js';
import { signingKeyFromP12 } from '../../functions/results/pdf-signing.js';

const pseudo = { region: 'us-east-1', accountId: '000000000000', partition: 'aws', urlSuffix: 'amazonaws.com', stackName: 'OneTrip-430600' };
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'onetrip-secrets-'));
  dirs.push(dir);
  return dir;
}

const template: CfnTemplate = {
  Resources: {
    PaymentProviderSecretFF130413: {
      Type: 'AWS::SecretsManager::Secret',
      Properties: { GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true }, Tags: [{ Key: 'onetrip:purpose', Value: 'payment' }] },
    },
    Literal: { Type: 'AWS::SecretsManager::Secret', Properties: { SecretString: 'given' } },
    Fn: {
      Type: 'AWS::Lambda::Function',
      Metadata: { 'aws:asset:path': 'asset.fn' },
      Properties: {
        Handler: 'index.handler',
        // As the stack writes PAYMENT_PROVIDERS: JSON joined around the secret's ARN.
        Environment: {
          Variables: {
            PAYMENT_PROVIDERS: { 'Fn::Join': ['', ['[{"provider":"sandbox","url":"https://payments.sandbox.invalid/sandbox/payments","secretArn":"', { Ref: 'PaymentProviderSecretFF130413' }, '"}]']] },
          },
        },
      },
    },
    Other: { Type: 'AWS::Lambda::Function', Metadata: { 'aws:asset:path': 'asset.fn' }, Properties: { Handler: 'index.handler' } },
  },
};

function resolver(): Resolver {
  const resolved = new Resolver(template, pseudo);
  defineStaticResources(resolved, 'http://127.0.0.1:3000');
  return resolved;
}

describe('local secrets', () => {
  it('gives each secret a stable ARN, as Ref and GetAtt Id resolve it', () => {
    const first = resolver();
    const arn = first.resolve({ Ref: 'PaymentProviderSecretFF130413' });
    expect(arn).toMatch(/^arn:aws:secretsmanager:us-east-1:000000000000:secret:OneTrip-430600-PaymentProviderSecretFF130413-[0-9a-f]{6}$/);
    expect(first.resolve({ 'Fn::GetAtt': ['PaymentProviderSecretFF130413', 'Id'] })).toBe(arn);
    expect(resolver().resolve({ Ref: 'PaymentProviderSecretFF130413' })).toBe(arn);
  });

  it('keeps generated values in the data dir, so a restart finds the same ones', () => {
    // Prepare
    const file = join(tempDir(), 'secrets.json');

    // Act
    const first = loadSecrets(resolver(), file);
    const again = loadSecrets(resolver(), file);
    const elsewhere = loadSecrets(resolver(), join(tempDir(), 'secrets.json'));

    // Assess
    const payment = first.find((secret) => secret.purpose === 'payment')!;
    expect(payment.value).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(again.find((secret) => secret.purpose === 'payment')!.value).toBe(payment.value);
    expect(elsewhere.find((secret) => secret.purpose === 'payment')!.value).not.toBe(payment.value);
    expect(first.find((secret) => secret.logicalId === 'Literal')!.value).toBe('given');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ PaymentProviderSecretFF130413: payment.value });
  });

  it('finds a secret by purpose or logical-id prefix, and says which exist when none matches', () => {
    const secrets = platformSecrets(loadSecrets(resolver(), join(tempDir(), 'secrets.json')));
    expect(secrets.payment).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(secrets.get('PaymentProvider')).toBe(secrets.payment);
    expect(secrets.get('Literal')).toBe('given');
    expect(() => secrets.get('courier')).toThrow(NoSuchSecretError);
    expect(() => secrets.get('courier')).toThrow(/PaymentProviderSecretFF130413 \(payment\)/);
    expect(Object.values(secrets.byArn).sort()).toEqual(['given', secrets.payment].sort());
  });

  it('gives the signing secret a self-signed certificate of the county its tag names, once per data dir', () => {
    // Prepare
    const signing: CfnTemplate = {
      Resources: {
        SigningSecret0A1B2C3D: {
          Type: 'AWS::SecretsManager::Secret',
          Properties: { Tags: [{ Key: 'onetrip:purpose', Value: 'signing' }, { Key: 'onetrip:signer', Value: '华容县' }] },
        },
      },
    };
    const file = join(tempDir(), 'secrets.json');
    const load = () => {
      const resolved = new Resolver(signing, pseudo);
      defineStaticResources(resolved, 'http://127.0.0.1:3000');
      return platformSecrets(loadSecrets(resolved, file)).get('signing');
    };

    // Act
    const first = load();
    const again = load();

    // Assess
    const key = signingKeyFromP12(first);
    expect(key.signerName).toBe('华容县');
    expect(key.certificate.subject.getField('O')).toBeTruthy();
    expect(again).toBe(first);
  });

  it('hands every function the ARN → value map, and points the functions that name a provider URL at the sandbox', () => {
    // Prepare
    const assembly = tempDir();
    mkdirSync(join(assembly, 'asset.fn'));
    writeFileSync(join(assembly, 'asset.fn', 'index.mjs'), 'export const handler = async () => null;');
    const resolved = resolver();
    const loaded = loadSecrets(resolved, join(tempDir(), 'secrets.json'));
    const secrets = platformSecrets(loaded);
    const endpoints = { dynamodb: 'http://127.0.0.1:1', sqs: 'http://127.0.0.1:2', s3: 'http://127.0.0.1:3' };

    // Act
    const specs = deployedFunctions(resolved, assembly, { region: 'us-east-1', endpoints, secrets: secrets.byArn, replaced: sandboxProviderVariables('http://127.0.0.1:3000', loaded) });

    // Assess
    const [fn, other] = specs;
    const [entry] = JSON.parse(fn!.environment.PAYMENT_PROVIDERS!) as [{ url: string; secretArn: string }];
    expect(JSON.parse(fn!.environment.ONETRIP_LOCAL_SECRETS!)[entry.secretArn]).toBe(secrets.payment);
    expect(entry).toEqual({ provider: 'sandbox', url: 'http://127.0.0.1:3000/sandbox/payments', secretArn: resolved.physicalOf('PaymentProviderSecretFF130413')?.ref });
    expect(JSON.parse(other!.environment.ONETRIP_LOCAL_SECRETS!)).toEqual(secrets.byArn);
    expect(other!.environment.PAYMENT_PROVIDERS).toBeUndefined();
  });
});
