// `npm run manifest`: build/widgets/custom-elements.json, the widgets' public API (attributes,
// events, CSS parts and custom properties) read from the components' JSDoc.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = 'widgets/src';

/**
 * Tag names come from the registering files (`defineElement('onetrip-x', X)`), the one
 * place a tag is written, rather than from a JSDoc tag that could disagree with it.
 */
function tagsFromDefineCalls() {
  const tags = new Map();
  for (const file of readdirSync(SOURCES, { recursive: true })) {
    if (!String(file).endsWith('.ts')) continue;
    const text = readFileSync(join(SOURCES, String(file)), 'utf8');
    for (const [, tag, className] of text.matchAll(/defineElement\(\s*'([a-z][a-z0-9]*-[a-z0-9-]+)'\s*,\s*(\w+)\s*\)/g)) tags.set(className, tag);
  }
  return tags;
}

/** Lit's `static properties` entries with `state: true` are internal state, not attributes. */
function isStateProperty(ts, assignment) {
  return (
    ts.isObjectLiteralExpression(assignment.initializer) &&
    assignment.initializer.properties.some(
      (p) => ts.isPropertyAssignment(p) && p.name.getText() === 'state' && p.initializer.kind === ts.SyntaxKind.TrueKeyword,
    )
  );
}

function onetripElements() {
  const state = new Map();
  return {
    name: 'onetrip-elements',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      for (const member of node.members) {
        const isStatic = member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
        if (!isStatic || member.name?.getText() !== 'properties' || !member.initializer || !ts.isObjectLiteralExpression(member.initializer)) continue;
        const names = member.initializer.properties.filter((p) => ts.isPropertyAssignment(p) && isStateProperty(ts, p)).map((p) => p.name.getText());
        state.set(node.name.getText(), new Set(names));
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      const tags = tagsFromDefineCalls();
      for (const mod of customElementsManifest.modules ?? []) {
        for (const declaration of mod.declarations ?? []) {
          const internal = state.get(declaration.name) ?? new Set();
          if (declaration.attributes) declaration.attributes = declaration.attributes.filter((a) => !internal.has(a.fieldName ?? a.name));
          if (declaration.members) declaration.members = declaration.members.filter((m) => !(internal.has(m.name) && m.privacy !== 'public'));
          const tag = tags.get(declaration.name);
          if (!tag || declaration.tagName) continue;
          declaration.tagName = tag;
          declaration.customElement = true;
          mod.exports = [...(mod.exports ?? []), { kind: 'custom-element-definition', name: tag, declaration: { name: declaration.name, module: mod.path } }];
        }
      }
    },
  };
}

export default {
  globs: ['widgets/src/**/*.element.ts'],
  outdir: 'build/widgets',
  litelement: true,
  // The analyzer would otherwise write a `customElements` member into package.json on every run.
  packagejson: false,
  plugins: [onetripElements()],
};
