import { createDiscordBot, type DiscordBot } from '../../adapters/discord/index.js';
import { ConversationReferences, createTeamsApp, type TeamsApp } from '../../adapters/teams/index.js';
import { PgBossQueue } from '../../adapters/worker/pg-boss-queue.js';
import { JobRunner } from '../../commands/jobs/job-runner.js';
import { IdempotentPoster } from '../../commands/jobs/poster.js';
import type { Conversation } from '../../commands/reply.js';
import { OpenAICompatibleModel } from '../../engine/llm/openai-compatible-model.js';
import type { JobRecord, Store } from '../../engine/store/ports.js';
import { openStore } from '../../prisma/index.js';
import { FakeConnector } from '../fakes/bot-connector.js';
import { FakeDiscord } from '../fakes/discord-server.js';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../fakes/openai-server.js';
import { probeJob } from './probe-job.js';
import { type TestPostgres, testPostgres } from './postgres.js';
import { WorkerProcess } from './worker-cluster.js';

/** The chat platforms whose web and worker roles the cluster splits. */
export type ChatPlatform = 'discord' | 'teams';

/** A probe post the platform's fake received: `#<seq> start|done|…` in a channel, in arrival order. */
export interface ChannelPost {
  channel: string;
  seq: number;
  step: string;
}

const TOKEN = 'test-token.discord-cluster-0123456789';

/** One platform's web side: the real adapter's sink behind a web-role runner that records, acknowledges and enqueues. */
interface WebSide {
  queue: PgBossQueue;
  runner: JobRunner;
}

/**
 * PostgreSQL, a FakeDiscord and a FakeConnector, a fake model with fixed latency, a web-role runner per platform
 * posting probe acknowledgements through the real Discord and Teams sinks, and worker child processes
 * (test/support/chat-queue-worker.ts) that run the jobs and post through the same real SDKs.
 *
 * @example
 *   const cluster = await ChatWorkerCluster.start({ latencyMs: 40, tenants: [1, 2], channelsPerTenant: 2 });
 *   await cluster.addWorkers(2);
 *   const jobs = await cluster.enqueue('discord', { tenants: [1], perChannel: 5 });
 */
export class ChatWorkerCluster {
  readonly workers: WorkerProcess[] = [];

  private constructor(
    readonly postgres: TestPostgres,
    readonly databaseUrl: string,
    readonly store: Store,
    readonly discord: FakeDiscord,
    readonly connector: FakeConnector,
    readonly model: FakeOpenAIServer,
    /** Model names (one per worker process) whose calls the fake model never answers. */
    private readonly held: Set<string>,
    private readonly web: Record<ChatPlatform, WebSide>,
    private readonly apps: { bot: DiscordBot; teams: TeamsApp },
    private readonly options: { tenantLimit: number; channelsPerTenant: number },
  ) {}

