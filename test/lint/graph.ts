/**
 * The import graph of a set of TypeScript files, read with the TypeScript parser, and
 * its cycles. `import-x/no-cycle` follows runtime imports only; this graph keeps
 * type-only imports too (marked), because a type-only cycle is still two modules that
 * cannot be understood apart, which is what issue 10 counts as a cycle.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface ImportEdge {
  /** The imported file, absolute. */
  target: string;
  /** The line of the module specifier, where ESLint reports an import. */
  line: number;
  /** `import type`, `export type ... from`, or an import of types only. */
  typeOnly: boolean;
}

/** Each file's relative imports. */
export type ImportGraph = Map<string, ImportEdge[]>;

export interface Cycles {
  /** Distinct elementary cycles, each listed once, from its smallest file. */
  list: string[][];
  /** True when there were more than `limit`. */
  truncated: boolean;
  /** Strongly connected components of more than one file (or a file importing itself). */
  tangles: string[][];
}

/** Directories never read: generated, built or installed code (and hidden ones, such as .git). */
const skipped = new Set(['node_modules', 'generated', 'build', 'cdk.out', 'coverage']);

/** Every .ts file (declarations aside) under a folder. */
export function tsFiles(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return skipped.has(entry.name) || entry.name.startsWith('.') ? [] : tsFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/**
 * The relative imports of each file (static, re-exports and dynamic), resolved the way
 * NodeNext resolves them for TypeScript (`./x.js` is `./x.ts`). Package imports are left
 * out: a cycle needs two files of ours.
 */
export function importGraph(files: readonly string[]): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const edges: ImportEdge[] = [];
    const add = (specifier: ts.StringLiteral, typeOnly: boolean) => {
      if (!specifier.text.startsWith('.')) return;
      const target = resolveRelative(path.resolve(path.dirname(file), specifier.text));
      const line = source.getLineAndCharacterOfPosition(specifier.getStart(source)).line + 1;
      if (target) edges.push({ target, line, typeOnly });
    };
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        add(node.moduleSpecifier, importsTypesOnly(node.importClause));
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        add(node.moduleSpecifier, node.isTypeOnly);
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const [argument] = node.arguments;
        if (argument && ts.isStringLiteral(argument)) add(argument, false);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    graph.set(file, edges);
  }
  return graph;
}

function importsTypesOnly(clause: ts.ImportClause | undefined): boolean {
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return !clause.name && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((s) => s.isTypeOnly);
}

function resolveRelative(base: string): string | undefined {
  const stem = base.replace(/\.[mc]?js$/, '');
  return [`${stem}.ts`, `${stem}.tsx`, base, path.join(base, 'index.ts')].find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

/**
 * The cycles among the graph's files over the edges `follow` keeps.
 * @param limit enough cycles to see the shape of a tangle. @default 10_000
 */
export function cycles(graph: ImportGraph, follow: (edge: ImportEdge) => boolean, limit = 10_000): Cycles {
  const nodes = [...graph.keys()].sort();
  const order = new Map(nodes.map((n, i) => [n, i]));
  const next = new Map(nodes.map((n) => [n, [...new Set((graph.get(n) ?? []).filter((e) => follow(e) && order.has(e.target)).map((e) => e.target))]]));
  const list: string[][] = [];
  let truncated = false;
  for (const start of nodes) {
    const first = order.get(start)!;
    const stack = [start];
    const walk = (node: string): void => {
      for (const target of next.get(node)!) {
        if (list.length >= limit) {
          truncated = true;
          return;
        }
        if (target === start) list.push([...stack]);
        else if (order.get(target)! > first && !stack.includes(target)) {
          stack.push(target);
          walk(target);
          stack.pop();
        }
      }
    };
    walk(start);
  }
  const tangles = stronglyConnected(nodes, next).filter((c) => c.length > 1 || next.get(c[0]!)!.includes(c[0]!));
  return { list, truncated, tangles: tangles.map((c) => c.sort()) };
}

/** Tarjan's strongly connected components. */
function stronglyConnected(nodes: readonly string[], next: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v)!) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      components.push(component);
    }
  };
  for (const v of nodes) if (!index.has(v)) connect(v);
  return components;
}
