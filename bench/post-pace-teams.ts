/**
 * Posting pace on Teams: the real Teams SDK app against the fake Bot Framework connector, which
 * enforces Teams' per-conversation limit of 7 sends per second (429 with `Retry-After` beyond; the
 * app's own send queue paces 7/1 s and 60/30 s). A panel of 50 personas (offline model) answers
 * one question in a new reply chain, one card per persona. Prints seconds from the question to
 * the last answer ÷ (sends in the chain × the 1/7 s minimum interval) — the figure
 * bench/post-pace.ts prints for Slack.
 *
 *   npx tsx bench/post-pace-teams.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTeamsApp } from '../adapters/teams/index.js';
import { allOfflineResponders } from '../engine/llm/offline/all-responders.js';
import { OfflineModel } from '../engine/llm/offline/offline-model.js';
import { openStore } from '../prisma/index.js';
import { FakeConnector } from '../test/fakes/bot-connector.js';
import { signJwt } from '../test/fakes/bot-jwks.js';

const PERSONAS = 50;
const MIN_INTERVAL_MS = 1000 / 7;
/** Measured with the same bench before progress updates had their own lane (52 updates sharing the 7/1 s and 60/30 s slots). */
const BEFORE = 4.05;
const CHANNEL = '19:general@thread.tacv2';
const BOT = { id: '28:bench-bot', name: 'Troupe' };

const dir = await mkdtemp(path.join(tmpdir(), 'troupe-post-pace-teams-'));
const store = await openStore({ databaseUrl: `file:${path.join(dir, 'troupe.db')}` });
const connector = await FakeConnector.start({ sendLimit: { max: 7, ms: 1000 } });
const teams = createTeamsApp({
  store,
  model: new OfflineModel({ responders: allOfflineResponders() }),
  limits: { maxPanelSize: PERSONAS, maxConcurrentJobs: 3 },
  allowAnonymous: true,
  token: async () => signJwt(undefined, { aud: 'https://api.botframework.com', exp: 4_102_444_800 }),
  port: 0,
  host: '127.0.0.1',
  log: () => undefined,
  serviceOptions: { compactAnswersAbove: Number.POSITIVE_INFINITY },
});

let counter = 0;
/** `@Troupe <text>` posted in the channel, as the connector delivers it; resolves once Troupe is idle. */
async function mention(text: string): Promise<void> {
  const id = String(1_700_000_000_000 + ++counter);
  const activity = {
    type: 'message',
    id,
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: '29:u1', name: 'Pat Asker', aadObjectId: 'aad-u1' },
    recipient: BOT,
    conversation: { id: `${CHANNEL};messageid=${id}`, conversationType: 'channel', tenantId: 'bench', isGroup: true },
    channelData: { tenant: { id: 'bench' }, channel: { id: CHANNEL }, team: { id: '19:team@thread.tacv2' } },
    text: `<at>Troupe</at> ${text}`,
    entities: [{ type: 'mention', text: '<at>Troupe</at>', mentioned: BOT }],
  };
  const response = await fetch(`http://127.0.0.1:${teams.port}/api/messages`, {
    method: 'POST',
    body: JSON.stringify(activity),
    headers: { 'content-type': 'application/json' },
  });
  if (response.status !== 200) throw new Error(`the activity was answered ${response.status}`);
  await teams.whenIdle();
}

try {
  await teams.start();
  await mention(`panel create ${PERSONAS} commuters in Leeds`);
  const callsBefore = connector.calls.length;
  const asked = Date.now();
  await mention('Would you pay for a live bus-crowding map?');
  const created = connector.accepted('create-conversation').at(-1);
  if (!created) throw new Error('no reply chain was opened');
  const chain = String(created.result!.id);
  const calls = connector.calls.slice(callsBefore);
  const sends = calls.filter((call) => call.method === 'send' && call.conversationId === chain && call.status < 300);
  const answers = connector.conversation(chain).filter((held) => String(held.activity.summary).includes(': '));
  if (answers.length < PERSONAS) throw new Error(`only ${answers.length} personas answered`);
  const seconds = (sends.at(-1)!.at - asked) / 1000;
  const ratio = seconds / ((sends.length * MIN_INTERVAL_MS) / 1000);
  const updates = calls.filter((call) => call.method === 'update').length;
  console.log(
    `post-pace: Teams, ${PERSONAS} personas, one question, fake enforces 7 sends/s per conversation (429 beyond)`,
  );
  console.log(
    `  per-persona: ${answers.length} answer cards in ${sends.length} sends to the chain over ${seconds.toFixed(1)} s; ` +
      `${updates} progress updates (own lane); ${connector.paceRejected} sends answered 429`,
  );
  console.log(
    `RESULT post-pace Teams seconds/(posts × 1/7 s) = ${ratio.toFixed(2)} one message per persona (before #24 ≈ ${BEFORE.toFixed(2)}; Slack goal <= 1.1)`,
  );
} finally {
  await teams.stop();
  await connector.stop();
  await store.close();
  await rm(dir, { recursive: true, force: true });
}
