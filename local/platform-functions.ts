// The functions stage of startPlatform (platform.ts): the template's functions as CDK
// deploys them (functions.ts), run in a FunctionHost, with the local endpoints, the
// secrets' local values, the sandbox providers in place of the county's, and the portal
// this runtime serves in place of the county's public one.
import { FunctionHost, deployedFunctions } from './functions.js';
import { printedUrl } from './platform-gateway.js';
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
  // Certificates' QR codes open the verification page of the demo portal served here.
  const replaced = { ...sandboxProviderVariables(url), PUBLIC_PORTAL_URL: printedUrl(url) };
  const functions = new FunctionHost(deployedFunctions(resolver, synthesized.assemblyDir, { region, endpoints, secrets: secretValues.byArn, replaced }), log);
  teardown.add(() => functions.stop());
  return functions;
}
