import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeConnector } from '../fakes/bot-connector.js';
import { FakeSlack } from '../fakes/slack-server.js';
import { ChatProcess } from './chat-process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'troupe-e2e-teams-'));
const runs: ChatProcess[] = [];
let slack: FakeSlack | undefined;
let connector: FakeConnector | undefined;

afterAll(async () => {
  for (const run of runs) if (run.child.exitCode === null) run.child.kill('SIGKILL');
  await slack?.stop();
  await connector?.stop();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('npm start with Slack and Teams variables', () => {
  it('serves Slack and Teams side by side in one process; Teams answers an activity proactively', async () => {
    slack = await FakeSlack.start();
    connector = await FakeConnector.start();
    const [port, teamsPort] = [await freePort(), await freePort()];
    const run = new ChatProcess(dir, `file:${path.join(dir, 'both.db')}`, {
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      TEAMS_ALLOW_ANONYMOUS: 'true',
      TEAMS_PORT: String(teamsPort),
    });
    runs.push(run);
    const started = Date.now();
    while (!/running on Teams/.test(run.errors) || !/running on Slack/.test(run.errors)) {
      if (run.child.exitCode !== null || Date.now() - started > 60_000)
        throw new Error(`Troupe did not start:\n${run.errors}\n${run.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: 'x' })).status).toBe(401);
    const activity = {
      type: 'message',
      id: 'e2e-1',
      serviceUrl: connector.serviceUrl,
      from: { id: '29:u1', name: 'Pat' },
      recipient: { id: '28:bot', name: 'Troupe' },
      conversation: { id: 'a:personal-u1', conversationType: 'personal', tenantId: 'tenant-e2e' },
      channelData: { tenant: { id: 'tenant-e2e' } },
      text: 'panel list',
    };
    const response = await fetch(`http://127.0.0.1:${teamsPort}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(response.status).toBe(200);
    while (!connector.accepted('send').length) {
      if (Date.now() - started > 60_000) throw new Error(`Teams never posted:\n${run.errors}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(connector.accepted('send')[0].conversationId).toBe('a:personal-u1');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(143);
  }, 90_000);
});
