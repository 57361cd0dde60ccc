/**
 * The access log (docs/need-to-know.md): one item per unmasked read of a case's personal data,
 * in its Shanghai day's partition (`ACCESS#<day>`, sort key `<at>#<id>`), written once, never
 * changed; read back a day at a time, oldest first.
 */
import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { shanghaiDate } from '../../contracts/dates.js';
import { documentClient } from '../lambda/aws.js';
import { dataTable } from './data-table.js';

export const accessLogPartition = (day: string) => `ACCESS#${day}`;

export interface AccessEntry {
  at: string;
  username: string;
  roles: string[];
  department: string;
  caseId: string;
  receiptNumber: string;
  /** What was read: the case itself, one of its materials, or one of its notices. */
  what: 'case' | 'material' | 'notice';
  /** The material code or notice id read. */
  detail?: string;
}

export async function putAccessEntry(entry: AccessEntry): Promise<void> {
  const at = new Date(entry.at);
  await documentClient().send(
    new PutCommand({
      TableName: dataTable(),
      Item: { pk: accessLogPartition(shanghaiDate(at)), sk: `${entry.at}#${randomUUID()}`, ...entry },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}
