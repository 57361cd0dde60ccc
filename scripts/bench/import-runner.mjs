// Cold initialization of one bundle, in the fresh Node process that runs this file:
// `node import-runner.mjs <bundle.mjs>` prints {"ms": …, "connections": …} on one line.
// Plain .mjs so nothing (tsx, loaders) sits between Node and the import being timed.
import { subscribe } from 'node:diagnostics_channel';
import { pathToFileURL } from 'node:url';

// Import must not touch the network; count outgoing sockets so the parent can refuse.
let connections = 0;
subscribe('net.client.socket', () => connections++);

const start = performance.now();
await import(pathToFileURL(process.argv[2]).href);
const ms = performance.now() - start;

process.stdout.write(`${JSON.stringify({ ms, connections })}\n`);
// Some modules start timers at import; the measurement is done, so do not wait for them.
process.exit(0);
