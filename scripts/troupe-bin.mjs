#!/usr/bin/env node
// `npx troupe …` from a clone: runs main.ts through tsx with the same arguments (`npx troupe mcp`).
// stdio is inherited untouched, so over MCP's stdio transport stdout carries only the protocol.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../main.ts', import.meta.url));
if (!existsSync(main)) {
  process.stderr.write('troupe: main.ts is not here; run `npx troupe` from a clone of the repository.\n');
  process.exit(1);
}
// tsx is resolved from this clone, not from the working directory (a desktop assistant starts us anywhere).
const tsx = import.meta.resolve('tsx');
const child = spawn(process.execPath, ['--import', tsx, main, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 143)));
