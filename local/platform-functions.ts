// The functions stage of startPlatform (platform.ts): the template's functions as CDK
// deploys them (functions.ts), run in a FunctionHost, with the local endpoints, the
// secrets' local values, the sandbox providers in place of the county's, and the portal
// this runtime serves in place of the county's public one (its origins in place of the county's allowed origins), and the seeded users as the
// staff directory in place of the county's user pool, and the virtual clock's file (virtual-clock.ts).
import type { StaffUser } from './auth.js';
import { FunctionHost, deployedFunctions } from './functions.js';
import { printedUrl } from './platform-gateway.js';
import type { Resources } from './platform-resources.js';
import { sandboxProviderVariables } from './platform-sandboxes.js';
import type { StageContext } from './platform-stage.js';
import type { PlatformEndpoints, SynthesizedCounty } from './types.js';

/** `url` is the platform's, where the sandboxes are served. */
export function startFunctions(
  synthesized: SynthesizedCounty,
  { resolver, secrets, secretValues }: Resources,
  { url, endpoints, users, maxEnvironments, providerVariables }: { url: string; endpoints: PlatformEndpoints; users: Map<string, StaffUser>; maxEnvironments?: number; /** The simulators' provider variables (platform-simulators.ts). */ providerVariables?: Record<string, string> },
  { region, credentials, log, teardown, allowedOrigins, paths, meter }: StageContext,
): FunctionHost {
  // Certificates' QR codes open the verification page of the demo portal served here, and
  // payments return to the pages served here.
  const replaced = { ...sandboxProviderVariables(url, secrets), ...providerVariables, PUBLIC_PORTAL_URL: printedUrl(url), ...(allowedOrigins ? { ALLOWED_ORIGINS: allowedOrigins.join(' ') } : {}) };
  const staff = [...users.values()].map(({ username, role, department }) => ({ username, roles: [role], department }));
  const functions = new FunctionHost(deployedFunctions(resolver, synthesized.assemblyDir, { region, credentials, endpoints, secrets: secretValues.byArn, replaced, staff, clockFile: paths.clock }), log, { maxEnvironments, meter });
  teardown.add(() => functions.stop());
  return functions;
}
