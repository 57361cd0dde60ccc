/**
 * The archive of closed periods' reports (docs/reports.md): the files in the private
 * `Reports` bucket, each under a key naming its own SHA-256 (`<county>/<period>/<sha256>.<ext>`,
 * so two runs never overwrite each other's bytes), and one `REPORT#<period>` item holding
 * the three hashes, put with attribute_not_exists: the first archive of a period stands, a
 * rerun changes nothing, and a file that no longer matches its recorded hash is refused.
 */
import { createHash } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { documentClient, s3Client } from '../lambda/aws.js';
import { requireEnv } from '../lambda/env.js';
import { dataTable } from './data-table.js';
import { reportKey } from './keys.js';

const reportsBucket = () => requireEnv('REPORTS_BUCKET');

export type ReportFormat = 'json' | 'csv' | 'pdf';
export const REPORT_FORMATS: readonly ReportFormat[] = ['json', 'csv', 'pdf'];
const CONTENT_TYPES: Record<ReportFormat, string> = { json: 'application/json; charset=utf-8', csv: 'text/csv; charset=utf-8', pdf: 'application/pdf' };

export interface ArchivedReport {
  period: string;
  county: string;
  archivedAt: string;
  sha256: Record<ReportFormat, string>;
  objects: Record<ReportFormat, string>;
}

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The archive record of a period, if it was archived. */
export async function archivedReport(period: string): Promise<ArchivedReport | undefined> {
  const out = await documentClient().send(new GetCommand({ TableName: dataTable(), Key: reportKey(period), ConsistentRead: true }));
  if (!out.Item) return undefined;
  const { pk: _pk, sk: _sk, ...record } = out.Item;
  return record as ArchivedReport;
}

/**
 * Archives a period's three files: the objects first (keyed by their hash), then the record,
 * only if none exists. Returns false when the period was archived already (by an earlier
 * run, or a concurrent one that got there first); its files and record are then left as they were.
 */
export async function archiveReport(period: string, county: string, archivedAt: string, files: Record<ReportFormat, Uint8Array>): Promise<boolean> {
  if (await archivedReport(period)) return false;
  const sha256 = Object.fromEntries(REPORT_FORMATS.map((f) => [f, sha256Of(files[f])])) as Record<ReportFormat, string>;
  const objects = Object.fromEntries(REPORT_FORMATS.map((f) => [f, `${county}/${period}/${sha256[f]}.${f}`])) as Record<ReportFormat, string>;
  for (const format of REPORT_FORMATS) {
    await s3Client().send(new PutObjectCommand({ Bucket: reportsBucket(), Key: objects[format], Body: files[format], ContentType: CONTENT_TYPES[format] }));
  }
  const record: ArchivedReport = { period, county, archivedAt, sha256, objects };
  try {
    await documentClient().send(new PutCommand({ TableName: dataTable(), Item: { ...reportKey(period), ...record }, ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException || (error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** An archived file's bytes, checked against the hash recorded for it: a changed file is an error, never served. */
export async function archivedFile(record: ArchivedReport, format: ReportFormat): Promise<Uint8Array> {
  const out = await s3Client().send(new GetObjectCommand({ Bucket: reportsBucket(), Key: record.objects[format] }));
  const bytes = await out.Body!.transformToByteArray();
  if (sha256Of(bytes) !== record.sha256[format]) {
    throw new Error(`Archived ${format} of ${record.period} does not match its recorded SHA-256 ${record.sha256[format]}`);
  }
  return bytes;
}
