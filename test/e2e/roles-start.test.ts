import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Store } from '../../engine/store/ports.js';
import { openStore } from '../../prisma/index.js';
import { FakeConnector } from '../fakes/bot-connector.js';
import { FakeDiscord } from '../fakes/discord-server.js';
import { type TestPostgres, testPostgres } from '../support/postgres.js';
import { ChatProcess } from './chat-process.js';

// `npm start` twice on one PostgreSQL database serving Discord and Teams: TROUPE_ROLE=web holds the
// Discord gateway and the Teams messaging endpoint and only enqueues; TROUPE_ROLE=worker opens no
// gateway and no port, runs the jobs and posts through the real discord.js REST and Teams SDK.

const dir = mkdtempSync(path.join(tmpdir(), 'troupe-e2e-roles-'));
const runs: ChatProcess[] = [];
const TOKEN = 'test-token.discord-roles-0123456789';
let discord: FakeDiscord | undefined;
let connector: FakeConnector | undefined;
let postgres: TestPostgres | undefined;
let store: Store | undefined;

afterAll(async () => {
  for (const run of runs) if (run.child.exitCode === null) run.child.kill('SIGKILL');
  await Promise.all(runs.map((run) => run.exited));
  await store?.close();
  await discord?.stop();
  await connector?.stop();
  await postgres?.stop();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor(what: string, runs: ChatProcess[], test: () => boolean | Promise<boolean>): Promise<void> {
  const started = Date.now();
  while (!(await test())) {
    if (runs.some((run) => run.child.exitCode !== null) || Date.now() - started > 90_000)
      throw new Error(`${what} did not happen:\n${runs.map((run) => `${run.errors}\n${run.output}`).join('\n---\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('npm start with TROUPE_ROLE=web and TROUPE_ROLE=worker serving Discord and Teams', () => {
  it('the web process acknowledges and enqueues, the worker runs the jobs and edits the acknowledgements', async () => {
    postgres = await testPostgres();
    const databaseUrl = await postgres.createDatabase();
    discord = await FakeDiscord.start({ token: TOKEN });
    connector = await FakeConnector.start();
    const common = {
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      TEAMS_ALLOW_ANONYMOUS: 'true',
    };
    const webPort = await freePort();
    const web = new ChatProcess(dir, databaseUrl, { ...common, TROUPE_ROLE: 'web', PORT: String(webPort) });
    runs.push(web);
    const worker = new ChatProcess(dir, databaseUrl, { ...common, TROUPE_ROLE: 'worker', PORT: String(webPort) });
    runs.push(worker);
    await waitFor('web start', [web], () => /running on Discord[\s\S]*running on Teams/.test(web.errors));
    await waitFor('worker start', [worker], () =>
      /running Discord jobs from the queue[\s\S]*running Teams jobs from the queue/.test(worker.errors),
    );
    // Only the web process holds the gateway; the worker shares PORT without listening on it.
    expect(discord.identified).toBe(1);
    expect(worker.errors).not.toMatch(/running on (Discord|Teams)/);
    store = await openStore({ databaseUrl });
    const db = store;

    // Discord: a slash command, deferred by the web process; its job runs on the worker.
    const interaction = discord.interaction({
      type: 2,
      guildId: '100',
      channelId: '110',
      data: {
        id: '1',
        name: 'panel',
        type: 1,
        options: [
          {
            name: 'create',
            type: 1,
            options: [
              { name: 'count', type: 4, value: 3 },
              { name: 'description', type: 3, value: 'US parents' },
            ],
          },
        ],
      },
    });
    await waitFor('the Discord job', [web, worker], async () => {
      const [job] = await db.listJobs('discord:100', 1);
      return job?.status === 'succeeded';
    });
    const [discordJob] = await db.listJobs('discord:100', 1);
    expect(discordJob.kind).toBe('panel.create');
    expect((await db.listPanels('discord:100')).length).toBe(1);
    expect(
      discord.callbacks.filter((callback) => callback.interactionId === interaction.id).map((c) => c.type),
    ).toEqual([5]);
    // The deferred reply is the job's progress message: acknowledged by the web, finished by the worker.
    const original = () => discord!.messages.find((message) => message.interaction_token === interaction.token);
    await waitFor('the finished progress message', [web, worker], () => /^✅/.test(original()?.content ?? ''));
    expect(original()?.content).toMatch(/personas ready — 3\/3 done/);
    // Edited through the bot's channel-message route: the worker holds no interaction token.
    const patched = discord.callsTo('PATCH', /^\/channels\/110\/messages\/\d+$/).map((call) => call.route);
    expect(patched).toContain(`/channels/110/messages/${original()?.id}`);

    // Teams: an activity answered 200 by the web process; the worker posts proactively.
    const activity = {
      type: 'message',
      id: 'roles-1',
      serviceUrl: connector.serviceUrl,
      from: { id: '29:u1', name: 'Pat' },
      recipient: { id: '28:bot', name: 'Troupe' },
      conversation: { id: 'a:personal-u1', conversationType: 'personal', tenantId: 'tenant-roles' },
      channelData: { tenant: { id: 'tenant-roles' } },
      text: 'panel create 3 US parents',
    };
    const response = await fetch(`http://127.0.0.1:${webPort}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(response.status).toBe(200);
    await waitFor('the Teams job', [web, worker], async () => {
      const [job] = await db.listJobs('teams:tenant-roles', 1);
      return job?.status === 'succeeded';
    });
    expect((await db.listPanels('teams:tenant-roles')).length).toBe(1);
    // One progress card, posted once and updated in place to its final state.
    const [teamsJob] = await db.listJobs('teams:tenant-roles', 1);
    expect(teamsJob.kind).toBe('panel.create');
    const cards = connector
      .conversation('a:personal-u1')
      .filter((held) => JSON.stringify(held.activity).includes('Creating panel'));
    expect(cards).toHaveLength(1);
    await waitFor('the finished progress card', [web, worker], () =>
      JSON.stringify(
        connector!.conversation('a:personal-u1').find((held) => held.id === cards[0].id)?.activity,
      ).includes('✅'),
    );
    expect(connector.accepted('update').some((call) => call.activityId === cards[0].id)).toBe(true);

    worker.child.kill('SIGTERM');
    web.child.kill('SIGTERM');
    expect(await worker.exited).toBe(143);
    expect(await web.exited).toBe(143);
  }, 240_000);
});
