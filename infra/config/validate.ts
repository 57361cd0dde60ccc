/**
 * The counties' configuration checked before any stack is built, so that `npx cdk synth`
 * stops with one readable list of what to fix in infra/config/counties.ts rather than a CDK
 * stack trace, or a template that deploys the wrong thing.
 *
 * Two kinds of problem:
 * - **errors** (a malformed origin, an unknown region, two counties with one code): nothing
 *   is synthesized until they are fixed (`validateCounties` throws);
 * - **values not set yet** (the county's account, its domain's certificate): the county
 *   synthesizes, so the tests and `cdk synth` work on a fresh checkout, but its stacks carry
 *   a CloudFormation rule that stops `cdk deploy` before it changes anything, naming them
 *   (docs/deploy.md, "Every CountyConfig field").
 */
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { ACCOUNT_NOT_SET, allowedOriginsOf, edgeProblems, LOG_LEVELS, missingCertificate, signInDomainPrefixOf, type CountyConfig } from './counties.js';
import { operationsProblems } from './operations.js';
import { publishedCatalogs } from '../../catalog/index.js';
import { providerEntryProblems } from '../../contracts/providers.js';

const CODE = /^\d{6}(-[a-z][a-z0-9]{0,15})?$/;
const REGION_CODE = /^[1-9]\d{5}$/;
const ACCOUNT = /^\d{12}$/;
/** One address, no display name: what SES verifies and Cognito sends from. */
const EMAIL = /^[A-Za-z0-9._%+-]+@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
/** What Cognito takes as a domain prefix: lower-case letters, digits and inner hyphens, without AWS's reserved words. */
const DOMAIN_PREFIX = /^(?!.*(aws|amazon|cognito))[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const KNOWN_REGIONS = new Set(RegionInfo.regions.map((region) => region.name));

/** Every field of a county, so that a misspelled one (`allowedOrigin`) is an error rather than silently ignored. */
const FIELDS: Record<keyof CountyConfig, true> = {
  code: true, name: true, level: true, regionCode: true, catalogVersion: true, managementArea: true, payments: true, courier: true, sms: true,
  publicUrl: true, domain: true, waf: true, allowedOrigins: true, account: true, region: true, email: true, signInDomainPrefix: true, onCall: true, retention: true, logLevel: true, supervision: true, notifications: true,
};

/** What is wrong with one allowed origin, or undefined when it is an exact https origin. */
function originProblem(origin: string): string | undefined {
  if (origin.includes('*')) return `allowedOrigins: "${origin}" has a wildcard; name each agency site's origin`;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return `allowedOrigins: "${origin}" is not a URL; write it as https://host[:port]`;
  }
  if (url.protocol !== 'https:') return `allowedOrigins: "${origin}" is not https`;
  if (url.origin !== origin) return `allowedOrigins: "${origin}" is not an exact origin (no path, no trailing slash, lower case): write ${url.origin}`;
  return undefined;
}

const isShare = (value: unknown): boolean => typeof value === 'number' && value > 0 && value < 1;
const isDays = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** What is wrong with the warning thresholds (docs/supervision.md): shares in (0, 1), whole days ≥ 0, items of the county's catalog version. */
export function supervisionProblems(county: Pick<CountyConfig, 'supervision' | 'catalogVersion'>): string[] {
  const config = county.supervision;
  if (config === undefined) return [];
  const problems: string[] = [];
  const check = (where: string, thresholds: Record<string, unknown>) => {
    for (const field of Object.keys(thresholds)) {
      if (field !== 'yellowShare' && field !== 'yellowDays' && !(where === 'supervision' && field === 'items')) {
        problems.push(`${where}.${field} is not a threshold (they are: yellowShare, yellowDays${where === 'supervision' ? ', items' : ''})`);
      }
    }
    if (thresholds.yellowShare !== undefined && !isShare(thresholds.yellowShare)) problems.push(`${where}.yellowShare ${String(thresholds.yellowShare)} is not a share strictly between 0 and 1 (0.2 is 20% of the promised time)`);
    if (thresholds.yellowDays !== undefined && !isDays(thresholds.yellowDays)) problems.push(`${where}.yellowDays ${String(thresholds.yellowDays)} is not a whole number of working days ≥ 0`);
  };
  check('supervision', config as Record<string, unknown>);
  const items = new Set((publishedCatalogs[county.catalogVersion]?.items ?? []).map((item) => item.baseCode));
  for (const [code, thresholds] of Object.entries(config.items ?? {})) {
    if (!items.has(code)) problems.push(`supervision.items: "${code}" is not an item of catalog version ${county.catalogVersion}`);
    check(`supervision.items.${code}`, thresholds as Record<string, unknown>);
  }
  return problems;
}

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const OUTSIDE_CHANNELS = ['sms', 'email'];

