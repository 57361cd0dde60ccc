// GET /local/outbox: the events published so far, newest first, read through the outbox
// table's `byDay` index (a Query per day, never a Scan).
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Resolver } from './template.js';

const MAX_EVENTS = 100;
const MAX_DAYS_BACK = 30;
const DAY_MS = 86_400_000;

/** The outbox table: a template Output `OutboxTableName`, else the table whose logical id starts with `Outbox`. */
export function findOutboxTable(resolver: Resolver, tables: Record<string, string>): string | undefined {
  const output = resolver.template.Outputs?.OutboxTableName;
  if (output) return resolver.resolveString(output.Value);
  const logicalId = Object.keys(tables).find((id) => id.startsWith('Outbox'));
  return logicalId ? tables[logicalId] : undefined;
}

const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Sets and binary values as JSON can carry them. */
function toJson(value: unknown): unknown {
  if (value instanceof Set) return [...value].map(toJson);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJson(item)]));
  return value;
}

export async function recentOutboxEvents(client: DynamoDBClient, tableName: string, now = new Date()): Promise<unknown[]> {
  const documents = DynamoDBDocumentClient.from(client);
  const events: unknown[] = [];
  for (let back = 0; back <= MAX_DAYS_BACK && events.length < MAX_EVENTS; back += 1) {
    const day = shanghaiDay.format(new Date(now.getTime() - back * DAY_MS));
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documents.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'byDay',
          KeyConditionExpression: '#day = :day',
          ExpressionAttributeNames: { '#day': 'day' },
          ExpressionAttributeValues: { ':day': day },
          ScanIndexForward: false,
          Limit: MAX_EVENTS - events.length,
          ExclusiveStartKey: startKey,
        }),
      );
      events.push(...(page.Items ?? []).map(toJson));
      startKey = page.LastEvaluatedKey;
    } while (startKey && events.length < MAX_EVENTS);
  }
  return events;
}
