import { webApi } from '@slack/bolt';
import { ChannelSendQueue, PersonaAvatars, SlackSink } from '../../../adapters/slack/index.js';
import { PgBossQueue } from '../../../adapters/worker/pg-boss-queue.js';
import { JobRunner, type JobRole } from '../../../commands/jobs/job-runner.js';
import type { JobQueue } from '../../../commands/jobs/job-queue.js';
import type { JobKind } from '../../../commands/jobs/job-types.js';
import { IdempotentPoster } from '../../../commands/jobs/poster.js';
import type { Store } from '../../../engine/store/ports.js';
import { openStore } from '../../../prisma/index.js';
import type { FakeSlack } from '../../fakes/slack-server.js';

/** One Troupe process's job side, in this test process: its own store client, pg-boss queue and runner. */
export interface QueueApp {
  store: Store;
  queue: PgBossQueue;
  runner: JobRunner;
  close(): Promise<void>;
}

/**
 * A web or worker "process" on a shared PostgreSQL database: its own Prisma client and pg-boss instance,
 * the real Slack sink against a FakeSlack, and the given job kinds. `wrap` puts a fault injector between
 * the runner and the queue.
 *
 * @example
 *   const web = await queueApp({ databaseUrl, slack, kinds: [probeJob(model)], role: 'web' });
 */
export async function queueApp(options: {
  databaseUrl: string;
  slack: FakeSlack;
  kinds: JobKind[];
  role: JobRole;
  deliveryLimit?: number;
  sweepAfterMs?: number;
  wrap?: (queue: JobQueue) => JobQueue;
  /** Puts a fault injector on this process's store (e.g. a write that fails once). */
  tamper?: (store: Store) => void;
}): Promise<QueueApp> {
  const store = await openStore({ databaseUrl: options.databaseUrl });
  options.tamper?.(store);
  const queue = await PgBossQueue.open({
    url: options.databaseUrl,
    flags: store,
    concurrency: 2,
    tenantLimit: 2,
    pollingIntervalSeconds: 0.5,
    monitorIntervalSeconds: 1,
    deliveryLimit: options.deliveryLimit,
  });
  const sink = new SlackSink({
    client: new webApi.WebClient(undefined, { slackApiUrl: options.slack.apiUrl, rejectRateLimitedCalls: true }),
    tokens: async () => `xoxb-${options.role}`,
    queue: new ChannelSendQueue({ minIntervalMs: 0 }),
    avatars: new PersonaAvatars(store),
    store,
  });
  const runner = new JobRunner({
    jobs: store,
    poster: new IdempotentPoster(store, sink),
    kinds: options.kinds,
    maxConcurrentJobs: 2,
    queue: options.wrap ? options.wrap(queue) : queue,
    role: options.role,
    sweep: { afterMs: options.sweepAfterMs ?? 60_000, everyMs: 500 },
  });
  return {
    store,
    queue,
    runner,
    async close() {
      await runner.drain(1000);
      await queue.close();
      await store.close();
    },
  };
}

/** The keys of the keyed messages FakeSlack received (`job:<id>:start`, …), in arrival order. */
export function receivedKeys(slack: FakeSlack): { key: string; text: string }[] {
  return slack.callsOf('chat.postMessage').flatMap((call) => {
    const raw = call.args.metadata;
    const metadata = (typeof raw === 'string' ? JSON.parse(raw) : raw) as
      | { event_payload?: { key?: string } }
      | undefined;
    const key = metadata?.event_payload?.key;
    return key ? [{ key, text: String(call.args.text ?? '') }] : [];
  });
}