/** What is wrong with the notification rules (docs/notifications.md, "Rules"). */
export function notificationsProblems(county: Pick<CountyConfig, 'notifications'>): string[] {
  const config = county.notifications;
  if (config === undefined) return [];
  const problems: string[] = [];
  const channels = config.channels as unknown[] | undefined;
  if (channels !== undefined) {
    for (const channel of channels) if (!OUTSIDE_CHANNELS.includes(channel as string)) problems.push(`notifications.channels: "${String(channel)}" is not sms or email (in-app is always on)`);
    if (new Set(channels).size !== channels.length) problems.push('notifications.channels names a channel twice');
  }
  for (const end of ['start', 'end'] as const) {
    const time = config.quietHours?.[end];
    if (config.quietHours && (typeof time !== 'string' || !CLOCK_TIME.test(time))) problems.push(`notifications.quietHours.${end} "${String(time)}" is not a time HH:MM (00:00–23:59)`);
  }
  const cap = config.smsDailyCap;
  if (cap !== undefined && !(Number.isInteger(cap) && cap >= 1 && cap <= 50)) problems.push(`notifications.smsDailyCap ${String(cap)} is not a whole number from 1 to 50 (the gateways refuse about 50 a day per sign and template)`);
  const email = config.email;
  if (email?.provider === 'sandbox' && !isHttpsUrl(email.url)) problems.push(`notifications.email.url "${email.url}" is not an https URL`);
  return problems;
}

function isHttpsUrl(value: string): boolean {
  return URL.canParse(value) && new URL(value).protocol === 'https:';
}

/**
 * What is wrong with the payment providers and the courier: none, an unknown one, a field
 * missing, a real provider without the secret that holds its keys (contracts/providers.ts).
 */
export function providerProblems(county: Pick<CountyConfig, 'payments' | 'courier'>): string[] {
  const providers = (county.payments as { providers?: unknown } | undefined)?.providers;
  if (!Array.isArray(providers) || providers.length === 0) return ['payments.providers is empty: list the payment providers the fee ticket offers', ...providerEntryProblems('courier', county.courier, 'courier', 'secretName')];
  const problems = providers.flatMap((entry, index) => providerEntryProblems('payment', entry, `payments.providers[${index}]`, 'secretName'));
  const names = providers.map((entry) => (entry as { provider?: unknown }).provider);
  if (new Set(names).size !== names.length) problems.push('payments.providers names a provider twice');
  return [...problems, ...providerEntryProblems('courier', county.courier, 'courier', 'secretName')];
}

