/**
 * No import cycles where the code ships, type-only imports included.
 *
 * `import-x/no-cycle` (eslint.config.js) fails lint on a runtime cycle but never follows
 * `import type`, and issue 10 counts a type-only cycle as a cycle too: two modules that
 * cannot be read apart (`case.ts` ↔ `tickets.ts`, an adapter's `provider.ts` ↔
 * `sandbox.ts`). This test reads the graph with type-only imports, over exactly the
 * files for which the repository's configuration turns no-cycle on.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { expect, it } from 'vitest';
import { cycles, importGraph, tsFiles } from './graph.js';

const repo = path.resolve(import.meta.dirname, '../..');

it('has no import cycle, counting type-only imports, wherever no-cycle applies', async () => {
  // Prepare: the files the configuration checks for cycles.
  const eslint = new ESLint({ cwd: repo });
  const checked: string[] = [];
  for (const file of tsFiles(repo)) {
    if (await eslint.isPathIgnored(file)) continue;
    const config = await eslint.calculateConfigForFile(file);
    if (config.rules?.['import-x/no-cycle']) checked.push(file);
  }
  expect(checked.length).toBeGreaterThan(100);

  // Act
  const found = cycles(importGraph(checked), () => true);

  // Assess
  expect(found.list.map((cycle) => [...cycle, cycle[0]].map((f) => path.relative(repo, f!)).join(' → '))).toEqual([]);
});
