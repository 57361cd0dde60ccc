// Intrinsic resolution and local names, on hand-written template fragments.
import { describe, expect, it } from 'vitest';
import { Resolver, defineStaticResources, localNames } from '../../local/template.js';
import type { CfnTemplate } from '../../local/types.js';

const pseudo = { region: 'us-east-1', accountId: '000000000000', partition: 'aws', urlSuffix: 'amazonaws.com', stackName: 'OneTrip-430600' };

function resolverFor(resources: CfnTemplate['Resources'], extra: Partial<CfnTemplate> = {}): Resolver {
  const resolver = new Resolver({ Resources: resources, ...extra }, pseudo);
  defineStaticResources(resolver, 'http://127.0.0.1:3000');
  return resolver;
}

describe('Resolver', () => {
  const resolver = resolverFor(
    {
      Data: { Type: 'AWS::DynamoDB::Table' },
      Files: { Type: 'AWS::S3::Bucket' },
      Pool: { Type: 'AWS::Cognito::UserPool' },
      Fn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'named-fn' } },
      Key: { Type: 'AWS::KMS::Key' },
    },
    { Mappings: { Regions: { 'us-east-1': { Suffix: 'east' } } }, Conditions: { IsEast: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] } } },
  );
  resolver.define('Queue', 'http://sqs.us-east-1.localhost:4566/000000000000/q', { Arn: 'arn:aws:sqs:us-east-1:000000000000:q', QueueName: 'q' });

  it('resolves Ref and Fn::GetAtt to local physical values', () => {
    expect(resolver.resolve({ Ref: 'Data' })).toBe('OneTrip-430600-Data');
    expect(resolver.resolve({ 'Fn::GetAtt': ['Data', 'Arn'] })).toBe('arn:aws:dynamodb:us-east-1:000000000000:table/OneTrip-430600-Data');
    expect(resolver.resolve({ 'Fn::GetAtt': 'Queue.Arn' })).toBe('arn:aws:sqs:us-east-1:000000000000:q');
    expect(resolver.resolve({ Ref: 'Files' })).toBe('onetrip-430600-files');
    expect(resolver.resolve({ Ref: 'Fn' })).toBe('named-fn');
    expect(resolver.resolve({ 'Fn::GetAtt': ['Pool', 'ProviderURL'] })).toMatch(/^https:\/\/cognito-idp\.us-east-1\.amazonaws\.com\/us-east-1_local\w+$/);
    expect(resolver.resolve({ 'Fn::GetAtt': ['Key', 'Arn'] })).toMatch(/^arn:aws:kms:us-east-1:000000000000:key\/[0-9a-f-]{36}$/);
  });

  it('resolves Join, Sub (both forms), Select, Split, If and FindInMap', () => {
    expect(resolver.resolve({ 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]] })).toBe(
      'https://cognito-idp.us-east-1.amazonaws.com',
    );
    expect(resolver.resolve({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Files}/*' })).toBe('arn:aws:s3:::onetrip-430600-files/*');
    expect(resolver.resolve({ 'Fn::Sub': '${Queue.QueueName}-${!Literal}' })).toBe('q-${Literal}');
    expect(resolver.resolve({ 'Fn::Sub': ['${A}/${AWS::StackName}', { A: { Ref: 'Data' } }] })).toBe('OneTrip-430600-Data/OneTrip-430600');
    expect(resolver.resolve({ 'Fn::Select': [1, { 'Fn::Split': ['/', 'a/b/c'] }] })).toBe('b');
    expect(resolver.resolve({ 'Fn::If': ['IsEast', 'yes', 'no'] })).toBe('yes');
    expect(resolver.resolve({ 'Fn::FindInMap': ['Regions', { Ref: 'AWS::Region' }, 'Suffix'] })).toBe('east');
    expect(resolver.resolve({ A: { Ref: 'AWS::NoValue' }, B: 1 })).toEqual({ B: 1 });
  });

  it('turns what it cannot resolve into a placeholder and remembers it', () => {
    expect(resolver.resolve({ Ref: 'Missing' })).toBe('local-unresolved:Ref(Missing)');
    expect(resolver.resolve({ 'Fn::GetAtt': ['Data', 'Nope'] })).toBe('local-unresolved:GetAtt(Data.Nope)');
    expect(resolver.resolve({ 'Fn::ImportValue': 'x' })).toMatch(/^local-unresolved:Fn::ImportValue/);
    expect([...resolver.unresolved]).toEqual(expect.arrayContaining(['Ref(Missing)', 'GetAtt(Data.Nope)']));
  });

  it('finds a logical id by any of its physical values', () => {
    expect(resolver.logicalIdFor('arn:aws:sqs:us-east-1:000000000000:q')).toBe('Queue');
    expect(resolver.logicalIdFor('named-fn')).toBe('Fn');
  });
});

describe('localNames', () => {
  it('makes bucket names S3 accepts: lowercase, at most 63 characters, stable', () => {
    const name = localNames.bucket('OneTrip-430600-etdz', 'MaterialsBucketWithAVeryLongLogicalIdIndeedABCDEF0123456789');
    expect(name).toMatch(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/);
    expect(name).toBe(localNames.bucket('OneTrip-430600-etdz', 'MaterialsBucketWithAVeryLongLogicalIdIndeedABCDEF0123456789'));
    expect(localNames.queue('Stack', 'Q', true)).toBe('Stack-Q.fifo');
  });
});
