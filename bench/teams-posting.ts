/**
 * Teams posting: (1) the cost of one persona card through the real Teams SDK, Troupe's TeamsSink
 * (send marks in SQLite) and the IdempotentPoster against the loopback fake connector, beside a
 * baseline of the bare HTTP round trip to the same fake; (2) the pace of 200 posts to one
 * conversation under Teams' limits (7/s, 60/30 s) on a simulated clock, beside the floor those
 * limits allow. Prints figures; never passes or fails on time.
 *
 *   npx tsx bench/teams-posting.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IdempotentPoster } from '../commands/jobs/poster.js';
import { createTeamsApp } from '../adapters/teams/index.js';
import { ConversationSendQueue } from '../adapters/teams/send-queue.js';
import { OfflineModel } from '../engine/llm/offline/offline-model.js';
import { openStore } from '../prisma/index.js';
import { FakeConnector } from '../test/fakes/bot-connector.js';
import { signJwt } from '../test/fakes/bot-jwks.js';

const POSTS = 200;
const dir = await mkdtemp(path.join(tmpdir(), 'troupe-bench-teams-'));
const store = await openStore({ databaseUrl: `file:${path.join(dir, 'bench.db')}` });
const connector = await FakeConnector.start();
const tenantId = 'teams:bench';
const channel = '19:bench@thread.tacv2';
try {
  await store.ensureTenant({ id: tenantId, platform: 'teams' });
  const teams = createTeamsApp({
    store,
    model: new OfflineModel({ responders: {} }),
    limits: { maxPanelSize: 20, maxConcurrentJobs: 3 },
    allowAnonymous: true,
    token: async () => signJwt(undefined, { aud: 'https://api.botframework.com', exp: 4_102_444_800 }),
    sendQueue: { windows: [] },
    port: 0,
    host: '127.0.0.1',
    log: () => undefined,
  });
  await teams.start();
  await store.setValue(tenantId, `teams:ref:${channel}`, {
    serviceUrl: connector.serviceUrl,
    conversationType: 'channel',
    conversationId: channel,
    bot: { id: '28:bench' },
    tenantId: 'bench',
    channelId: channel,
  });
  const conversation = { tenantId, channelKey: channel, userId: '29:u', threadKey: '1700000000000' };
  const poster = new IdempotentPoster(store, teams.sink);
  const post = (index: number) =>
    poster.post(conversation, {
      kind: 'text',
      text: `Answer number ${index}: price matters more than features to me.`,
      idempotencyKey: `job:bench:answer:P${index}:1:0`,
      speaker: { kind: 'persona', name: `Persona ${index % 10}` },
      blocks: [
        { kind: 'section', text: `Answer number ${index}: price matters more than features to me.` },
        { kind: 'context', text: 'Synthetic persona · offline' },
      ],
    });
  for (let index = 0; index < 10; index++) await post(-1 - index);
  const started = performance.now();
  for (let index = 0; index < POSTS; index++) await post(index);
  const perPost = (performance.now() - started) / POSTS;

  const url = `${connector.serviceUrl}v3/conversations/${encodeURIComponent(`${channel};messageid=1`)}/activities`;
  const bareStart = performance.now();
  for (let index = 0; index < POSTS; index++)
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"message"}' });
  const bare = (performance.now() - bareStart) / POSTS;
  await teams.stop();

  let now = 0;
  const times: number[] = [];
  const queue = new ConversationSendQueue({
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  });
  await Promise.all(
    Array.from({ length: POSTS }, () =>
      queue.enqueue('c', async () => {
        times.push(now);
      }),
    ),
  );
  const floorSeconds = Math.floor((POSTS - 1) / 60) * 30;

  console.log('Teams posting (real Teams SDK + TeamsSink + IdempotentPoster, loopback fake connector, SQLite):');
  console.log(`  one persona card, end to end     ${perPost.toFixed(2)} ms/post   (${POSTS} posts)`);
  console.log(
    `  baseline: bare HTTP round trip   ${bare.toFixed(2)} ms/post   → Troupe + SDK overhead ${(perPost - bare).toFixed(2)} ms`,
  );
  console.log(
    `Pacing under Teams limits (7 per 1 s, 60 per 30 s), ${POSTS} posts to one conversation, simulated clock:`,
  );
  console.log(`  last post leaves at              ${(times.at(-1)! / 1000).toFixed(1)} s`);
  console.log(
    `  baseline: floor the limits allow ${floorSeconds.toFixed(1)} s   (Slack's 1/s queue would take ${POSTS - 1} s)`,
  );
} finally {
  await connector.stop();
  await store.close();
  await rm(dir, { recursive: true, force: true });
}
