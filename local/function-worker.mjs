// One Lambda execution environment: loads the function's bundle once (the init phase),
// then runs one invocation at a time for the runtime in the parent thread. Plain ESM so
// Node loads it directly, whatever loader runs the parent.
import dns from 'node:dns';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

// fauxqs's queue URLs live under *.localhost (loopback by RFC 6761); glibc does not
// resolve those names, so this environment's lookups do.
const originalLookup = dns.lookup;
dns.lookup = function lookup(hostname, options, callback) {
  if (typeof hostname === 'string' && hostname.endsWith('.localhost')) {
    const done = typeof options === 'function' ? options : callback;
    const all = typeof options === 'object' && options !== null && options.all;
    process.nextTick(() => (all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4)));
    return {};
  }
  return originalLookup.call(dns, hostname, options, callback);
};

if (/--enable-source-maps/.test(process.env.NODE_OPTIONS ?? '')) process.setSourceMapsEnabled(true);

const { modulePath, exportName } = workerData;

function errorPayload(error, fallbackType = 'Error') {
  if (error instanceof Error) {
    return {
      errorType: error.name || fallbackType,
      errorMessage: error.message,
      trace: (error.stack ?? '').split('\n'),
    };
  }
  return { errorType: fallbackType, errorMessage: typeof error === 'string' ? error : JSON.stringify(error) ?? String(error), trace: [] };
}

let handler;
try {
  const module = await import(pathToFileURL(modulePath).href);
  handler = module[exportName] ?? module.default?.[exportName];
  if (typeof handler !== 'function') {
    parentPort.postMessage({
      type: 'init-error',
      error: { errorType: 'Runtime.HandlerNotFound', errorMessage: `${modulePath}.${exportName} is undefined or not exported`, trace: [] },
    });
  } else {
    parentPort.postMessage({ type: 'ready' });
  }
} catch (error) {
  const payload = errorPayload(error, 'Runtime.ImportModuleError');
  parentPort.postMessage({ type: 'init-error', error: { ...payload, errorType: 'Runtime.ImportModuleError', errorMessage: `${payload.errorType}: ${payload.errorMessage}` } });
}

function lambdaContext(context) {
  return {
    ...context,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, context.deadline - Date.now()),
  };
}

function run(event, context) {
  if (handler.length < 3) return handler(event, context);
  return new Promise((resolve, reject) => {
    const callback = (error, result) => (error ? reject(error) : resolve(result));
    const returned = handler(event, context, callback);
    if (returned && typeof returned.then === 'function') returned.then(resolve, reject);
  });
}

parentPort.on('message', async (message) => {
  if (message.type !== 'invoke') return;
  const { id, event, context } = message;
  try {
    const result = await run(JSON.parse(event), lambdaContext(context));
    parentPort.postMessage({ type: 'result', id, ok: true, payload: JSON.stringify(result === undefined ? null : result) });
  } catch (error) {
    parentPort.postMessage({ type: 'result', id, ok: false, error: errorPayload(error) });
  }
});
