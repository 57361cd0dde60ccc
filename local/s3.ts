// The template's S3 buckets, created in fauxqs, and their objects kept across restarts
// through the ordinary SDK (fauxqs itself is in-memory).
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Resolver } from './template.js';

export async function createBuckets(client: S3Client, resolver: Resolver): Promise<Record<string, string>> {
  const buckets: Record<string, string> = {};
  await Promise.all(
    resolver.resources('AWS::S3::Bucket').map(async ([logicalId]) => {
      const name = resolver.physicalOf(logicalId)?.ref ?? logicalId.toLowerCase();
      await client.send(new CreateBucketCommand({ Bucket: name }));
      buckets[logicalId] = name;
    }),
  );
  return buckets;
}

interface SavedObject {
  key: string;
  file: string;
  contentType?: string;
  contentEncoding?: string;
  contentDisposition?: string;
  cacheControl?: string;
  metadata?: Record<string, string>;
}

/** Copies every object of the buckets into `dir` (one folder per bucket, replaced whole). */
export async function saveBucketObjects(client: S3Client, buckets: Record<string, string>, dir: string): Promise<number> {
  let count = 0;
  for (const bucket of Object.values(buckets)) {
    const target = join(dir, bucket);
    const staging = `${target}.saving`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    const manifest: SavedObject[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
      for (const entry of page.Contents ?? []) {
        if (entry.Key === undefined) continue;
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: entry.Key }));
        const file = `${manifest.length}.bin`;
        writeFileSync(join(staging, file), await object.Body!.transformToByteArray());
        manifest.push({
          key: entry.Key,
          file,
          contentType: object.ContentType,
          contentEncoding: object.ContentEncoding,
          contentDisposition: object.ContentDisposition,
          cacheControl: object.CacheControl,
          metadata: object.Metadata,
        });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    writeFileSync(join(staging, 'manifest.json'), JSON.stringify(manifest));
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
    count += manifest.length;
  }
  return count;
}

export async function restoreBucketObjects(client: S3Client, buckets: Record<string, string>, dir: string): Promise<number> {
  let count = 0;
  for (const bucket of Object.values(buckets)) {
    const manifestFile = join(dir, bucket, 'manifest.json');
    if (!existsSync(manifestFile)) continue;
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as SavedObject[];
    for (const saved of manifest) {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: saved.key,
          Body: readFileSync(join(dir, bucket, saved.file)),
          ContentType: saved.contentType,
          ContentEncoding: saved.contentEncoding,
          ContentDisposition: saved.contentDisposition,
          CacheControl: saved.cacheControl,
          Metadata: saved.metadata,
        }),
      );
      count += 1;
    }
  }
  return count;
}
