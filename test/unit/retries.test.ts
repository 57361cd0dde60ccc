/**
 * Which queue failures are permanent, and when a worker gives a message up
 * (functions/lambda/retries.ts): a permanent failure at once, any other on the queue's last receive.
 */
import type { SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ConflictError, UnprocessableError, ValidationError } from '../../functions/domain/errors.js';
import { givesUp, isPermanent, maxReceives } from '../../functions/lambda/retries.js';
import { MalformedEventError } from '../../functions/lambda/worker.js';

const received = (count: number) => ({ attributes: { ApproximateReceiveCount: String(count) } }) as unknown as SQSRecord;

describe('bounded retries', () => {
  it('calls bad input permanent, and a conflict or an outage not', () => {
    expect(isPermanent(new UnprocessableError('CERTIFICATE_GLYPH_MISSING', 'no glyph'))).toBe(true);
    expect(isPermanent(new ValidationError('bad', []))).toBe(true);
    expect(isPermanent(new MalformedEventError('not JSON'))).toBe(true);
    expect(isPermanent(new ConflictError('CASE_CHANGED', 'raced'))).toBe(false);
    expect(isPermanent(new Error('ECONNRESET'))).toBe(false);
  });

  it('gives a transient failure up on the last receive only, and a permanent one at once', () => {
    const env = { WORKER_MAX_RECEIVE_COUNT: '5' };
    expect(givesUp(received(4), new Error('throttled'), env)).toBe(false);
    expect(givesUp(received(5), new Error('throttled'), env)).toBe(true);
    expect(givesUp(received(1), new UnprocessableError('CERTIFICATE_GLYPH_MISSING', 'no glyph'), env)).toBe(true);
    expect(maxReceives({})).toBe(5);
    expect(maxReceives({ WORKER_MAX_RECEIVE_COUNT: '12' })).toBe(12);
  });
});
