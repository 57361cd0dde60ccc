// The simulators stage of startPlatform (platform.ts) with `providers: 'protocol'`: the
// county synthesized with real providers (infra/config/counties.ts PROTOCOL_PROVIDERS), whose
// secrets the stack imports by name, so the template has no value for them. This stage reads
// the providers from the functions' PAYMENT_PROVIDERS / COURIER_PROVIDER_CONFIG, generates
// their keys (kept in the data dir), gives each imported secret its value (the provider's
// JSON, as the administrator would put it; simulators/index.ts SIMULATED_SECRETS), points
// each provider's `url` at its simulator, and starts the simulators registered in
// simulators/index.ts under /simulators/<provider>/.
import { COURIER_PROVIDER_VARIABLE, PAYMENT_PROVIDERS_VARIABLE } from '../contracts/providers.js';
import { jsonResponse, type HttpResponse } from './api-gateway.js';
import type { Resources } from './platform-resources.js';
import type { StageContext } from './platform-stage.js';
import { platformSecrets, type LocalSecret } from './secrets.js';
import { loadProviderKeys, SIMULATED_SECRETS, SIMULATORS, simulatedPath, type ProtocolSimulator, type SimulatedProvider } from './simulators/index.js';
import type { StepInterval } from './sandbox-courier.js';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';

export interface Simulators {
  /** The /simulators/... routes, for the platform index. */
  routes: string[];
  /** The functions' variables pointing each provider at its simulator. */
  variables: Record<string, string>;
  handle(request: IncomingMessage, path: string, body: Buffer): Promise<HttpResponse>;
  readonly busy: boolean;
}

type Entry = Record<string, unknown> & { provider: string; url: string; secretArn: string };

/** The value of `variable` in the first function that has it, parsed; undefined when none has it. */
function providerVariable(resources: Resources, variable: string): unknown {
  for (const [id] of resources.resolver.resources('AWS::Lambda::Function')) {
    const value = ((resources.resolver.properties(id).Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {})[variable];
    if (typeof value === 'string') return JSON.parse(value) as unknown;
  }
  return undefined;
}

const isSimulated = (provider: string): provider is SimulatedProvider => provider in SIMULATED_SECRETS;

/**
 * Starts the simulators of the template's real providers; adds their secrets' values to
 * `resources` (the functions' ONETRIP_LOCAL_SECRETS, `Platform.secrets.get('<provider>')`).
 */
export function startSimulators(url: string, resources: Resources, options: { courierStepMs?: StepInterval }, { paths, dataDir, log, teardown }: StageContext): Simulators {
  const payments = (providerVariable(resources, PAYMENT_PROVIDERS_VARIABLE) ?? []) as Entry[];
  const courier = providerVariable(resources, COURIER_PROVIDER_VARIABLE) as Entry | undefined;
  const entries = [...payments, ...(courier ? [courier] : [])].filter((entry) => isSimulated(entry.provider));
  const keys = loadProviderKeys(paths.protocolKeys, entries.map((entry) => entry.provider as SimulatedProvider));
  const secrets: LocalSecret[] = entries.map((entry) => ({ logicalId: `Imported-${entry.provider}`, arn: entry.secretArn, purpose: entry.provider, value: JSON.stringify(SIMULATED_SECRETS[entry.provider as SimulatedProvider](keys[entry.provider as SimulatedProvider])) }));
  resources.secrets.push(...secrets);
  resources.secretValues = platformSecrets(resources.secrets);

  const simulators: ProtocolSimulator[] = [];
  for (const entry of entries) {
    const provider = entry.provider as SimulatedProvider;
    const registration = SIMULATORS[provider];
    if (!registration) {
      log(`no simulator of ${provider} is registered (local/simulators/index.ts): its calls fail`);
      continue;
    }
    simulators.push(registration.create({ baseUrl: url, keys: keys[provider], settings: entry, log, stateFile: join(dataDir, `simulator-${provider}.json`), ...(options.courierStepMs !== undefined ? { stepMs: options.courierStepMs } : {}) }));
  }
  teardown.add(() => simulators.forEach((simulator) => simulator.stop()));
  const pointed = (entry: Entry): Entry => (isSimulated(entry.provider) ? { ...entry, url: `${url}${simulatedPath(entry.provider)}` } : entry);
  return {
    routes: simulators.flatMap((simulator) => simulator.routes),
    variables: {
      ...(payments.length > 0 ? { [PAYMENT_PROVIDERS_VARIABLE]: JSON.stringify(payments.map(pointed)) } : {}),
      ...(courier ? { [COURIER_PROVIDER_VARIABLE]: JSON.stringify(pointed(courier)) } : {}),
    },
    async handle(request, path, body) {
      const simulator = simulators.find((candidate) => path.startsWith(`/simulators/${candidate.provider}/`));
      return simulator ? simulator.handle(request, path, body) : jsonResponse(404, { message: 'Not Found' });
    },
    get busy() {
      return simulators.some((simulator) => simulator.busy);
    },
  };
}