  static async start(options: {
    latencyMs: number;
    tenantLimit: number;
    tenants: number[];
    channelsPerTenant: number;
  }): Promise<ChatWorkerCluster> {
    const postgres = await testPostgres();
    const databaseUrl = await postgres.createDatabase();
    const store = await openStore({ databaseUrl });
    const discord = await FakeDiscord.start({
      token: TOKEN,
      guilds: options.tenants.map((t) => ({
        id: guildOf(t),
        channels: Array.from({ length: options.channelsPerTenant }, (_, c) => discordChannel(t, c + 1)),
      })),
    });
    const connector = await FakeConnector.start();
    const held = new Set<string>();
    const model = await startFakeOpenAIServer({
      latencyMs: options.latencyMs,
      respond: (body) => (held.has(String(body.model)) ? { kind: 'hang' } : { kind: 'json', value: { answer: 'ok' } }),
    });
    const client = new OpenAICompatibleModel({ model: 'fake', baseURL: model.url, timeoutMs: 30_000 });
    const limits = { maxPanelSize: 50, maxConcurrentJobs: options.tenantLimit };
    const bot = createDiscordBot({
      store,
      model: client,
      limits,
      token: TOKEN,
      applicationId: discord.applicationId,
      apiUrl: discord.apiUrl,
      progressEditIntervalMs: 0,
    });
    const teams = createTeamsApp({ store, model: client, limits, allowAnonymous: true, progressEditIntervalMs: 0 });
    const refs = new ConversationReferences(store);
    for (const t of options.tenants)
      for (let c = 1; c <= options.channelsPerTenant; c++)
        await refs.remember(teamsTenant(t), {
          serviceUrl: connector.serviceUrl,
          conversationType: 'groupChat',
          conversationId: teamsChannel(t, c),
          bot: { id: '28:troupe', name: 'Troupe' },
          tenantId: `m365-${t}`,
        });
    const side = async (platform: ChatPlatform, sink: DiscordBot['progressLane']): Promise<WebSide> => {
      const queue = await PgBossQueue.open({
        url: databaseUrl,
        flags: store,
        concurrency: 1,
        tenantLimit: options.tenantLimit,
        queueName: `troupe-jobs-${platform}`,
        // Whoever opens a queue first creates it: with the workers' short heartbeat, a dead worker's job comes back soon.
        heartbeatSeconds: 10,
        monitorIntervalSeconds: 1,
      });
      const runner = new JobRunner({
        jobs: store,
        poster: new IdempotentPoster(store, sink),
        kinds: [probeJob(client)],
        maxConcurrentJobs: options.tenantLimit,
        queue,
        role: 'web',
      });
      return { queue, runner };
    };
    const web = { discord: await side('discord', bot.progressLane), teams: await side('teams', teams.progressLane) };
    return new ChatWorkerCluster(
      postgres,
      databaseUrl,
      store,
      discord,
      connector,
      model,
      held,
      web,
      { bot, teams },
      options,
    );
  }

  async addWorkers(count: number, concurrency: { discord: number; teams: number }): Promise<WorkerProcess[]> {
    const added = Array.from(
      { length: count },
      () =>
        new WorkerProcess(
          {
            DATABASE_URL: this.databaseUrl,
            DISCORD_API_URL: this.discord.apiUrl,
            DISCORD_TOKEN: TOKEN,
            DISCORD_APPLICATION_ID: this.discord.applicationId,
            LLM_BASE_URL: this.model.url,
            TENANT_LIMIT: String(this.options.tenantLimit),
            DISCORD_CONCURRENCY: String(concurrency.discord),
            TEAMS_CONCURRENCY: String(concurrency.teams),
          },
          'test/support/chat-queue-worker.ts',
        ),
    );
    this.workers.push(...added);
    await Promise.all(added.map((worker) => worker.ready()));
    return added;
  }

  /** The conversation of channel `c` of tenant `t` on a platform. */
  conversation(platform: ChatPlatform, t: number, c: number): Conversation {
    return platform === 'discord'
      ? { tenantId: `discord:${guildOf(t)}`, channelKey: discordChannel(t, c), userId: '700' }
      : { tenantId: teamsTenant(t), channelKey: teamsChannel(t, c), userId: '29:u1' };
  }

  /** Every channel key of these tenants on a platform. */
  channels(platform: ChatPlatform, tenants: number[]): string[] {
    return tenants.flatMap((t) =>
      Array.from(
        { length: this.options.channelsPerTenant },
        (_, c) => this.conversation(platform, t, c + 1).channelKey,
      ),
    );
  }

  /** The web-role runner of a platform (`/cancel` goes through it). */
  runner(platform: ChatPlatform): JobRunner {
    return this.web[platform].runner;
  }

  /**
   * Starts `perChannel` probe jobs, in order, in every channel of these tenants through the platform's web
   * runner: recorded, acknowledged through the real sink (the progress message) and enqueued.
   */
  async enqueue(platform: ChatPlatform, plan: { tenants: number[]; perChannel: number }): Promise<JobRecord[]> {
    const lanes = plan.tenants.flatMap((t) =>
      Array.from({ length: this.options.channelsPerTenant }, (_, c) => this.conversation(platform, t, c + 1)),
    );
    const jobs = await Promise.all(
      lanes.map(async (conversation) => {
        const mine: JobRecord[] = [];
        for (let seq = 1; seq <= plan.perChannel; seq++)
          mine.push(await this.web[platform].runner.start('probe', { seq }, conversation));
        return mine;
      }),
    );
    return jobs.flat();
  }

