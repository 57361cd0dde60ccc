/** Builds the Lambda bundles into build/functions/ (what `cdk synth` packages). */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { buildBundles } from '../infra/bundles.js';

const dirs = await buildBundles();
for (const [name, dir] of Object.entries(dirs)) {
  const kb = (statSync(join(dir, 'index.mjs')).size / 1024).toFixed(0);
  console.log(`${name.padEnd(16)} ${kb.padStart(6)} KB  ${dir}`);
}
