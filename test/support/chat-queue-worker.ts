// A Discord and Teams worker process for the multi-worker tests: the real store on PostgreSQL, one real pg-boss
// queue per platform (the names main.ts uses), the real Discord bot's sink (discord.js REST pointed at a loopback
// FakeDiscord, no gateway) and the real Teams app's sink (the Teams SDK's API client, posting to the service URL of
// the stored conversation references), running probe jobs whose model is the real OpenAI-compatible client pointed
// at the fake model server. Its model name names the process, so a test can tell which worker is in which model call
// (and hold that worker's calls).
// Prints `worker ready` once both queues take jobs; on SIGTERM it drains and exits 0.
//   node --import tsx test/support/chat-queue-worker.ts   (env: DATABASE_URL, DISCORD_API_URL, DISCORD_TOKEN, …)
import { createDiscordBot } from '../../adapters/discord/index.js';
import { createTeamsApp } from '../../adapters/teams/index.js';
import { PgBossQueue } from '../../adapters/worker/pg-boss-queue.js';
import { JobRunner } from '../../commands/jobs/job-runner.js';
import { IdempotentPoster } from '../../commands/jobs/poster.js';
import type { ChatSink } from '../../commands/reply.js';
import { OpenAICompatibleModel } from '../../engine/llm/openai-compatible-model.js';
import { openStore } from '../../prisma/index.js';
import { probeJob } from './probe-job.js';

const env = process.env;
const number = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
const store = await openStore({ databaseUrl: env.DATABASE_URL! });
const tenantLimit = number('TENANT_LIMIT', 2);
const model = new OpenAICompatibleModel({
  model: `fake-worker-${process.pid}`,
  baseURL: env.LLM_BASE_URL,
  timeoutMs: 30_000,
});
const limits = { maxPanelSize: 50, maxConcurrentJobs: tenantLimit };
const discord = createDiscordBot({
  store,
  model,
  limits,
  token: env.DISCORD_TOKEN!,
  applicationId: env.DISCORD_APPLICATION_ID!,
  apiUrl: env.DISCORD_API_URL,
  progressEditIntervalMs: 0,
});
await discord.identify();
const teams = createTeamsApp({ store, model, limits, allowAnonymous: true, progressEditIntervalMs: 0 });

async function worker(platform: string, sink: ChatSink, concurrency: number) {
  const queue = await PgBossQueue.open({
    url: env.DATABASE_URL!,
    flags: store,
    concurrency,
    tenantLimit,
    queueName: `troupe-jobs-${platform}`,
    pollingIntervalSeconds: 0.5,
    heartbeatSeconds: 10,
    monitorIntervalSeconds: 1,
  });
  const runner = new JobRunner({
    jobs: store,
    poster: new IdempotentPoster(store, sink),
    kinds: [probeJob(model)],
    maxConcurrentJobs: tenantLimit,
    queue,
    role: 'worker',
  });
  return { queue, runner };
}

const workers = [
  await worker('discord', discord.progressLane, number('DISCORD_CONCURRENCY', 2)),
  await worker('teams', teams.progressLane, number('TEAMS_CONCURRENCY', 1)),
];
process.once('SIGTERM', () => {
  void Promise.all(workers.map(({ runner }) => runner.drain(number('GRACE_MS', 10_000))))
    .then(() => Promise.all(workers.map(({ queue }) => queue.close())))
    .then(() => Promise.all([discord.stop(), teams.stop()]))
    .then(() => store.close())
    .finally(() => process.exit(0));
});
for (const { runner } of workers) await runner.serve();
process.stdout.write('worker ready\n');
