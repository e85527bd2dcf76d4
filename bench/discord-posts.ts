/**
 * Discord persona posts: 30 answers posted through the real discord.js REST manager and Troupe's
 * webhook + per-thread send queue against the loopback fake, first with no rate limits (the
 * baseline), then with a 429 storm (every third webhook request answered 429, retry_after 50 ms).
 * Prints wall time, REST requests, posts per second and whether Discord shows them in order.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDiscordBot } from '../adapters/discord/index.js';
import { OfflineModel } from '../engine/llm/offline/offline-model.js';
import { openStore } from '../prisma/index.js';
import { FakeDiscord } from '../test/fakes/discord-server.js';

const POSTS = 30;

async function run(label: string, storm: boolean): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'troupe-bench-discord-'));
  const store = await openStore({ databaseUrl: `file:${path.join(dir, 'bench.db')}` });
  const discord = await FakeDiscord.start({ guilds: [{ id: '100', channels: ['110'] }] });
  const bot = createDiscordBot({
    store,
    model: new OfflineModel({ responders: {} }),
    limits: { maxPanelSize: 50, maxConcurrentJobs: 3 },
    token: 'test-token',
    applicationId: discord.applicationId,
    apiUrl: discord.apiUrl,
    log: () => undefined,
  });
  await store.ensureTenant({ id: 'discord:100', platform: 'discord' });
  const conversation = { tenantId: 'discord:100', channelKey: '110', userId: '700' };
  // Create the webhook first so both runs measure posts only.
  await bot.sink.post(conversation, { kind: 'text', text: 'warm-up', speaker: { kind: 'persona', name: 'Warm' } });
  let webhookRequests = 0;
  if (storm)
    discord.rateLimitNext(
      POSTS,
      (call) => call.method === 'POST' && /^\/webhooks\/\d+\/wtoken/.test(call.route) && ++webhookRequests % 3 === 0,
      0.05,
    );
  const before = discord.calls.length;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: POSTS }, (_, index) =>
      bot.sink.post(conversation, {
        kind: 'text',
        text: `Answer ${index + 1}`,
        speaker: { kind: 'persona', name: `Persona ${index % 5}` },
      }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const shown = discord
    .messagesIn('110')
    .filter((message) => message.content.startsWith('Answer'))
    .map((message) => Number(/Answer (\d+)/.exec(message.content)?.[1]));
  const inOrder = shown.every((value, index) => value === index + 1);
  await bot.stop();
  await discord.stop();
  await store.close();
  await rm(dir, { recursive: true, force: true });
  return `${label.padEnd(28)} ${seconds.toFixed(2).padStart(6)} s  ${String(discord.calls.length - before).padStart(3)} requests  ${(POSTS / seconds).toFixed(1).padStart(6)} posts/s  429s ${String(discord.rateLimited).padStart(2)}  delivered ${shown.length}/${POSTS}  in order: ${inOrder ? 'yes' : 'NO'}`;
}

console.log(await run('baseline (no rate limits)', false));
console.log(await run('429 storm (every 3rd, 50 ms)', true));
