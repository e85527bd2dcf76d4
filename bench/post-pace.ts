/**
 * Posting pace on Slack: the real Bolt app (HTTP mode, signed slash commands) against the fake
 * Slack Web API, which enforces Slack's limit of one post per second per channel and answers 429
 * with `Retry-After` beyond it. A panel of 50 personas (offline model) answers one question.
 * Prints seconds from the question to the last answer ÷ (posts × the 1 s minimum interval):
 * goal <= 1.1; before #24 (progress edits waiting in the same 1/s queue as the answers) ≈ 2.0.
 * Measured twice: one message per persona (forced, as before #24) and the compact mode a panel of
 * more than 20 gets by default (5 answers per message), which also prints the seconds it takes.
 * The same figure for Discord and Teams: bench/post-pace-discord.ts and bench/post-pace-teams.ts.
 *
 *   npx tsx bench/post-pace.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LogLevel } from '@slack/bolt';
import { createSlackApp } from '../adapters/slack/index.js';
import { signSlackRequest } from '../adapters/slack/request-guard.js';
import { OfflineModel } from '../engine/llm/offline/offline-model.js';
import { allOfflineResponders } from '../engine/llm/offline/all-responders.js';
import { openStore } from '../prisma/index.js';
import { FakeSlack, type SlackCall } from '../test/fakes/slack-server.js';

const PERSONAS = 50;
const MIN_INTERVAL_MS = 1000;
const BEFORE = 2.0;
const SECRET = 'bench-signing-secret';

async function measure(mode: 'per-persona' | 'compact') {
  const dir = await mkdtemp(path.join(tmpdir(), 'troupe-post-pace-'));
  const store = await openStore({ databaseUrl: `file:${path.join(dir, 'troupe.db')}` });
  const slack = await FakeSlack.start({ postIntervalMs: MIN_INTERVAL_MS });
  const app = createSlackApp({
    store,
    model: new OfflineModel({ responders: allOfflineResponders() }),
    limits: { maxPanelSize: PERSONAS, maxConcurrentJobs: 3 },
    mode: 'http',
    botToken: 'xoxb-bench',
    signingSecret: SECRET,
    apiUrl: slack.apiUrl,
    port: 0,
    host: '127.0.0.1',
    logLevel: LogLevel.ERROR,
    log: () => undefined,
    serviceOptions: mode === 'per-persona' ? { compactAnswersAbove: Number.POSITIVE_INFINITY } : {},
  });
  await app.start();

  const command = async (text: string) => {
    const body = new URLSearchParams({
      team_id: slack.teamId,
      channel_id: 'C1',
      user_id: 'U1',
      command: '/panel',
      text,
      trigger_id: 'trigger-1',
      response_url: 'http://127.0.0.1:1/response',
    }).toString();
    const response = await fetch(`http://127.0.0.1:${app.port}/slack/events`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...signSlackRequest(SECRET, body, Math.floor(Date.now() / 1000)),
      },
    });
    if (response.status !== 200) throw new Error(`slash command answered ${response.status}`);
  };

  try {
    await command(`create ${PERSONAS} commuters in Leeds`);
    await app.whenIdle();
    const callsBefore = slack.calls.length;
    const limitedBefore = slack.rateLimitedPosts;
    const asked = Date.now();
    await command('ask Would you pay for a live bus-crowding map?');
    await app.whenIdle();
    const calls = slack.calls.slice(callsBefore);
    const posts = calls.filter((call) => call.method === 'chat.postMessage' && accepted(call));
    const answers = posts.filter((call) =>
      mode === 'compact'
        ? String(call.args.blocks ?? '').includes('synthetic persona')
        : typeof call.args.username === 'string',
    );
    const last = answers.at(-1);
    if (!last) throw new Error('no persona answered');
    const seconds = (last.at - asked) / 1000;
    const postsUntilLast = posts.filter((call) => call.at <= last.at).length;
    const ratio = seconds / ((postsUntilLast * MIN_INTERVAL_MS) / 1000);
    const edits = calls.filter((call) => call.method === 'chat.update').length;
    console.log(
      `  ${mode}: ${answers.length} answer messages in ${postsUntilLast} posts (question and acknowledgement included) over ${seconds.toFixed(1)} s; ` +
        `${edits} progress edits (chat.update, own lane); ${slack.rateLimitedPosts - limitedBefore} posts answered 429`,
    );
    return { ratio, seconds };
  } finally {
    await app.stop();
    await slack.stop();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const accepted = (call: SlackCall) => (call.result as { ok?: boolean } | undefined)?.ok === true;

console.log(`post-pace: Slack, ${PERSONAS} personas, one question, fake enforces 1 post/s per channel (429 beyond)`);
const full = await measure('per-persona');
const compact = await measure('compact');
console.log(
  `RESULT post-pace Slack seconds/(posts × 1 s) = ${full.ratio.toFixed(2)} one message per persona (goal <= 1.1; before #24 ≈ ${BEFORE.toFixed(1)})`,
);
console.log(
  `RESULT post-pace Slack compact mode (default above 20 personas): ${compact.ratio.toFixed(2)} per post slot; last answer after ${compact.seconds.toFixed(1)} s instead of ${full.seconds.toFixed(1)} s`,
);
