/**
 * Once per test run: when it ends, remove the stacks synthesized for it
 * (synthesized.ts), which every test file's platform shared.
 */
import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSynthesisPrefix } from './synthesized.js';

export default function setup(): () => void {
  return () => {
    const prefix = runSynthesisPrefix(process.pid);
    for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(prefix))) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  };
}
