/**
 * The operations part of a county's configuration: who the alarms reach (`onCall`) and how
 * long personal data is kept (`retention`). It lives apart from counties.ts so that the
 * county list stays a list; counties.ts carries only the two optional fields, and the stack
 * reads them through `onCall()` and `retention()` here, with their defaults, after
 * `operationsProblems()` has refused anything it cannot deploy (docs/deploy.md, "Alarms,
 * dashboard and retention").
 */

/** The people the county's alarm topic notifies: each address and number is subscribed. */
export interface OnCallConfig {
  /** Email addresses (each must confirm the subscription from the mail SNS sends). @default [] */
  emails: string[];
  /** Mobile numbers in E.164 form (`+8613800000000`) that get alarms by SMS. @default [] */
  phones: string[];
}

/** How long each kind of personal data is kept; see docs/deploy.md for what lives where. */
export interface RetentionConfig {
  /**
   * Years an uploaded material is kept after its case closes (the county's archive rules).
   * @default 10
   */
  materialsYears: number;
  /** Years a result PDF (certificate) is kept after its case closes. @default 30 */
  resultsYears: number;
  /** Years an archived supervision report (JSON, CSV, PDF) is kept after its period closes. @default 30 */
  reportsYears: number;
  /**
   * Days function logs and bucket access logs are kept. CloudWatch Logs takes only its own
   * list of periods (`LOG_RETENTION_DAYS`). @default 400
   */
  logsDays: number;
}

export const DEFAULT_ON_CALL: OnCallConfig = { emails: [], phones: [] };
export const DEFAULT_RETENTION: RetentionConfig = { materialsYears: 10, resultsYears: 30, reportsYears: 30, logsDays: 400 };

/** The retention periods CloudWatch Logs accepts (PutRetentionPolicy), in days. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** The part of a county's configuration these settings come from. */
export interface OperationsSettings {
  onCall?: Partial<OnCallConfig>;
  retention?: Partial<RetentionConfig>;
}

export const onCall = (county: OperationsSettings): OnCallConfig => ({ ...DEFAULT_ON_CALL, ...county.onCall });
export const retention = (county: OperationsSettings): RetentionConfig => ({ ...DEFAULT_RETENTION, ...county.retention });

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+[1-9]\d{6,14}$/;
/** S3 lifecycle expirations are whole days; a century is far beyond any archive rule. */
const MAX_YEARS = 100;

/**
 * What keeps the county's operations settings from being deployed, in words an
 * administrator can act on; empty when nothing does.
 */
export function operationsProblems(county: OperationsSettings): string[] {
  const problems: string[] = [];
  const { emails, phones } = onCall(county);
  for (const email of emails) if (!EMAIL.test(email)) problems.push(`onCall.emails: "${email}" is not an email address`);
  for (const phone of phones) if (!E164.test(phone)) problems.push(`onCall.phones: "${phone}" is not a mobile number in E.164 form (e.g. +8613800000000)`);
  for (const [field, list] of [['emails', emails], ['phones', phones]] as const) {
    if (new Set(list).size !== list.length) problems.push(`onCall.${field} names the same subscriber twice`);
  }
  const { materialsYears, resultsYears, reportsYears, logsDays } = retention(county);
  for (const [field, years] of [['materialsYears', materialsYears], ['resultsYears', resultsYears], ['reportsYears', reportsYears]] as const) {
    if (!Number.isInteger(years) || years < 1 || years > MAX_YEARS) problems.push(`retention.${field} is ${years}: a whole number of years from 1 to ${MAX_YEARS}`);
  }
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(logsDays)) {
    problems.push(`retention.logsDays is ${logsDays}: CloudWatch Logs keeps logs for one of ${LOG_RETENTION_DAYS.join(', ')} days`);
  }
  return problems;
}

/** Days in `years` years, as S3 lifecycle rules count them (leap days included). */
export const yearsInDays = (years: number): number => Math.ceil(years * 365.25);
