// A worker process for the multi-worker tests and bench/workers: the real store on PostgreSQL, the real
// pg-boss queue, the real Slack sink (pointed at a loopback FakeSlack) and the real OpenAI-compatible client
// (pointed at the fake model server), running probe jobs. Prints `worker ready` once it takes jobs; on
// SIGTERM it drains (finishes or hands back its jobs) and exits 0.
//   node --import tsx test/support/queue-worker.ts   (env: DATABASE_URL, SLACK_API_URL, LLM_BASE_URL, …)
import { webApi } from '@slack/bolt';
import { PgBossQueue } from '../../adapters/worker/pg-boss-queue.js';
import { ChannelSendQueue, PersonaAvatars, SlackSink } from '../../adapters/slack/index.js';
import { JobRunner } from '../../commands/jobs/job-runner.js';
import { IdempotentPoster } from '../../commands/jobs/poster.js';
import { OpenAICompatibleModel } from '../../engine/llm/openai-compatible-model.js';
import { openStore } from '../../prisma/index.js';
import { probeJob } from './probe-job.js';

const env = process.env;
const number = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
const store = await openStore({ databaseUrl: env.DATABASE_URL! });
const tenantLimit = number('TENANT_LIMIT', 2);
const queue = await PgBossQueue.open({
  url: env.DATABASE_URL!,
  flags: store,
  concurrency: number('WORKER_CONCURRENCY', 4),
  tenantLimit,
  pollingIntervalSeconds: 0.5,
  heartbeatSeconds: 10,
  monitorIntervalSeconds: 1,
});
const sink = new SlackSink({
  client: new webApi.WebClient(undefined, { slackApiUrl: env.SLACK_API_URL, rejectRateLimitedCalls: true }),
  // Each worker posts with its own token, so a test can tell which process posted what.
  tokens: async () => `xoxb-worker-${process.pid}`,
  queue: new ChannelSendQueue({ minIntervalMs: 0 }),
  avatars: new PersonaAvatars(store),
  store,
});
const model = new OpenAICompatibleModel({ model: 'fake', baseURL: env.LLM_BASE_URL, timeoutMs: 30_000 });
const runner = new JobRunner({
  jobs: store,
  poster: new IdempotentPoster(store, sink),
  kinds: [probeJob(model)],
  maxConcurrentJobs: tenantLimit,
  queue,
  role: 'worker',
});
process.once('SIGTERM', () => {
  void runner
    .drain(number('GRACE_MS', 10_000))
    .then(() => queue.close())
    .then(() => store.close())
    .finally(() => process.exit(0));
});
await runner.serve();
process.stdout.write('worker ready\n');
