/**
 * Posting pace on Discord: the real discord.js bot against the fake Discord, which enforces the
 * webhook bucket (5 executions per 2 s per webhook, with Discord's rate-limit headers and a 429
 * beyond). A panel of 50 personas (offline model) answers one question, one webhook post per
 * persona. Prints seconds from the question to the last answer ÷ (persona posts × the 0.4 s
 * minimum interval) — the figure bench/post-pace.ts prints for Slack.
 *
 *   npx tsx bench/post-pace-discord.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDiscordBot } from '../adapters/discord/index.js';
import { allOfflineResponders } from '../engine/llm/offline/all-responders.js';
import { OfflineModel } from '../engine/llm/offline/offline-model.js';
import { openStore } from '../prisma/index.js';
import { FakeDiscord } from '../test/fakes/discord-server.js';

const PERSONAS = 50;
const MIN_INTERVAL_MS = 400;
/** Measured with the same bench before progress edits had their own lane (53 edits, each in the thread's send queue). */
const BEFORE = 1.0;

const dir = await mkdtemp(path.join(tmpdir(), 'troupe-post-pace-discord-'));
const store = await openStore({ databaseUrl: `file:${path.join(dir, 'troupe.db')}` });
const discord = await FakeDiscord.start({ webhookLimit: { max: 5, ms: 2000 } });
const bot = createDiscordBot({
  store,
  model: new OfflineModel({ responders: allOfflineResponders() }),
  limits: { maxPanelSize: PERSONAS, maxConcurrentJobs: 3 },
  token: discord.token,
  applicationId: discord.applicationId,
  apiUrl: discord.apiUrl,
  log: () => undefined,
  serviceOptions: { compactAnswersAbove: Number.POSITIVE_INFINITY },
});

/** A /panel subcommand as a slash interaction; resolves once Troupe has handled it and gone idle. */
async function panel(sub: string, values: Record<string, string | number>): Promise<void> {
  const options = Object.entries(values).map(([name, value]) => ({
    name,
    type: typeof value === 'number' ? 4 : 3,
    value,
  }));
  const payload = discord.interaction({
    type: 2,
    guildId: '100',
    channelId: '110',
    data: { id: '1', name: 'panel', type: 1, options: [{ name: sub, type: 1, options }] },
  });
  for (let i = 0; i < 1000 && !discord.callbacks.some((callback) => callback.interactionId === payload.id); i++)
    await new Promise((resolve) => setTimeout(resolve, 10));
  await bot.whenIdle();
}

try {
  await bot.start();
  await panel('create', { count: PERSONAS, description: 'commuters in Leeds' });
  const callsBefore = discord.calls.length;
  const asked = Date.now();
  await panel('ask', { question: 'Would you pay for a live bus-crowding map?' });
  const calls = discord.calls.slice(callsBefore);
  const hooks = new Set(discord.webhooks.map((hook) => hook.id));
  const answers = discord.messages.filter((message) => message.webhook_id && hooks.has(message.webhook_id));
  const last = answers.at(-1);
  if (!last || answers.length < PERSONAS) throw new Error(`only ${answers.length} personas answered`);
  const executions = calls.filter((call) => call.method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(call.route));
  const lastAt = Math.max(...executions.map((call) => call.at));
  const seconds = (lastAt - asked) / 1000;
  const ratio = seconds / ((answers.length * MIN_INTERVAL_MS) / 1000);
  const edits = calls.filter((call) => call.method === 'PATCH').length;
  console.log(
    `post-pace: Discord, ${PERSONAS} personas, one question, fake enforces the webhook bucket (5 per 2 s, 429 beyond)`,
  );
  console.log(
    `  per-persona: ${answers.length} webhook posts over ${seconds.toFixed(1)} s; ${edits} progress edits (PATCH, own lane); ` +
      `${discord.webhookRejected} webhook posts answered 429; ${executions.length} webhook requests`,
  );
  console.log(
    `RESULT post-pace Discord seconds/(posts × 0.4 s) = ${ratio.toFixed(2)} one message per persona (before #24 ≈ ${BEFORE.toFixed(2)}; floor of a 5-per-2 s fixed window ≈ ${(((Math.ceil(answers.length / 5) - 1) * 2) / (answers.length * 0.4)).toFixed(2)}; Slack goal <= 1.1)`,
  );
} finally {
  await bot.stop();
  await discord.stop();
  await store.close();
  await rm(dir, { recursive: true, force: true });
}
