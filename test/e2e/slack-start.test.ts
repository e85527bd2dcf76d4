import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../fakes/slack-server.js';
import { ChatProcess } from './chat-process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'troupe-e2e-slack-'));
const runs: ChatProcess[] = [];
let slack: FakeSlack | undefined;

afterAll(async () => {
  for (const run of runs) if (run.child.exitCode === null) run.child.kill('SIGKILL');
  await slack?.stop();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('npm start with Slack variables', () => {
  it('serves Slack over HTTP instead of the local chat, answers signed requests only, and stops cleanly on SIGTERM', async () => {
    slack = await FakeSlack.start();
    const port = await freePort();
    const run = new ChatProcess(dir, `file:${path.join(dir, 'slack.db')}`, {
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
    });
    runs.push(run);
    const started = Date.now();
    while (!/running on Slack \(HTTP\) on port/.test(run.errors)) {
      if (run.child.exitCode !== null || Date.now() - started > 60_000)
        throw new Error(`Slack did not start:\n${run.errors}\n${run.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(run.output).not.toMatch(/Troupe local chat/);
    const unsigned = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: 'POST',
      body: 'command=%2Fpanel&text=list',
    });
    expect(unsigned.status).toBe(401);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(143);
  }, 90_000);
});
