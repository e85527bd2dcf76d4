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

const panelCreate = {
  name: 'create',
  type: 1,
  options: [
    { name: 'count', type: 4, value: 3 },
    { name: 'description', type: 3, value: 'US parents' },
  ],
};

describe('npm start with TROUPE_ROLE=web and TROUPE_ROLE=worker serving Discord and Teams', () => {
  it('the web process acknowledges and enqueues (and takes /cancel), the worker runs the jobs and edits the acknowledgements', async () => {
    postgres = await testPostgres();
    const databaseUrl = await postgres.createDatabase();
    discord = await FakeDiscord.start({ token: TOKEN });
    connector = await FakeConnector.start();
    const fake = discord;
    const teamsConnector = connector;
    const common = {
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      TEAMS_ALLOW_ANONYMOUS: 'true',
    };
    const webPort = await freePort();
    const web = new ChatProcess(dir, databaseUrl, { ...common, TROUPE_ROLE: 'web', PORT: String(webPort) });
    runs.push(web);
    await waitFor('web start', [web], () => /running on Discord[\s\S]*running on Teams/.test(web.errors));
    store = await openStore({ databaseUrl });
    const db = store;
    const slash = (name: string, options: unknown[]) =>
      fake.interaction({ type: 2, guildId: '100', channelId: '110', data: { id: '1', name, type: 1, options } });
    const activity = (id: string, text: string) =>
      fetch(`http://127.0.0.1:${webPort}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          id,
          serviceUrl: teamsConnector.serviceUrl,
          from: { id: '29:u1', name: 'Pat' },
          recipient: { id: '28:bot', name: 'Troupe' },
          conversation: { id: 'a:personal-u1', conversationType: 'personal', tenantId: 'tenant-roles' },
          channelData: { tenant: { id: 'tenant-roles' } },
          text,
        }),
      }).then((response) => response.status);
    const latestJob = async (tenantId: string) => (await db.listJobs(tenantId, 1))[0];
    const discordMessage = async (jobId: string) => {
      const id = (await db.findPost('discord:100', `job:${jobId}:progress`))?.platformId;
      return fake.messages.find((message) => message.id === id);
    };
    const teamsCard = async (jobId: string) => {
      const id = (await db.findPost('teams:tenant-roles', `job:${jobId}:progress`))?.platformId;
      return teamsConnector.activities.find((held) => held.id === id);
    };

    // With no worker up yet: each command is acknowledged and queued, then /cancel is taken by the web process.
    const first = slash('panel', [panelCreate]);
    expect(await activity('roles-1', 'panel create 3 US parents')).toBe(200);
    await waitFor('both jobs queued', [web], async () =>
      Boolean((await latestJob('discord:100'))?.status === 'queued' && (await latestJob('teams:tenant-roles'))),
    );
    const [queuedOnDiscord, queuedOnTeams] = [await latestJob('discord:100'), await latestJob('teams:tenant-roles')];
    await waitFor('the acknowledgements', [web], async () =>
      Boolean((await discordMessage(queuedOnDiscord.id)) && (await teamsCard(queuedOnTeams.id))),
    );
    expect((await discordMessage(queuedOnDiscord.id))?.interaction_token).toBe(first.token);
    slash('cancel', []);
    expect(await activity('roles-2', 'cancel')).toBe(200);
    await waitFor('the cancellations asked for', [web], () =>
      fake.messages.some((message) => message.content.includes(`Cancelling job ${queuedOnDiscord.id}`)),
    );

    const worker = new ChatProcess(dir, databaseUrl, { ...common, TROUPE_ROLE: 'worker', PORT: String(webPort) });
    runs.push(worker);
    await waitFor('worker start', [worker], () =>
      /running Discord jobs from the queue[\s\S]*running Teams jobs from the queue/.test(worker.errors),
    );
    // Only the web process holds the gateway; the worker shares PORT without listening on it.
    expect(fake.identified).toBe(1);
    expect(worker.errors).not.toMatch(/running on (Discord|Teams)/);
    await waitFor('the cancelled jobs', [web, worker], async () => {
      const jobs = [
        await db.getJob('discord:100', queuedOnDiscord.id),
        await db.getJob('teams:tenant-roles', queuedOnTeams.id),
      ];
      return jobs.every((job) => job?.status === 'cancelled');
    });
    await waitFor('the cancelled progress messages', [web, worker], async () =>
      Boolean(
        /^⚠️.*cancelled$/.test((await discordMessage(queuedOnDiscord.id))?.content ?? '') &&
          /cancelled/.test(JSON.stringify((await teamsCard(queuedOnTeams.id))?.activity)),
      ),
    );
    expect(await db.listPanels('discord:100')).toHaveLength(0);

    // Discord: a slash command, deferred by the web process; its job runs on the worker.
    const interaction = slash('panel', [panelCreate]);
    await waitFor('the Discord job', [web, worker], async () => {
      const job = await latestJob('discord:100');
      return job?.id !== queuedOnDiscord.id && job?.status === 'succeeded';
    });
    const discordJob = await latestJob('discord:100');
    expect(discordJob.kind).toBe('panel.create');
    expect((await db.listPanels('discord:100')).length).toBe(1);
    expect(fake.callbacks.filter((callback) => callback.interactionId === interaction.id).map((c) => c.type)).toEqual([
      5,
    ]);
    // The deferred reply is the job's progress message: acknowledged by the web, finished by the worker.
    const original = await discordMessage(discordJob.id);
    expect(original?.interaction_token).toBe(interaction.token);
    await waitFor('the finished progress message', [web, worker], async () =>
      /^✅/.test((await discordMessage(discordJob.id))?.content ?? ''),
    );
    expect((await discordMessage(discordJob.id))?.content).toMatch(/personas ready — 3\/3 done/);
    // Edited through the bot's channel-message route: the worker holds no interaction token.
    const patched = fake.callsTo('PATCH', /^\/channels\/110\/messages\/\d+$/).map((call) => call.route);
    expect(patched).toContain(`/channels/110/messages/${original?.id}`);

    // A question: the worker opens its thread and every persona answers once through the channel's webhook.
    slash('panel', [
      { name: 'ask', type: 1, options: [{ name: 'question', type: 3, value: 'Would you switch banks?' }] },
    ]);
    await waitFor('the Discord question', [web, worker], async () => {
      const job = await latestJob('discord:100');
      return job?.kind === 'panel.ask' && job.status === 'succeeded';
    });
    const askJob = await latestJob('discord:100');
    const thread = String((await db.findPost('discord:100', `job:${askJob.id}:question`))?.platformId);
    expect(fake.channels.get(thread)?.parent_id).toBe('110');
    const personas = (await db.listPersonas('discord:100', (await db.listPanels('discord:100'))[0].id)).map(
      (p) => p.name,
    );
    expect(personas).toHaveLength(3);
    const answers = fake.messagesIn(thread).filter((message) => message.webhook_id);
    expect(answers.map((message) => message.author.username).sort()).toEqual([...personas].sort());

    // Teams: an activity answered 200 by the web process; the worker posts proactively.
    expect(await activity('roles-3', 'panel create 3 US parents')).toBe(200);
    await waitFor('the Teams job', [web, worker], async () => {
      const job = await latestJob('teams:tenant-roles');
      return job?.id !== queuedOnTeams.id && job?.status === 'succeeded';
    });
    const teamsJob = await latestJob('teams:tenant-roles');
    expect(teamsJob.kind).toBe('panel.create');
    expect((await db.listPanels('teams:tenant-roles')).length).toBe(1);
    // One progress card, posted once by the web process and updated in place to its final state by the worker.
    await waitFor('the finished progress card', [web, worker], async () =>
      JSON.stringify((await teamsCard(teamsJob.id))?.activity).includes('✅'),
    );
    const card = await teamsCard(teamsJob.id);
    expect(teamsConnector.accepted('update').some((call) => call.activityId === card?.id)).toBe(true);
    const cards = teamsConnector
      .conversation('a:personal-u1')
      .filter((held) => JSON.stringify(held.activity).includes('personas ready'));
    expect(cards.map((held) => held.id)).toEqual([card?.id]);
    // A question: every persona's answer card arrives once.
    expect(await activity('roles-4', 'panel ask Would you switch banks?')).toBe(200);
    await waitFor('the Teams question', [web, worker], async () => {
      const job = await latestJob('teams:tenant-roles');
      return job?.kind === 'panel.ask' && job.status === 'succeeded';
    });
    const panelists = (
      await db.listPersonas('teams:tenant-roles', (await db.listPanels('teams:tenant-roles'))[0].id)
    ).map((persona) => persona.name);
    expect(panelists).toHaveLength(3);
    const summaries = teamsConnector.conversation('a:personal-u1').map((held) => String(held.activity.summary ?? ''));
    for (const name of panelists) expect(summaries.filter((summary) => summary.startsWith(`${name}:`))).toHaveLength(1);

    worker.child.kill('SIGTERM');
    web.child.kill('SIGTERM');
    expect(await worker.exited).toBe(143);
    expect(await web.exited).toBe(143);
  }, 240_000);
});
