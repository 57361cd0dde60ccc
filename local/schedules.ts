// Scheduled rules (AWS::Events::Rule with a ScheduleExpression, AWS::Scheduler::Schedule)
// → their target functions, with EventBridge's Scheduled Event payload.
import { randomUUID } from 'node:crypto';
import { nextFiring, parseSchedule, type Schedule } from './cron.js';
import type { FunctionHost } from './functions.js';
import type { Resolver } from './template.js';
import type { Log } from './types.js';

export interface ScheduledRule {
  logicalId: string;
  expression: string;
  schedule: Schedule;
  /** Function logical ids or names, with the Input each target was given (if any). */
  targets: Array<{ functionName: string; input?: unknown }>;
  ruleArn: string;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

export function readSchedules(resolver: Resolver, functions: FunctionHost, log: Log): ScheduledRule[] {
  const { region, accountId, partition } = resolver.pseudo;
  const rules: ScheduledRule[] = [];
  const add = (logicalId: string, expression: string, timeZone: string, rawTargets: Array<{ Arn?: unknown; Input?: unknown }>, ruleArn: string) => {
    const targets = rawTargets.flatMap((target) => {
      const spec = functions.find(String(target.Arn ?? ''));
      if (!spec) {
        log(`schedule ${logicalId}: target ${String(target.Arn)} is not a local function; skipped`);
        return [];
      }
      const input = typeof target.Input === 'string' ? (JSON.parse(target.Input) as unknown) : undefined;
      return [{ functionName: spec.logicalId, ...(input !== undefined ? { input } : {}) }];
    });
    try {
      rules.push({ logicalId, expression, schedule: parseSchedule(expression, timeZone), targets, ruleArn });
    } catch (error) {
      log(`schedule ${logicalId}: ${(error as Error).message}; not scheduled`);
    }
  };
  for (const [logicalId] of resolver.resources('AWS::Events::Rule')) {
    const props = resolver.properties(logicalId);
    if (typeof props.ScheduleExpression !== 'string' || (props.State !== undefined && props.State !== 'ENABLED')) continue;
    const name = typeof props.Name === 'string' ? props.Name : `${resolver.pseudo.stackName}-${logicalId}`;
    add(logicalId, props.ScheduleExpression, 'UTC', (props.Targets as Array<{ Arn?: unknown; Input?: unknown }>) ?? [], `arn:${partition}:events:${region}:${accountId}:rule/${name}`);
  }
  for (const [logicalId] of resolver.resources('AWS::Scheduler::Schedule')) {
    const props = resolver.properties(logicalId);
    if (typeof props.ScheduleExpression !== 'string' || props.State === 'DISABLED') continue;
    const name = typeof props.Name === 'string' ? props.Name : `${resolver.pseudo.stackName}-${logicalId}`;
    const target = (props.Target as { Arn?: unknown; Input?: unknown } | undefined) ?? {};
    add(logicalId, props.ScheduleExpression, String(props.ScheduleExpressionTimezone ?? 'UTC'), [target], `arn:${partition}:scheduler:${region}:${accountId}:schedule/default/${name}`);
  }
  return rules;
}

export class Scheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly startedAt = Date.now();

  constructor(
    readonly rules: ScheduledRule[],
    private readonly functions: FunctionHost,
    private readonly context: { region: string; accountId: string; log: Log },
  ) {}

  start(): void {
    for (const rule of this.rules) this.arm(rule);
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Invokes the rule's targets now, as if it had fired. */
  async fire(logicalId: string, at = new Date()): Promise<unknown[]> {
    const rule = this.rules.find((candidate) => candidate.logicalId === logicalId);
    if (!rule) throw new Error(`no schedule named ${logicalId}`);
    const event = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: this.context.accountId,
      time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: this.context.region,
      resources: [rule.ruleArn],
      detail: {},
    };
    return Promise.all(rule.targets.map((target) => this.functions.invoke(target.functionName, target.input ?? event)));
  }

  private arm(rule: ScheduledRule): void {
    const now = Date.now();
    const next = nextFiring(rule.schedule, now, this.startedAt);
    if (next === undefined) return;
    const wait = Math.min(next - now, MAX_TIMER_MS);
    const timer = setTimeout(() => {
      if (Date.now() + 1000 < next) {
        this.arm(rule);
        return;
      }
      this.fire(rule.logicalId, new Date(next))
        .catch((error: unknown) => this.context.log(`schedule ${rule.logicalId}: ${(error as Error).message}`))
        .finally(() => {
          if (this.timers.has(rule.logicalId)) this.arm(rule);
        });
    }, wait);
    timer.unref();
    this.timers.set(rule.logicalId, timer);
  }
}
