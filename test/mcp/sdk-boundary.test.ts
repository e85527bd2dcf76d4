import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const SKIP = new Set(['node_modules', 'dist', '.git', 'test', 'reference', 'generated']);

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return SKIP.has(name) ? [] : sources(full);
    return /\.(ts|mts|mjs)$/.test(name) ? [path.relative(root, full)] : [];
  });
}

const importsSdk = (file: string) =>
  /from\s+['"]@modelcontextprotocol\/sdk/.test(readFileSync(path.join(root, file), 'utf8'));

describe('the MCP SDK stays in adapters/mcp', () => {
  const files = sources(root);

  it('finds the MCP adapter’s own imports (so the check below can fail)', () => {
    expect(files.filter(importsSdk)).toContain(path.join('adapters', 'mcp', 'http-server.ts'));
  });

  it('is imported nowhere else in the code', () => {
    const outside = files.filter((file) => !file.startsWith(`adapters${path.sep}mcp${path.sep}`));
    expect(outside.filter(importsSdk)).toEqual([]);
  });

  it('is not reached from the engine or the commands', () => {
    const core = files.filter((file) => /^(engine|commands)[\\/]/.test(file));
    expect(core.length).toBeGreaterThan(50);
    expect(core.filter((file) => /adapters\/mcp/.test(readFileSync(path.join(root, file), 'utf8')))).toEqual([]);
  });
});
