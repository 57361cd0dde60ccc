/**
 * Notification records put straight into DynamoDB Local, shaped as the notifications consumer
 * writes them (functions/domain/notification-record.ts; a staff one also on its recipients'
 * queue), so the message routes and screens can be tested on their own.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Channel, TemplateId } from '../../contracts/notifications.js';
import { notificationIdOf, type NotificationRecord, type Recipient } from '../../functions/domain/notification-record.js';
import { notificationKey, staffMessageQueue } from '../../functions/store/keys.js';
import { CATALOG_VERSION } from './fixtures.js';
import type { TestPlatform } from './platform.js';

/** Every placeholder any template names, with a realistic value. */
const PARAMS = {
  item: '食品经营许可', promisedDate: '2026-12-18', department: '市场监督管理局', dueDate: '2026-12-11', legalDate: '2026-12-30', replyBy: '2026-12-10',
  count: '2', material: '食品安全管理制度', ticketNumber: 'T430600-20261207-000001', amount: '¥300.00', courier: '顺丰速运', waybillNumber: 'SF1234567890', hall: '岳阳市政务服务中心',
};

export async function putNotification(
  t: TestPlatform,
  c: { caseId: string; receiptNumber: string },
  n: { eventId: string; template: TemplateId; channel: Channel; recipient: Recipient; createdAt: string } & Partial<NotificationRecord>,
): Promise<NotificationRecord> {
  const { eventId, channel, recipient, createdAt } = n;
  const record: NotificationRecord = {
    notificationId: notificationIdOf(eventId, recipient, channel),
    caseId: c.caseId,
    receiptNumber: c.receiptNumber,
    county: '430600',
    catalogVersion: CATALOG_VERSION,
    language: 'zh-CN',
    params: { receiptNumber: c.receiptNumber, ...PARAMS },
    essential: false,
    urgent: false,
    status: channel === 'inapp' ? 'delivered' : 'sent',
    sendAt: createdAt,
    attempts: channel === 'inapp' ? 0 : 1,
    ...n,
  };
  const queue = recipient.kind === 'staff' ? { queuePk: staffMessageQueue(recipient.department, recipient.role), queueSk: `${createdAt}#${record.notificationId}` } : {};
  await t.dynamo.send(new PutCommand({ TableName: t.dataTable, Item: { ...notificationKey(c.caseId, record.notificationId), ...record, ...queue } }));
  return record;
}
