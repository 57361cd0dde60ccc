/**
 * One county's local platform in a process of its own, so the kill test
 * (kill-restart.test.ts) can kill it as a crash would, mid-burst, and start it again on the
 * same data dir. Started as `node --import tsx platform-process.ts <dataDir> <synthesized.json> <fresh>`;
 * prints one JSON line (`{url, endpoints, tables, queues}`) once it serves, and stops gracefully
 * on SIGTERM as `npm start` does.
 */
import { readFileSync } from 'node:fs';
import { startPlatform } from '../../local/platform.js';
import type { SynthesizedCounty } from '../../local/types.js';

process.env.TZ = 'UTC';
const [dataDir, synthesizedFile, fresh] = process.argv.slice(2);
const platform = await startPlatform({
  county: '430600',
  port: 0,
  dataDir,
  fresh: fresh === 'fresh',
  sandboxCourierStepMs: 'manual',
  synthesized: JSON.parse(readFileSync(synthesizedFile!, 'utf8')) as SynthesizedCounty,
});
const queues = Object.fromEntries(Object.entries(platform.resources.queues).map(([id, queue]) => [id, queue.url]));
process.stdout.write(`${JSON.stringify({ url: platform.url, endpoints: platform.endpoints, tables: platform.resources.tables, queues })}\n`);
process.once('SIGTERM', () => void platform.stop().then(() => process.exit(0)));
