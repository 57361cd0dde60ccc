// `npm start`: runs one county's platform on this machine until Ctrl-C.
//
//   npm start -- [--county 430600] [--port 3000] [--fresh] [--verbose]
//                [--dynamodb-port 8000] [--aws-port 4566] [--s3-port 4567] [--static /demo=path/to/dir]
//                [--data-dir .local/<county>] [--providers sandbox|protocol]
//
// Builds the citizen widgets first and serves them under /widgets/, the staff workbench
// at /staff/, and the demo consolidated portal at /. `--static` roots come before these, so they can replace either.
// `--providers protocol` runs the county with Alipay, WeChat Pay and SF Express against their
// protocol simulators under /simulators/ (local/simulators/) instead of the friendly sandboxes.
import { isAbsolute, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildWidgets, WIDGETS_OUT, WIDGETS_ROOT } from '../scripts/build-widgets.js';
import { buildWorkbench, WORKBENCH_OUT } from '../scripts/build-workbench.js';
import { printedUrl } from './platform-gateway.js';
import { startPlatform } from './platform.js';
import type { Platform } from './types.js';
import type { ProvidersMode } from '../infra/config/counties.js';

// Lambda runs functions in UTC; the workers share this process's time zone.
process.env.TZ = 'UTC';

const { values } = parseArgs({
  options: {
    county: { type: 'string', default: '430600' },
    port: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    'dynamodb-port': { type: 'string', default: '8000' },
    'aws-port': { type: 'string', default: '4566' },
    's3-port': { type: 'string', default: '4567' },
    static: { type: 'string', multiple: true, default: [] },
    'data-dir': { type: 'string' },
    providers: { type: 'string', default: 'sandbox' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log('npm start -- [--county 430600] [--port 3000] [--fresh] [--verbose] [--dynamodb-port 8000] [--aws-port 4566] [--s3-port 4567] [--static /prefix=dir] [--data-dir dir] [--providers sandbox|protocol]');
  process.exit(0);
}
if (values.providers !== 'sandbox' && values.providers !== 'protocol') {
  console.error(`--providers is sandbox or protocol, not "${values.providers}"`);
  process.exit(2);
}
const providers: ProvidersMode = values.providers;

const county = values.county;
const dataDir = resolve(values['data-dir'] ?? `.local/${county}`);
const staticRoots = [
  ...values.static.map((entry) => {
    const [prefix = '', dir = ''] = entry.split('=');
    return { prefix: prefix.startsWith('/') ? prefix : `/${prefix}`, dir: isAbsolute(dir) ? dir : resolve(dir) };
  }),
  { prefix: '/widgets/', dir: WIDGETS_OUT },
  { prefix: '/staff/', dir: WORKBENCH_OUT },
  { prefix: '/', dir: resolve(WIDGETS_ROOT, 'demo') },
];
const time = () => new Date().toISOString().slice(11, 23);
const log = (line: string) => console.log(`${time()} ${line}`);

function summary(platform: Platform): string {
  const { index } = platform;
  // The same address certificates' QR codes carry (platform-functions.ts).
  const address = printedUrl(platform.url);
  const rows = (entries: Array<[string, string]>) => entries.map(([left, right]) => `    ${left.padEnd(48)} ${right}`).join('\n');
  return [
    '',
    `OneTrip local runtime: ${index.stack}`,
    `  portal          ${address}/ (the demo consolidated portal embedding the widgets; certificates are verified at ${address}/verify.html)`,
    `  workbench       ${address}/staff/ (the staff workbench; sign in as any seeded user, see GET /local/users)`,
    `  API             ${address} (reference: ${address}/docs/api, document: /v1/openapi.json)`,
    `  DynamoDB Local  ${index.endpoints.dynamodb}`,
    `  SQS             ${index.endpoints.sqs}`,
    `  S3              ${index.endpoints.s3} (fauxqs, with the buckets' CORS rules)`,
    `  data            ${relative(process.cwd(), dataDir) || dataDir} (kept across restarts; --fresh starts empty)`,
    '  tables',
    rows(Object.entries(index.tables)),
    '  queues',
    rows(Object.entries(index.queues)),
    '  buckets',
    rows(Object.entries(index.buckets)),
    '  routes',
    rows(index.routes.map((route) => [route.route, `${route.function ?? '?'}${route.auth === 'NONE' ? '' : ` (${route.auth})`}`])),
    '  event sources',
    rows(index.eventSources.map((source) => [`${source.kind} ${source.source}`, source.function ?? '?'])),
    ...(index.schedules.length > 0 ? ['  schedules', rows(index.schedules.map((rule) => [rule.id, rule.expression]))] : []),
    ...(staticRoots.length > 0 ? ['  static', rows(staticRoots.map((root) => [root.prefix, root.dir]))] : []),
    '  local only',
    rows([
      ['POST /local/token {"username":"clerk"}', 'a staff JWT (see GET /local/users)'],
      ['GET /local/outbox', 'the events published so far'],
      ['GET /local/index', 'the queues, tables and buckets, by name (npm run redrive / replay-outbox -- --local)'],
      ['POST /local/schedules/{id}', 'fires a schedule now (the DeadlineWatch… id is under schedules above)'],
      ['GET /local/clock', 'the functions\' clock: {now, offsetMs, virtual}'],
      ['POST /local/clock {"advance":{"days":1}}', 'moves it ({"at":"<ISO>"}, {"reset":true}); kept in the data dir'],
      ['GET /sandbox/payments/{paymentId}', 'the sandbox payment provider: pay or decline, then it calls back signed'],
      ['GET /sandbox/sms?phone=…', 'the text messages sent to a phone, newest first (the library\'s codes)'],
      ['POST /sandbox/email/messages', 'the sandbox email provider: captures an email, then reports its delivery signed'],
      ['GET /local/messages', 'every text and email captured, newest first (?phone=, ?email=, ?receiptNumber=)'],
      ['GET /sms.html?phone=…', 'the demo portal\'s 手机短信 page: a test phone\'s texts as they arrive'],
      ...(providers === 'protocol' ? [['GET /simulators/sf/waybills/{waybillNo}', 'the SF Express simulator: an order, its routes and pushes (--providers protocol)'] as [string, string]] : []),
    ]),
    '',
    'Ctrl-C stops everything (S3 objects and undelivered messages are kept).',
    '',
  ].join('\n');
}

let platform: Platform | undefined;
try {
  log('building the widgets and the workbench…');
  await Promise.all([buildWidgets(), buildWorkbench()]);
  log(`starting county ${county}${values.fresh ? ' from empty data' : ''}…`);
  platform = await startPlatform({
    county,
    port: Number(values.port ?? process.env.PORT ?? 3000),
    dynamodbPort: Number(values['dynamodb-port']),
    awsPort: Number(values['aws-port']),
    s3Port: Number(values['s3-port']),
    dataDir,
    fresh: values.fresh,
    verbose: values.verbose,
    staticRoots,
    log,
    providers,
  });
  console.log(summary(platform));
} catch (error) {
  console.error(error);
  process.exit(1);
}

let stoppingSince: number | undefined;
async function shutdown(signal: string): Promise<void> {
  if (stoppingSince !== undefined) {
    // npm and tsx relay the terminal's Ctrl-C, so one press arrives more than once; a
    // second press later means "now": the exit hook still kills DynamoDB Local.
    if (Date.now() - stoppingSince > 1500) process.exit(130);
    return;
  }
  stoppingSince = Date.now();
  log(`${signal}: stopping…`);
  try {
    await platform?.stop();
    log('stopped');
    process.exit(0);
  } catch (error) {
    console.error(error);
    process.exit(1);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
