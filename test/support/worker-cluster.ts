import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';
import { webApi } from '@slack/bolt';
import { PgBossQueue } from '../../adapters/worker/pg-boss-queue.js';
import { ChannelSendQueue, PersonaAvatars, SlackSink } from '../../adapters/slack/index.js';
import { JobRunner } from '../../commands/jobs/job-runner.js';
import { IdempotentPoster } from '../../commands/jobs/poster.js';
import type { Conversation } from '../../commands/reply.js';
import { OpenAICompatibleModel } from '../../engine/llm/openai-compatible-model.js';
import type { JobRecord, Store } from '../../engine/store/ports.js';
import { openStore } from '../../prisma/index.js';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../fakes/openai-server.js';
import { FakeSlack } from '../fakes/slack-server.js';
import { probeJob } from './probe-job.js';
import { type TestPostgres, testPostgres } from './postgres.js';

const repo = path.resolve(import.meta.dirname, '../..');
const tsxLoader = path.join(repo, 'node_modules/tsx/dist/esm/index.mjs');

/** One worker child process (test/support/queue-worker.ts, or another worker script that prints `worker ready`). */
export class WorkerProcess {
  readonly child: ChildProcessWithoutNullStreams;
  output = '';
  readonly exited: Promise<number | null>;

  constructor(env: NodeJS.ProcessEnv, script = 'test/support/queue-worker.ts') {
    this.child = spawn(process.execPath, ['--import', tsxLoader, path.join(repo, script)], {
      cwd: repo,
      env: { ...process.env, ...env },
    });
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => (this.output += chunk));
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.output += chunk));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  async ready(timeoutMs = 180_000): Promise<void> {
    const started = Date.now();
    while (!this.output.includes('worker ready')) {
      if (this.child.exitCode !== null || Date.now() - started > timeoutMs)
        throw new Error(`worker did not start:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** A keyed message the fake Slack received, in arrival order. */
export interface Received {
  channel: string;
  key: string;
  text: string;
  at: number;
  /** The bot token it was posted with (each worker process has its own). */
  token?: string;
}

/**
 * PostgreSQL, a FakeSlack, a fake model with fixed latency, a web-role runner that enqueues probe jobs
 * (and posts their acknowledgements), and worker child processes that run them.
 *
 * @example
 *   const cluster = await WorkerCluster.start({ latencyMs: 50, tenantLimit: 2 });
 *   await cluster.addWorkers(2);
 */
export class WorkerCluster {
  readonly workers: WorkerProcess[] = [];

  private constructor(
    readonly postgres: TestPostgres,
    readonly databaseUrl: string,
    readonly store: Store,
    readonly queue: PgBossQueue,
    readonly runner: JobRunner,
    readonly slack: FakeSlack,
    readonly model: FakeOpenAIServer,
    private readonly options: { tenantLimit: number; workerConcurrency: number },
  ) {}

  static async start(options: {
    latencyMs: number;
    tenantLimit: number;
    workerConcurrency?: number;
  }): Promise<WorkerCluster> {
    const postgres = await testPostgres();
    const databaseUrl = await postgres.createDatabase();
    const store = await openStore({ databaseUrl });
    // Whoever opens the queue first creates it with its heartbeat: the workers' 10 s, so a killed worker's job
    // comes back after 10 s, not pg-boss's default 30 s.
    const queue = await PgBossQueue.open({
      url: databaseUrl,
      flags: store,
      concurrency: 1,
      tenantLimit: 1,
      heartbeatSeconds: 10,
      monitorIntervalSeconds: 1,
    });
    const slack = await FakeSlack.start();
    const model = await startFakeOpenAIServer({
      latencyMs: options.latencyMs,
      respond: () => ({ kind: 'json', value: { answer: 'ok' } }),
    });
    const sink = new SlackSink({
      client: new webApi.WebClient(undefined, { slackApiUrl: slack.apiUrl, rejectRateLimitedCalls: true }),
      tokens: async () => 'xoxb-web',
      queue: new ChannelSendQueue({ minIntervalMs: 0 }),
      avatars: new PersonaAvatars(store),
      store,
    });
    const runner = new JobRunner({
      jobs: store,
      poster: new IdempotentPoster(store, sink),
      kinds: [probeJob(new OpenAICompatibleModel({ model: 'fake', baseURL: model.url, timeoutMs: 30_000 }))],
      maxConcurrentJobs: options.tenantLimit,
      queue,
      role: 'web',
    });
    return new WorkerCluster(postgres, databaseUrl, store, queue, runner, slack, model, {
      tenantLimit: options.tenantLimit,
      workerConcurrency: options.workerConcurrency ?? 4,
    });
  }

  async addWorkers(count: number): Promise<WorkerProcess[]> {
    const added = Array.from(
      { length: count },
      () =>
        new WorkerProcess({
          DATABASE_URL: this.databaseUrl,
          SLACK_API_URL: this.slack.apiUrl,
          LLM_BASE_URL: this.model.url,
          TENANT_LIMIT: String(this.options.tenantLimit),
          WORKER_CONCURRENCY: String(this.options.workerConcurrency),
        }),
    );
    this.workers.push(...added);
    await Promise.all(added.map((worker) => worker.ready()));
    return added;
  }

  /**
   * Enqueues `perChannel` probe jobs in each channel (`T<t>-C<c>`) of each tenant (`slack:T<t>`), in order
   * per channel: through the web runner (record, acknowledgement, enqueue), or with `ack: false` only the
   * record and the queue entry (the worker then posts the progress message itself).
   */
  async enqueue(plan: {
    tenants: number[];
    channelsPerTenant: number;
    perChannel: number;
    ack?: boolean;
  }): Promise<JobRecord[]> {
    const { tenants, channelsPerTenant, perChannel } = plan;
    const start = async (seq: number, conversation: Conversation) => {
      if (plan.ack !== false) return this.runner.start('probe', { seq }, conversation);
      const job = await this.store.createJob({
        tenantId: conversation.tenantId,
        kind: 'probe',
        status: 'queued',
        input: { seq },
        conversation: { ...conversation },
      });
      const lane = `probe:${conversation.tenantId}:${conversation.channelKey}`;
      await this.queue.enqueue({ jobId: job.id, tenantId: job.tenantId, lane });
      return job;
    };
    const lanes: Conversation[] = [];
    for (const t of tenants)
      for (let c = 1; c <= channelsPerTenant; c++)
        lanes.push({ tenantId: `slack:T${t}`, channelKey: `T${t}-C${c}`, userId: 'U1' });
    const jobs = await Promise.all(
      lanes.map(async (conversation) => {
        const mine: JobRecord[] = [];
        for (let seq = 1; seq <= perChannel; seq++) mine.push(await start(seq, conversation));
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
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return Promise.all(jobs.map(async (job) => (await this.store.getJob(job.tenantId, job.id))!));
  }

  /** Every keyed `chat.postMessage` the fake Slack received, in arrival order. */
  received(): Received[] {
    return this.slack.callsOf('chat.postMessage').flatMap((call) => {
      const raw = call.args.metadata;
      const metadata = (typeof raw === 'string' ? JSON.parse(raw) : raw) as
        | { event_payload?: { key?: string } }
        | undefined;
      const key = metadata?.event_payload?.key;
      return key
        ? [
            {
              channel: String(call.args.channel),
              key,
              text: String(call.args.text ?? ''),
              at: call.at,
              token: call.token,
            },
          ]
        : [];
    });
  }

  async stop(): Promise<void> {
    for (const worker of this.workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await Promise.all(this.workers.map((worker) => worker.exited));
    await this.queue.close().catch(() => undefined);
    await this.store.close().catch(() => undefined);
    await this.slack.stop();
    await this.model.close();
    await this.postgres.stop();
  }
}
