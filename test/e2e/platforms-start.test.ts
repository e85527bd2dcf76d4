import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../fakes/discord-server.js';
import { FakeSlack } from '../fakes/slack-server.js';
import { ChatProcess } from './chat-process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'troupe-e2e-platforms-'));
const runs: ChatProcess[] = [];
let slack: FakeSlack | undefined;
let discord: FakeDiscord | undefined;
const TOKEN = 'test-token.discord-0123456789';

afterAll(async () => {
  for (const run of runs) if (run.child.exitCode === null) run.child.kill('SIGKILL');
  await slack?.stop();
  await discord?.stop();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('npm start with Slack and Discord variables', () => {
  it('serves Slack and Discord side by side in one process (no local chat) and stops cleanly on SIGTERM', async () => {
    slack = await FakeSlack.start();
    discord = await FakeDiscord.start({ token: TOKEN });
    const port = await freePort();
    const run = new ChatProcess(dir, `file:${path.join(dir, 'both.db')}`, {
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      PORT: String(port),
    });
    runs.push(run);
    const started = Date.now();
    while (!/running on Slack[\s\S]*running on Discord/.test(run.errors)) {
      if (run.child.exitCode !== null || Date.now() - started > 60_000)
        throw new Error(`did not start both:\n${run.errors}\n${run.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(run.output).not.toMatch(/Troupe local chat/);
    expect(discord.identified).toBe(1);
    expect(run.errors).not.toContain(TOKEN);
    const unsigned = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: 'command=%2Fhelp' });
    expect(unsigned.status).toBe(401);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(143);
  }, 90_000);
});
