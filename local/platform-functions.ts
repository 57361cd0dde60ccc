// The functions stage of startPlatform (platform.ts): the template's functions as CDK
// deploys them (functions.ts), run in a FunctionHost, with the local endpoints, the
// secrets' local values, and the sandbox providers in place of the county's.
import { FunctionHost, deployedFunctions } from './functions.js';
import type { Resources } from './platform-resources.js';
import { sandboxProviderVariables } from './platform-sandboxes.js';
import type { StageContext } from './platform-stage.js';
import type { PlatformEndpoints, SynthesizedCounty } from './types.js';

/** `url` is the platform's, where the sandboxes are served. */
export function startFunctions(
  synthesized: SynthesizedCounty,
  { resolver, secretValues }: Resources,
  { url, endpoints }: { url: string; endpoints: PlatformEndpoints },
  { region, log, teardown }: StageContext,
): FunctionHost {
  const replaced = sandboxProviderVariables(url);
  const functions = new FunctionHost(deployedFunctions(resolver, synthesized.assemblyDir, { region, endpoints, secrets: secretValues.byArn, replaced }), log);
  teardown.add(() => functions.stop());
  return functions;
}
