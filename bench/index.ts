/**
 * Runs every benchmark in this folder (each `bench/*.ts` except this file), one after another,
 * each in its own `npx tsx` child process so memory and CPU figures don't leak between them.
 * Prints each benchmark's output as it runs and a summary of exit codes at the end.
 *
 * Usage: `npm run bench` or `npx tsx bench/index.ts [name-filter]`.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const folder = import.meta.dirname;
const filter = process.argv[2];
const files = readdirSync(folder)
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && file !== 'index.ts')
  .filter((file) => !filter || file.includes(filter))
  .sort();

function runOne(file: string): Promise<{ code: number | null; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn('npx', ['tsx', path.join(folder, file)], { stdio: 'inherit', cwd: path.resolve(folder, '..') });
    child.on('close', (code) => resolve({ code, seconds: (performance.now() - started) / 1000 }));
    child.on('error', () => resolve({ code: -1, seconds: (performance.now() - started) / 1000 }));
  });
}

const summary: string[] = [];
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const { code, seconds } = await runOne(file);
  summary.push(`${file.padEnd(32)} exit ${code}  (${seconds.toFixed(1)} s)`);
}
console.log(`\n=== summary (${files.length} benchmarks) ===\n${summary.join('\n')}`);
if (summary.some((line) => !line.includes('exit 0'))) process.exitCode = 1;
