import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

/** The first ```ts block under the README's "Using the engine from code" heading: the example users copy. */
function readmeExample(): string {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.split('## Using the engine from code')[1]?.split('\n## ')[0] ?? '';
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (!code) throw new Error('README has no ```ts example under "Using the engine from code"');
  return code;
}

/**
 * Packs the package as `npm pack` would publish it, installs the tarball into a fresh project with npm,
 * offline, and runs the README example there. The project's dependencies are links to this checkout's
 * node_modules (npm accepts a link that satisfies a range, so nothing is fetched).
 */
describe('the packed tarball works as a library', () => {
  let work: string;
  let app: string;
  let files: string[];
  const env = { ...process.env, LLM_BASE_URL: '', LLM_API_KEY: '', OPENAI_API_KEY: '', npm_config_offline: 'true' };

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'troupe-pack-'));
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, env });
    const [packed] = JSON.parse(stdout.slice(stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    files = packed.files.map((file) => file.path);
    app = path.join(work, 'app');
    mkdirSync(path.join(app, 'node_modules'), { recursive: true });
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    for (const name of Object.keys(packageJson.dependencies)) {
      mkdirSync(path.dirname(path.join(app, 'node_modules', name)), { recursive: true });
      symlinkSync(path.join(root, 'node_modules', name), path.join(app, 'node_modules', name));
    }
    await run(
      'npm',
      [
        'install',
        '--offline',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        '--no-package-lock',
        path.join(work, packed.filename),
      ],
      { cwd: app, env },
    );
  }, 180_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('ships the built engine with its type declarations, not the sources or tests', () => {
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('dist/engine/agent/tiny-person.d.ts');
    expect(
      files.filter((file) => file.startsWith('test/') || (file.endsWith('.ts') && !file.endsWith('.d.ts'))),
    ).toEqual([]);
  });

  it("runs its own postinstall in a consumer's project without the app's Prisma scripts", async () => {
    await expect(
      run('npm', ['run', 'postinstall'], { cwd: path.join(app, 'node_modules/troupe'), env }),
    ).resolves.toBeDefined();
  });

  it('runs the README example offline: three personas answer the question', async () => {
    writeFileSync(path.join(app, 'example.mjs'), readmeExample());
    const { stdout } = await run(process.execPath, ['example.mjs'], { cwd: app, env, timeout: 60_000 });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('facilitator: What would make a bus-tracking app worth paying for?');
    const answers = lines.slice(1).filter((line) => /^[A-Z][\w'-]+ [A-Z][\w'-]+: \S/.test(line));
    expect(answers).toHaveLength(3);
    expect(new Set(answers.map((line) => line.split(':')[0])).size).toBe(3);
  }, 90_000);

  it('type-checks the README example against the shipped declarations', async () => {
    writeFileSync(path.join(app, 'example.ts'), readmeExample());
    const compilerOptions = {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      typeRoots: [path.join(root, 'node_modules/@types')],
      types: ['node'],
    };
    writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['example.ts'] }));
    const tsc = path.join(root, 'node_modules/.bin/tsc');
    await expect(run(tsc, ['-p', '.'], { cwd: app, env })).resolves.toBeDefined();
    writeFileSync(path.join(app, 'example.ts'), `${readmeExample()}\nconst wrong: string = world.name.length;\n`);
    await expect(run(tsc, ['-p', '.'], { cwd: app, env })).rejects.toMatchObject({
      stdout: expect.stringMatching(/TS2322/),
    });
  }, 60_000);
});
