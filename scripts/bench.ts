/**
 * `npm run bench`: figures of the submit path, the bundles and their cold
 * initialization, each as a ratio to a baseline measured in this same run (these
 * machines are shared and noisy, so absolute numbers mean little from one run to the
 * next). Prints a table per section and writes the raw numbers to build/bench/results.json.
 *
 * `npm run bench -- bundles cold-start` runs only the named sections (submit, bundles, cold-start, certificates, widgets, lighthouse, workbench-inbox, receipts, stats, supervision-reads, notifications, cost).
 * The run ends with every figure that has a goal (scripts/bench/goals.ts) beside its goal.
 * `npm run bench -- --compare previous.json` also prints how each number changed since that
 * earlier run's results (copy build/bench/results.json aside to keep it).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { BENCH_DIR, biggestContributors, buildHelloBundle, buildSdkBaselines, contributorsTable, functionBundles, measureSizes, sizesTable } from './bench/bundles.js';
import { coldStartTable, measureColdStarts } from './bench/cold-start.js';
import { compareTable, goalsTable } from './bench/goals.js';

// The SDK's notice that its 2027 releases need Node 22 is known (DESIGN §6) and would only clutter the tables.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const SECTIONS = ['submit', 'bundles', 'cold-start', 'certificates', 'widgets', 'lighthouse', 'workbench-inbox', 'receipts', 'stats', 'supervision-reads', 'notifications', 'cost'] as const;
type Section = (typeof SECTIONS)[number];

const args = process.argv.slice(2);
const compareAt = args.indexOf('--compare');
const comparedWith = compareAt >= 0 ? args[compareAt + 1] : undefined;
if (compareAt >= 0 && !comparedWith) throw new Error('--compare needs the path of an earlier results.json');
// Read before the run, so that a missing or broken file fails at once.
const previous: unknown = comparedWith ? JSON.parse(readFileSync(comparedWith, 'utf8')) : undefined;
const asked = args.filter((_, i) => compareAt < 0 || (i !== compareAt && i !== compareAt + 1));
const unknown = asked.filter((a) => !SECTIONS.includes(a as Section));
if (unknown.length) throw new Error(`Unknown section(s) ${unknown.join(', ')}; choose from ${SECTIONS.join(', ')}`);
const wanted = (s: Section) => asked.length === 0 || asked.includes(s);

const heading = (title: string) => console.log(`\n== ${title} ==`);
const results: Record<string, unknown> = {
  startedAt: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  loadavgAtStart: loadavg(),
};
const started = performance.now();

// Bundles and cold starts run first, while no platform competes for the CPU.
if (wanted('bundles') || wanted('cold-start')) {
  const [hello, functions] = await Promise.all([buildHelloBundle(), functionBundles()]);
  if (wanted('bundles')) {
    heading('Bundle sizes: the static graph a cold start reads, minified, against the goal (ratio to a hello-world handler bundled with the same options)');
    const sizes = measureSizes(hello, functions);
    console.log(sizesTable(sizes));
    console.log(contributorsTable(functions));
    results.bundles = { ...sizes, contributors: Object.fromEntries(functions.map((f) => [f.name, biggestContributors(f)])) };
  }
  if (wanted('cold-start')) {
    heading('Cold initialization: import() in a fresh Node process, median of 7, interleaved with a bundle constructing only the same SDK clients');
    const coldStarts = await measureColdStarts(functions, await buildSdkBaselines(functions, hello));
    console.log(coldStartTable(coldStarts));
    results.coldStart = coldStarts;
  }
}

if (wanted('certificates')) {
  const { benchCertificates, certificatesTable } = await import('./bench/certificates.js');
  heading('Certificates: rendering one PDF (layout, subset font, QR code), warm, vs an empty A4 page with the same library, interleaved');
  const certificates = await benchCertificates();
  console.log(certificatesTable(certificates));
  results.certificates = certificates;
}

if (wanted('widgets')) {
  // Loaded only when asked: it builds the widgets and starts the platform and Chromium.
  const w = await import('./bench/widgets.js');
  const portal = await w.startPortal();
  const browser = await w.launchChromium();
  try {
    heading('Citizen widgets: gzipped download, each file as served, against the budgets');
    const sizes = w.measureWidgetSizes();
    console.log(w.widgetSizesTable(sizes));
    heading('Citizen widgets: the JavaScript the market page loads before the citizen interacts (Chinese; English for comparison)');
    const pages = [await w.measurePageScripts(portal, browser, '/market.html'), await w.measurePageScripts(portal, browser, '/market.html?lang=en')];
    console.log(w.pageScriptsTable(pages));
    heading('Citizen widgets: the application form\'s first render vs a blank page\'s load, headless Chromium, median of 7, interleaved');
    const firstRender = await w.benchFirstRender(portal, browser);
    console.log(w.firstRenderTable(firstRender));
    results.widgets = { sizes, pages, firstRender };
  } finally {
    await browser.close();
    await portal.stop();
  }
}

if (wanted('lighthouse')) {
  // Loaded only when asked: it builds the widgets, starts the platform and runs Lighthouse on Chromium.
  const { benchLighthouse, lighthouseTable } = await import('./bench/lighthouse.js');
  heading('Lighthouse 12.2.3 on every portal page (mobile, simulated throttling; performance the median of 3)');
  const lighthouse = await benchLighthouse();
  console.log(lighthouseTable(lighthouse));
  results.lighthouse = lighthouse;
}

if (wanted('workbench-inbox')) {
  // Loaded only when asked: it builds the workbench and starts the platform and Chromium.
  const { benchInbox, inboxTable } = await import('./bench/workbench-inbox.js');
  heading("Staff workbench: the reviewer's inbox's first render vs a blank page's load, headless Chromium, median of 5, interleaved");
  const inbox = await benchInbox();
  console.log(inboxTable(inbox));
  results.workbenchInbox = inbox;
}

if (wanted('submit')) {
  // Loaded only when asked: it starts the whole local platform.
  const { benchSubmit, submitTable } = await import('./bench/submit.js');
  heading('Submit path vs raw DynamoDB Local TransactWriteItems');
  const submit = await benchSubmit();
  console.log(submitTable(submit));
  results.submit = submit;
}

if (wanted('receipts')) {
  // Loaded only when asked: it starts the whole local platform.
  const { benchReceipts, receiptsTable } = await import('./bench/receipts.js');
  heading('Receipt lookups: an unknown receipt vs a real one with a wrong code (the same work, the same time)');
  const receipts = await benchReceipts();
  console.log(receiptsTable(receipts));
  results.receipts = receipts;
}

if (wanted('stats')) {
  // Loaded only when asked: it starts the whole local platform.
  const { benchStats, statsTable } = await import('./bench/supervision-stats.js');
  heading('Statistics: the supervision-stats consumer (queue → counters) vs the outbox relay (outbox → queue), alternating rounds');
  const stats = await benchStats();
  console.log(statsTable(stats));
  results.stats = stats;
}

if (wanted('supervision-reads')) {
  // Loaded only when asked: it starts the whole local platform.
  const { benchSupervisionReads, supervisionReadsTable } = await import('./bench/supervision-reads.js');
  heading('Supervision reads: the board and the monthly report at 1,000 vs 100,000 cases (DynamoDB requests and consumed capacity; the ratio should be about 1.0)');
  const supervisionReads = await benchSupervisionReads();
  console.log(supervisionReadsTable(supervisionReads));
  results.supervisionReads = supervisionReads;
}

if (wanted('notifications')) {
  // Loaded only when asked: it starts the whole local platform.
  const { benchNotificationDelay, notificationDelayTable } = await import('./bench/notifications.js');
  heading('Notifications: from the event to the provider (the message sandbox), end to end');
  const notifications = await benchNotificationDelay();
  console.log(notificationDelayTable(notifications));
  results.notifications = notifications;
}

if (wanted('cost')) {
  // Loaded only when asked: it starts the whole local platform, metered.
  const { benchCost, costTable } = await import('./bench/cost.js');
  heading('AWS cost of one case, its whole life, from measured usage at list prices (docs/cost.md)');
  const cost = await benchCost();
  console.log(costTable(cost));
  results.cost = cost;
}

heading('Goals');
console.log(goalsTable(results));
if (previous !== undefined) {
  heading(`Changes since ${comparedWith}`);
  console.log(compareTable(results, previous));
}

results.elapsedSeconds = (performance.now() - started) / 1000;
mkdirSync(BENCH_DIR, { recursive: true });
const out = join(BENCH_DIR, 'results.json');
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nRaw numbers: ${out} (${(results.elapsedSeconds as number).toFixed(0)} s)`);
