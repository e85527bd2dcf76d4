import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ChatProcess } from './chat-process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'troupe-e2e-signals-'));
const runs: ChatProcess[] = [];

afterAll(() => {
  for (const run of runs) if (run.child.exitCode === null) run.child.kill('SIGKILL');
});

describe('process exit codes on signals', () => {
  it('exits 128 + the signal number: 143 on SIGTERM, 130 on SIGINT', async () => {
    for (const [signal, code] of [
      ['SIGTERM', 143],
      ['SIGINT', 130],
    ] as const) {
      const chat = new ChatProcess(dir, `file:${path.join(dir, `${signal}.db`)}`);
      runs.push(chat);
      chat.send(['/help']);
      await chat.waitFor(/\/panel create/);
      chat.child.kill(signal);
      expect(await chat.exited).toBe(code);
    }
  }, 60_000);
});
