/**
 * Stops a stack's deployment, before CloudFormation changes anything, while its county's
 * configuration still lacks a value (infra/config/validate.ts, `pendingProblems`): the stack
 * synthesizes, with a warning, so tests and `cdk synth` work on a fresh checkout, but
 * `cdk deploy` fails at a CloudFormation rule whose message names what to set.
 */
import { CfnRule, Fn, Stack, Validations } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/** Adds the rule (and a synthesis warning) when `problems` is not empty; nothing otherwise. */
export function refuseDeployment(scope: Construct, id: string, problems: readonly string[]): void {
  if (problems.length === 0) return;
  const message = `${Stack.of(scope).stackName} waits for its configuration: ${problems.join('; ')}`;
  Validations.of(scope).addWarning('onetrip:not-ready', message);
  // An assertion that never holds: CloudFormation refuses the change set with this description.
  new CfnRule(scope, id, { assertions: [{ assert: Fn.conditionEquals('ready', 'not ready'), assertDescription: message }] });
}
