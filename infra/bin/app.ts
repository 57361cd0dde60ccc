/**
 * The CDK app: one CountyStack per county. `cdk synth` emits all 14; `-c county=430623`
 * emits one.
 */
import { App } from 'aws-cdk-lib';
import { counties, findCounty } from '../config/counties.js';
import { CountyConfigError, validateCounties } from '../config/validate.js';
import { addCountyStacks } from '../synth.js';

// All of them, whichever is selected: codes must be unique across the list.
try {
  validateCounties(counties);
} catch (error) {
  // The list is for an administrator: no stack trace around it.
  if (!(error instanceof CountyConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const app = new App();
const only = app.node.tryGetContext('county') as string | undefined;
await addCountyStacks(app, only ? [findCounty(String(only))] : counties);
app.synth();
