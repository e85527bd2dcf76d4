import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../../..');
const tsxLoader = path.join(repo, 'node_modules/tsx/dist/esm/index.mjs');
const render = pathToFileURL(path.join(repo, 'engine/extraction/charts/render.ts')).href;

/** Loads the charts (so vega-lite) first, then discord.js, then renders a chart, in a fresh Node process. */
const script = `
const { renderVegaLiteSvg } = await import(${JSON.stringify(render)});
const discord = await import('discord.js');
const svg = await renderVegaLiteSvg({
  data: { values: [{ answer: 'Yes', share: 0.6 }, { answer: 'No', share: 0.4 }] },
  mark: 'bar',
  encoding: { x: { field: 'answer', type: 'nominal' }, y: { field: 'share', type: 'quantitative' } },
});
process.stdout.write(JSON.stringify({
  client: typeof discord.Client,
  svg: svg.startsWith('<svg'),
  set: JSON.stringify(new Set([1])),
  patched: Object.hasOwn(Set.prototype, 'toJSON'),
}));
`;

describe("vega-lite's Set.prototype.toJSON patch stays inside its compile", () => {
  it('discord.js loads after the charts, charts still render, and a Set serialises as standard', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', tsxLoader, '--input-type=module', '-e', script],
      { cwd: repo, timeout: 60_000 },
    );
    expect(JSON.parse(stdout)).toEqual({ client: 'function', svg: true, set: '{}', patched: false });
  });

  it('only engine/extraction/charts/vega-lite-compile.ts imports vega-lite values; every other import is type-only', () => {
    const sources = ['adapters', 'bench', 'commands', 'engine', 'prisma', 'scripts']
      .flatMap((dir) =>
        readdirSync(path.join(repo, dir), { recursive: true, encoding: 'utf8' }).map((file) => path.join(dir, file)),
      )
      .concat('main.ts', 'config.ts')
      .filter((file) => file.endsWith('.ts') && !file.includes('generated'));
    const valueImports = sources.filter((file) =>
      /import\s+(?!type\b)[^;]*from\s+['"]vega-lite['"]/.test(readFileSync(path.join(repo, file), 'utf8')),
    );
    expect(valueImports).toEqual([path.join('engine', 'extraction', 'charts', 'vega-lite-compile.ts')]);
  });
});
