import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signSlackRequest } from '../../adapters/slack/index.js';
import { openStore } from '../../prisma/index.js';
import { FakeSlack } from '../fakes/slack-server.js';
import { type TestPostgres, testPostgres } from '../support/postgres.js';
import { ChatProcess } from './chat-process.js';

// `npm start` twice on one PostgreSQL database: TROUPE_ROLE=web answers Slack and enqueues,
// TROUPE_ROLE=worker runs the job and posts through the real Slack client into FakeSlack.

const dir = mkdtempSync(path.join(tmpdir(), 'troupe-e2e-scale-'));
const runs: ChatProcess[] = [];
let slack: FakeSlack | undefined;
let postgres: TestPostgres | undefined;

afterAll(async () => {
  for (const run of runs) if (run.child.exitCode === null) run.child.kill('SIGKILL');
  await Promise.all(runs.map((run) => run.exited));
  await slack?.stop();
  await postgres?.stop();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor(what: string, run: ChatProcess, test: () => boolean | Promise<boolean>): Promise<void> {
  const started = Date.now();
  while (!(await test())) {
    if (run.child.exitCode !== null || Date.now() - started > 90_000)
      throw new Error(`${what} did not happen:\n${run.errors}\n${run.output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const status = (url: string) => fetch(url).then((response) => response.status);

describe('npm start with TROUPE_ROLE=web and TROUPE_ROLE=worker on PostgreSQL', () => {
  it('the web process enqueues a slash command job, the worker runs it; both report health; SIGTERM stops cleanly', async () => {
    postgres = await testPostgres();
    const databaseUrl = await postgres.createDatabase();
    slack = await FakeSlack.start();
    const [webPort, webHealth, workerHealth] = [await freePort(), await freePort(), await freePort()];
    const common = {
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      SLACK_API_URL: slack.apiUrl,
    };
    const web = new ChatProcess(dir, databaseUrl, {
      ...common,
      TROUPE_ROLE: 'web',
      PORT: String(webPort),
      TROUPE_HEALTH_PORT: String(webHealth),
    });
    runs.push(web);
    await waitFor('web start', web, () => /running on Slack \(HTTP\) on port/.test(web.errors));
    const worker = new ChatProcess(dir, databaseUrl, {
      ...common,
      TROUPE_ROLE: 'worker',
      PORT: String(await freePort()),
      TROUPE_HEALTH_PORT: String(workerHealth),
    });
    runs.push(worker);
    await waitFor('worker start', worker, () => /running Slack jobs from the queue/.test(worker.errors));
    expect(await status(`http://127.0.0.1:${webHealth}/healthz`)).toBe(200);
    expect(await status(`http://127.0.0.1:${webHealth}/readyz`)).toBe(200);
    expect(await status(`http://127.0.0.1:${workerHealth}/readyz`)).toBe(200);
    // The worker serves no Slack requests.
    expect(worker.errors).not.toMatch(/running on Slack \(HTTP\)/);

    const body = new URLSearchParams({
      token: 'legacy',
      team_id: slack.teamId,
      channel_id: 'C1',
      user_id: 'U1',
      command: '/panel',
      text: 'create 3 US parents',
      trigger_id: 'trigger-1',
      response_url: 'http://127.0.0.1:1/response',
      api_app_id: 'A0001',
    }).toString();
    const response = await fetch(`http://127.0.0.1:${webPort}/slack/events`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...signSlackRequest('test-signing-secret', body, Math.floor(Date.now() / 1000)),
      },
    });
    expect(response.status).toBe(200);

    const store = await openStore({ databaseUrl });
    try {
      const tenant = `slack:${slack.teamId}`;
      await waitFor('the job', worker, async () => {
        const [job] = await store.listJobs(tenant, 1);
        return job?.status === 'succeeded';
      });
      const [job] = await store.listJobs(tenant, 1);
      expect(job.kind).toBe('panel.create');
      expect((await store.listPanels(tenant)).length).toBe(1);
    } finally {
      await store.close();
    }

    worker.child.kill('SIGTERM');
    web.child.kill('SIGTERM');
    expect(await worker.exited).toBe(143);
    expect(await web.exited).toBe(143);
  }, 240_000);
});