function errorsOf(county: CountyConfig): string[] {
  const problems: string[] = Object.keys(county)
    .filter((field) => !(field in FIELDS))
    .map((field) => `"${field}" is not a field of a county (they are: ${Object.keys(FIELDS).join(', ')})`);
  if (county.logLevel !== undefined && !(LOG_LEVELS as readonly string[]).includes(county.logLevel)) problems.push(`logLevel "${county.logLevel}" is not one of ${LOG_LEVELS.join(', ')}`);
  if (!CODE.test(county.code)) problems.push(`code "${county.code}" is not a six-digit division code, optionally followed by -<key> for a management area`);
  if (!REGION_CODE.test(county.regionCode)) problems.push(`regionCode "${county.regionCode}" is not a six-digit administrative division code`);
  if (!isHttpsUrl(county.publicUrl)) problems.push(`publicUrl "${county.publicUrl}" is not an https URL`);
  // The default origins come from publicUrl: without it, only the county's own list is checked.
  const origins = county.allowedOrigins ?? (isHttpsUrl(county.publicUrl) ? allowedOriginsOf(county) : []);
  if (origins.length === 0 && county.allowedOrigins) problems.push('allowedOrigins is empty: list the origins of the agency sites that embed the widgets');
  for (const origin of origins) {
    const problem = originProblem(origin);
    if (problem) problems.push(problem);
  }
  if (county.account !== ACCOUNT_NOT_SET && !ACCOUNT.test(county.account)) problems.push(`account "${county.account}" is not a 12-digit AWS account id`);
  if (!KNOWN_REGIONS.has(county.region)) problems.push(`region "${county.region}" is not an AWS region`);
  if (!EMAIL.test(county.email.from)) problems.push(`email.from "${county.email.from}" is not an email address`);
  const sesRegion = county.email.sesRegion;
  if (sesRegion !== undefined && !KNOWN_REGIONS.has(sesRegion)) problems.push(`email.sesRegion "${sesRegion}" is not an AWS region`);
  const prefix = signInDomainPrefixOf(county);
  if (!DOMAIN_PREFIX.test(prefix)) problems.push(`signInDomainPrefix "${prefix}" is not a Cognito domain prefix (lower-case letters, digits and inner hyphens, at most 63, without "aws", "amazon" or "cognito")`);
  problems.push(...providerProblems(county));
  problems.push(...operationsProblems(county));
  problems.push(...supervisionProblems(county));
  problems.push(...notificationsProblems(county));
  const pending = new Set(pendingProblems(county));
  problems.push(...edgeProblems(county).filter((problem) => !pending.has(problem)));
  return problems;
}

/**
 * The values the county has not set yet, which keep it from being deployed but not from
 * being synthesized: its account, its domain's certificate.
 */
export function pendingProblems(county: CountyConfig): string[] {
  return [...accountProblems(county), ...(county.domain.certificateArn === undefined ? [missingCertificate(county.domain)] : [])];
}

/** The county's account, while it is the placeholder: what stops both its stacks' deployment. */
export function accountProblems(county: CountyConfig): string[] {
  return county.account === ACCOUNT_NOT_SET ? [`account is not set: put the 12-digit id of the county's AWS account in infra/config/counties.ts (it is ${ACCOUNT_NOT_SET}, the placeholder)`] : [];
}

/** Everything wrong with one county's configuration, errors and values not set yet; empty when none. */
export function countyProblems(county: CountyConfig): string[] {
  return [...errorsOf(county), ...pendingProblems(county)];
}

export class CountyConfigError extends Error {
  override name = 'CountyConfigError';
}

/**
 * Throws one `CountyConfigError` listing every error, county by county (and codes used
 * twice), or returns. Values not set yet are not errors here (see `pendingProblems`).
 */
export function validateCounties(list: readonly CountyConfig[]): void {
  const lines: string[] = [];
  const seen = new Map<string, number>();
  for (const county of list) seen.set(county.code, (seen.get(county.code) ?? 0) + 1);
  for (const [code, times] of seen) if (times > 1) lines.push(`- code ${code} is used by ${times} counties: each county needs its own`);
  for (const county of list) {
    const errors = errorsOf(county);
    if (errors.length > 0) lines.push(`- ${county.code} (${county.name.en}):`, ...errors.map((error) => `    - ${error}`));
  }
  if (lines.length > 0) throw new CountyConfigError(`The county configuration (infra/config/counties.ts) has problems; nothing was synthesized:\n${lines.join('\n')}`);
}