  /** Waits until every job has finished (any terminal status); throws with the worker output after `timeoutMs`. */
  async finished(jobs: JobRecord[], timeoutMs: number): Promise<JobRecord[]> {
    const started = Date.now();
    const ids = new Set(jobs.map((job) => job.id));
    for (;;) {
      const open = (await this.store.listJobsByStatus(['queued', 'running'])).filter((job) => ids.has(job.id));
      if (!open.length) break;
      if (Date.now() - started > timeoutMs)
        throw new Error(
          `${open.length} jobs still open\n${this.workers.map((worker) => worker.output).join('\n---\n')}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return Promise.all(jobs.map(async (job) => (await this.store.getJob(job.tenantId, job.id))!));
  }

  /** The probe posts (`#<seq> <step>`) each channel shows on the platform's fake, in arrival order. */
  received(platform: ChatPlatform): ChannelPost[] {
    const posts =
      platform === 'discord'
        ? this.discord.messages.map((message) => ({ channel: message.channel_id, text: message.content }))
        : this.connector.activities.map((held) => ({ channel: held.conversationId, text: textOf(held.activity) }));
    return posts.flatMap(({ channel, text }) => {
      const match = /^#(\d+) (start|done)\b/.exec(text);
      return match ? [{ channel, seq: Number(match[1]), step: match[2] }] : [];
    });
  }

  /** The texts of everything the platform's fake shows in one channel (progress messages as last edited). */
  texts(platform: ChatPlatform, channel: string): string[] {
    return platform === 'discord'
      ? this.discord.messagesIn(channel).map((message) => message.content)
      : this.connector.conversation(channel).map((held) => textOf(held.activity));
  }

  /**
   * From now on the fake model never answers this worker: each job it takes stops inside its model call, its
   * start posted and nothing of it in flight (a well-defined moment to kill the worker).
   */
  hold(worker: WorkerProcess): void {
    this.held.add(`fake-worker-${worker.child.pid}`);
  }

  /** How many of the worker's model calls for probe jobs of this platform are unanswered (held or in progress). */
  waiting(worker: WorkerProcess, platform: ChatPlatform): number {
    const name = `fake-worker-${worker.child.pid}`;
    return this.model.requests.filter(
      (request) =>
        request.body?.model === name &&
        (request.answer === undefined || request.answer === 'hang') &&
        JSON.stringify(request.body.messages ?? []).includes(`"${platform}:`),
    ).length;
  }

  /** The model names every chat call was made under. */
  callers(): Set<string> {
    return new Set(this.model.requests.map((request) => String(request.body?.model)));
  }

  async stop(): Promise<void> {
    for (const worker of this.workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await Promise.all(this.workers.map((worker) => worker.exited));
    for (const side of Object.values(this.web)) await side.queue.close().catch(() => undefined);
    await this.apps.bot.stop();
    await this.apps.teams.stop();
    await this.store.close().catch(() => undefined);
    await this.discord.stop();
    await this.connector.stop();
    await this.model.close();
    await this.postgres.stop();
  }
}

const guildOf = (t: number) => `${t}00`;
const discordChannel = (t: number, c: number) => `${t}${String(c).padStart(2, '0')}`;
const teamsTenant = (t: number) => `teams:m365-${t}`;
const teamsChannel = (t: number, c: number) => `19:t${t}c${c}@thread.v2`;

/** An outbound Teams activity's visible text: its `text`, else its card's first text block. */
function textOf(activity: Record<string, unknown>): string {
  if (typeof activity.text === 'string') return activity.text;
  const card = (activity.attachments as { content?: { body?: { text?: string }[] } }[] | undefined)?.[0]?.content;
  return card?.body?.find((block) => typeof block.text === 'string')?.text ?? String(activity.summary ?? '');
}
