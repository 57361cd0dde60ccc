/**
 * The pure parts of the runtime for operators (docs/operations.md): which correlation id a
 * request gets, the messages the relay (and the replay) sends for an event, and how the scripts
 * read their arguments and find a county's queues.
 */
import { describe, expect, it } from 'vitest';
import type { OutboxEvent } from '../../contracts/events.js';
import { correlationIdOf, currentCorrelationId, withCorrelationId } from '../../functions/lambda/correlation.js';
import { eventOfOutboxItem, relayMessages } from '../../functions/lambda/relay.js';
import { correlationOf } from '../../functions/lambda/worker.js';
import { LOCAL_URL, outboxTableOf, queuePair, withLocalDefault } from '../../scripts/operations/county.js';
import { report } from '../../scripts/redrive.js';
import { isDay } from '../../scripts/replay-outbox.js';

const event = (extra: Partial<OutboxEvent> = {}): OutboxEvent => ({
  eventId: 'e-1',
  type: 'task.approved',
  occurredAt: '2026-12-07T02:00:00.000Z',
  county: '430600',
  caseId: 'c-1',
  receiptNumber: '430600-20261207-000001',
  data: {},
  ...extra,
});

describe('the correlation id', () => {
  it('is the caller’s when well-formed, else the fallback', () => {
    expect(correlationIdOf('agency-42:7f3a.b_c', 'req')).toBe('agency-42:7f3a.b_c');
    expect(correlationIdOf('  padded  ', 'req')).toBe('padded');
    for (const bad of [undefined, '', ' ', 'has space', 'a/b', 'x'.repeat(129), '中文', 'new\nline']) expect(correlationIdOf(bad, 'req'), String(bad)).toBe('req');
  });

  it('is current only inside the work it was given to, even when works interleave', async () => {
    const seen: (string | undefined)[] = [];
    const work = (id: string, ms: number) => withCorrelationId(id, async () => {
      await new Promise((r) => setTimeout(r, ms));
      seen.push(currentCorrelationId());
    });
    await Promise.all([work('a', 20), work('b', 5)]);
    expect(seen).toEqual(['b', 'a']);
    expect(currentCorrelationId()).toBeUndefined();
  });

  it('falls back to the event’s own id on an event written before ids were carried', () => {
    expect(correlationOf(event({ correlationId: 'req-1' }))).toBe('req-1');
    expect(correlationOf(event())).toBe('e-1');
  });
});

describe('the relay’s messages', () => {
  it('go to every subscriber with the event as body and its type and correlation id as attributes', () => {
    const messages = relayMessages(event({ correlationId: 'req-1' }), (consumer) => `https://sqs/${consumer}`);
    expect(messages.map((m) => m.consumer).sort()).toEqual(['case-progress', 'certificates', 'supervision-stats']);
    for (const { consumer, input } of messages) {
      expect(input.QueueUrl).toBe(`https://sqs/${consumer}`);
      expect(JSON.parse(input.MessageBody!)).toEqual(event({ correlationId: 'req-1' }));
      expect(input.MessageAttributes).toEqual({ eventType: { DataType: 'String', StringValue: 'task.approved' }, correlationId: { DataType: 'String', StringValue: 'req-1' } });
    }
  });

  it('carry no correlation attribute for an event without one, and no message for an event nobody subscribes to', () => {
    expect(relayMessages(event(), () => 'q')[0]!.input.MessageAttributes).not.toHaveProperty('correlationId');
    expect(relayMessages(event({ type: 'task.reviewed' }), () => 'q')).toEqual([]);
  });

  it('publish the event an outbox item holds, less the table’s bookkeeping', () => {
    expect(eventOfOutboxItem({ ...event(), day: '2026-12-07', expiresAt: 1 })).toEqual(event());
  });
});

describe('the operators’ scripts', () => {
  const queues = {
    QueuecertificatesQueue1A2B3C4D: 'q-cert',
    QueuecertificatesDlq5E6F7A8B: 'dlq-cert',
    QueuecourierdispatchQueue11111111: 'q-courier',
    QueuecourierdispatchDlq22222222: 'dlq-courier',
    RelayFailuresQueueAAAAAAAA: 'q-relay',
    RelayFailuresDlqBBBBBBBB: 'dlq-relay',
  };

  it('find a named queue and its DLQ by the construct’s logical id', () => {
    expect(queuePair(queues, 'certificates')).toEqual({ queue: 'q-cert', dlq: 'dlq-cert' });
    expect(queuePair(queues, 'courier-dispatch')).toEqual({ queue: 'q-courier', dlq: 'dlq-courier' });
    expect(queuePair(queues, 'relay-failures')).toEqual({ queue: 'q-relay', dlq: 'dlq-relay' });
    expect(outboxTableOf({ DataTable1234ABCD: 'd', OutboxTable5678ABCD: 'o' })).toBe('o');
  });

  it('name what they cannot find', () => {
    expect(() => queuePair(queues, 'nope')).toThrow('--queue must be one of review-dispatch, case-progress, settlement, refunds, certificates, notices, courier-dispatch, notifications, supervision-stats, relay-failures');
    expect(() => queuePair(queues, 'refunds')).toThrow('No queue refunds (QueuerefundsQueue…)');
  });

  it('take a bare --local as the default local runtime', () => {
    expect(withLocalDefault(['--county', '1', '--local'])).toEqual(['--county', '1', '--local', LOCAL_URL]);
    expect(withLocalDefault(['--local', '--county', '1'])).toEqual(['--local', LOCAL_URL, '--county', '1']);
    expect(withLocalDefault(['--local', 'http://x:1'])).toEqual(['--local', 'http://x:1']);
  });

  it('accept only real days, and report each moved message', () => {
    expect(isDay('2026-12-07')).toBe(true);
    for (const bad of ['2026-02-30', '2026-13-01', '20261207', 'today']) expect(isDay(bad), bad).toBe(false);
    expect(report('certificates', 'OneTrip-430600', [{ from: 'a', to: 'b' }])).toBe('1 message moved from the dead-letter queue of certificates back to its queue (OneTrip-430600)\n  a -> b');
  });
});
