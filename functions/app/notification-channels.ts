/**
 * A notification handed to its channel's provider: rendered from its catalog version's
 * template in its language (T's notification-templates), sent through the county's SMS or
 * email sender (B's adapters). The one place the engine meets the templates and adapters.
 */
import { notificationTemplates, renderTemplate, smsBody } from '../domain/notification-templates.js';
import type { NotificationRecord } from '../domain/notification-record.js';
import { emailSender } from '../email/index.js';
import { MessageSendError, smsSender } from '../sms/index.js';

export { MessageSendError };

/** What the provider answered: its name and its id for the message (receipts name it). */
export interface Handed {
  provider: string;
  providerMessageId: string;
}

/**
 * Sends an SMS or email record (never in-app).
 * @throws MessageSendError when the provider refuses (`permanent`) or cannot take it now
 */
export async function handOver(r: NotificationRecord): Promise<Handed> {
  const address = r.recipient.kind === 'applicant' ? r.recipient.address : undefined;
  if (!address || r.channel === 'inapp') throw new MessageSendError(`Notification ${r.notificationId} has no ${r.channel} address`, true);
  const template = notificationTemplates(r.catalogVersion)[r.template];
  if (r.channel === 'sms') {
    const sender = smsSender();
    const sent = await sender.send({ phone: address, template: r.template, params: r.params, text: smsBody(template, r.language, r.params) });
    return { provider: sender.name, providerMessageId: sent.providerMessageId };
  }
  const sender = emailSender();
  const sent = await sender.send({
    to: address,
    template: r.template,
    subject: renderTemplate(template, 'subject', r.language, r.params),
    body: renderTemplate(template, 'body', r.language, r.params),
  });
  return { provider: sender.name, providerMessageId: sent.providerMessageId };
}
