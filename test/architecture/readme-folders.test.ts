import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** Every `path` written in the first column of the README's "How it is built" table. */
function tablePaths(readme: string): string[] {
  const section = readme.split('## How it is built')[1]?.split('\n## ')[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1]));
}

/** Folders a newcomer walks: the top-level code folders and every area of the engine. */
function codeFolders(): string[] {
  const top = ['personas', 'commands', 'prisma', 'test', 'bench', 'scripts'];
  const under = (folder: string) =>
    readdirSync(path.join(root, folder))
      .filter((name) => statSync(path.join(root, folder, name)).isDirectory())
      .map((name) => `${folder}/${name}/`);
  return [...under('engine'), ...under('adapters'), 'engine/llm/offline/', ...top.map((name) => `${name}/`)];
}

describe("the README's 'How it is built' table matches the folders", () => {
  const listed = tablePaths(readFileSync(path.join(root, 'README.md'), 'utf8'));

  it('reads the table (so the checks below can fail)', () => {
    expect(listed).toContain('engine/agent/');
    expect(tablePaths('## How it is built\n\n| `a/` | x |\n| `b/`, `c.ts` | y |\n')).toEqual(['a/', 'b/', 'c.ts']);
  });

  it('lists only paths that exist', () => {
    expect(listed.filter((entry) => !existsSync(path.join(root, entry)))).toEqual([]);
  });

  it('lists every engine area, every adapter and every top-level code folder', () => {
    expect(codeFolders().filter((folder) => !listed.includes(folder))).toEqual([]);
  });
});
