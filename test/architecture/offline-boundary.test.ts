import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const offlineDir = path.join(root, 'engine/llm/offline');
/** Folders whose code must not depend on the demo model; main.ts, index.ts, tests, benches and scripts may. */
const guarded = ['engine', 'commands', 'adapters', 'personas', 'prisma'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name === 'generated') return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/** Relative module specifiers a TypeScript file imports or re-exports (static and dynamic). */
function specifiers(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)'(\.{1,2}\/[^']+)'/g)) {
    found.push(match[1]);
  }
  return found;
}

function importsOfflineModel(file: string, source: string): boolean {
  return specifiers(source).some((spec) => {
    const target = path.resolve(path.dirname(file), spec);
    return target === offlineDir || target.startsWith(`${offlineDir}${path.sep}`);
  });
}

describe('the offline demo model is a model implementation, not part of the engine', () => {
  it('detects an import of the demo model (so the scan below can fail)', () => {
    const file = path.join(root, 'engine/agent/tiny-person.ts');
    expect(importsOfflineModel(file, "import { OfflineModel } from '../llm/offline/index.js';")).toBe(true);
    expect(importsOfflineModel(file, "export * from '../llm/offline/agent/index.js';")).toBe(true);
    expect(importsOfflineModel(file, "const m = await import('../llm/offline/offline-model.js');")).toBe(true);
    expect(importsOfflineModel(file, "import { countTokens } from '../llm/tokens.js';")).toBe(false);
  });

  it('no engine, command, adapter, persona or store module imports engine/llm/offline/', () => {
    const offenders = guarded
      .flatMap((folder) => sourceFiles(path.join(root, folder)))
      .filter((file) => !file.startsWith(`${offlineDir}${path.sep}`))
      .filter((file) => importsOfflineModel(file, readFileSync(file, 'utf8')))
      .map((file) => path.relative(root, file));
    expect(offenders).toEqual([]);
  });
});
