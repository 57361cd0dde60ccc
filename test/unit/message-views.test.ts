/**
 * What the applicant and the staff read of their notifications (functions/domain/message-views.ts):
 * one message per notification with its SMS and email as deliveries, masked; the staff's
 * records left out of the applicant's list; the opt-out a change only when it changes.
 */
import { describe, expect, it } from 'vitest';
import type { Channel, TemplateId } from '../../contracts/notifications.js';
import { applicantMessages, messageReader, setNotificationsOptOut, staffMessage } from '../../functions/domain/message-views.js';
import { notificationIdOf, type NotificationRecord, type Recipient } from '../../functions/domain/notification-record.js';
import { notificationTemplates, renderTemplate } from '../../functions/domain/notification-templates.js';
import type { CaseRecord } from '../../functions/domain/records.js';
import { CATALOG_VERSION } from '../support/fixtures.js';

const PARAMS = { receiptNumber: '430600-20261207-000001', item: '食品经营许可', promisedDate: '2026-12-18', count: '2', department: '市场监督管理局', dueDate: '2026-12-11' };

function record(eventId: string, template: TemplateId, channel: Channel, recipient: Recipient, createdAt: string, extra: Partial<NotificationRecord> = {}): NotificationRecord {
  return {
    notificationId: notificationIdOf(eventId, recipient, channel), caseId: 'c1', receiptNumber: PARAMS.receiptNumber, county: '430600', eventId, template,
    catalogVersion: CATALOG_VERSION, channel, recipient, language: 'zh-CN', params: PARAMS, essential: template === 'accepted', urgent: false,
    status: channel === 'inapp' ? 'delivered' : 'sent', createdAt, sendAt: createdAt, attempts: 0, ...extra,
  };
}

describe('applicantMessages', () => {
  it('lists one message per notification shown, newest first, with its SMS and email masked, and none of the staff’s', () => {
    // Prepare
    const records = [
      record('e1', 'submitted', 'inapp', { kind: 'applicant' }, '2026-12-07T01:00:00.000Z'),
      record('e1', 'submitted', 'sms', { kind: 'applicant', address: '13907301234' }, '2026-12-07T01:00:00.000Z', { status: 'delivered', settledAt: '2026-12-07T01:00:09.000Z' }),
      record('e2', 'accepted', 'inapp', { kind: 'applicant' }, '2026-12-07T02:00:00.000Z'),
      record('e2', 'accepted', 'email', { kind: 'applicant', address: 'lixiangjun@example.com' }, '2026-12-07T02:00:00.000Z', { status: 'scheduled', sendAt: '2026-12-08T00:00:00.000Z' }),
      record('e3', 'task_assigned', 'inapp', { kind: 'staff', role: 'reviewer', department: 'amr' }, '2026-12-07T03:00:00.000Z'),
      // A fee reminder waiting for its day is not shown yet.
      record('e4:ticket_due', 'ticket_due', 'inapp', { kind: 'applicant' }, '2026-12-07T04:00:00.000Z', { status: 'scheduled', sendAt: '2026-12-10T01:00:00.000Z' }),
    ];

    // Act
    const { optOut, messages } = applicantMessages({ notificationsOptOut: true }, records, 'en');

    // Assess
    expect(optOut).toBe(true);
    expect(messages.map((m) => m.template)).toEqual(['accepted', 'submitted']);
    expect(messages[0]).toMatchObject({ essential: true, deliveries: [{ channel: 'email', to: 'l***@example.com', status: 'scheduled', at: '2026-12-08T00:00:00.000Z' }] });
    expect(messages[1]!.deliveries).toEqual([{ channel: 'sms', to: '139****1234', status: 'delivered', at: '2026-12-07T01:00:09.000Z' }]);
    expect(messages[0]!.subject).toBe(renderTemplate(notificationTemplates(CATALOG_VERSION).accepted, 'subject', 'en', PARAMS));
    expect(JSON.stringify(messages)).not.toMatch(/13907301234|lixiangjun/);
  });
});

describe('wording in the reader’s language', () => {
  const EN = { ...PARAMS, item: 'Food business licence', department: 'Market Regulation', promisedDate: '18 December 2026' };
  const ZH = { ...PARAMS, promisedDate: '2026年12月18日' };

  it('fills a message with the values of the reader’s language, and an older record with the ones it kept', () => {
    // Prepare: a Chinese case's message, its values kept in both languages; an older one with its own only
    const both = record('e1', 'accepted', 'inapp', { kind: 'applicant' }, '2026-12-07T01:00:00.000Z', { params: ZH, localizedParams: { 'zh-CN': ZH, en: EN } });
    const staff = record('e2', 'task_assigned', 'inapp', { kind: 'staff', role: 'reviewer', department: 'amr' }, '2026-12-07T01:00:00.000Z', { params: ZH, localizedParams: { 'zh-CN': ZH, en: EN } });
    const older = record('e3', 'submitted', 'inapp', { kind: 'applicant' }, '2026-12-07T00:00:00.000Z');

    // Act
    const [english, olderEnglish] = applicantMessages({}, [both, older], 'en').messages;
    const [chinese] = applicantMessages({}, [both], 'zh-CN').messages;

    // Assess
    expect(english!.body).toBe(renderTemplate(notificationTemplates(CATALOG_VERSION).accepted, 'body', 'en', EN));
    expect(english!.body).toContain('Food business licence');
    expect(english!.body).not.toMatch(/食品|年/);
    expect(chinese!.body).toBe(renderTemplate(notificationTemplates(CATALOG_VERSION).accepted, 'body', 'zh-CN', ZH));
    expect(staffMessage(staff, 'en').body).not.toMatch(/市场|食品/);
    expect(olderEnglish!.body).toBe(renderTemplate(notificationTemplates(CATALOG_VERSION).submitted, 'body', 'en', PARAMS));
  });
});

describe('setNotificationsOptOut', () => {
  const c = { receiptNumber: PARAMS.receiptNumber, version: 3 } as CaseRecord;

  it('opts out with one timeline entry by the applicant, and changes nothing when already in force', () => {
    // Act
    const change = setNotificationsOptOut(c, true, { now: '2026-12-07T05:00:00.000Z' });
    const again = setNotificationsOptOut({ ...c, notificationsOptOut: true }, true, { now: '2026-12-07T05:00:00.000Z' });
    const stays = setNotificationsOptOut(c, false, { now: '2026-12-07T05:00:00.000Z' });

    // Assess
    expect(change?.case).toEqual({ next: { ...c, notificationsOptOut: true, version: 4 }, expectedVersion: 3 });
    expect(change?.timeline).toEqual([{ at: '2026-12-07T05:00:00.000Z', actor: { type: 'applicant', id: PARAMS.receiptNumber }, action: 'notifications.opted_out' }]);
    expect([again, stays]).toEqual([null, null]);
  });
});

describe('messageReader', () => {
  it('reads a reviewer’s or chief’s department queue, the supervisors’ queue, and refuses other roles', () => {
    // Assess
    expect(messageReader({ username: 'r', roles: ['reviewer'], department: 'amr' })).toEqual({ role: 'reviewer', department: 'amr' });
    expect(messageReader({ username: 'c', roles: ['chief'], department: 'amr' })).toEqual({ role: 'chief', department: 'amr' });
    expect(messageReader({ username: 's', roles: ['supervisor'], department: 'center' })).toEqual({ role: 'supervisor' });
    expect(() => messageReader({ username: 'k', roles: ['clerk'], department: 'center' })).toThrow(expect.objectContaining({ code: 'ROLE_REQUIRED' }));
  });
});
