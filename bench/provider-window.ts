/**
 * Provider windows the client is not told about: the request pattern of a 12-persona `/panel create`
 * (one sampling call, then twelve persona calls, eight at a time) followed by a 12-persona poll, through
 * the production stack (Retrying(OpenAI-compatible + RequestGate), no LLM_RPM/LLM_TPM configured) against
 * the fake OpenAI server, in three guises:
 *   - a 12-per-minute window, with OpenAI's x-ratelimit-* headers;
 *   - a 12-per-minute window, no headers, and 429s that say `Retry-After: 1` (a lie: the window is 60 s);
 *   - an honest one: 4 requests per second, no headers, `Retry-After: 1` (true).
 * Time is virtual (the gate, the retries and the fake share one clock that stands still while a request is
 * on the wire), so the figures are the same on any machine. Prints answers completed, the share of requests
 * answered 429 and the simulated time to finish, beside the figures measured before (#14).
 *
 *   npx tsx bench/provider-window.ts
 */
import OpenAI from 'openai';
import { z } from 'zod';
import { OpenAICompatibleModel } from '../engine/llm/openai-compatible-model.js';
import { RequestGate } from '../engine/llm/request-gate.js';
import { RetryingModel } from '../engine/llm/retrying-model.js';
import { VirtualClock } from '../test/engine/llm/virtual-clock.js';
import { type FakeOpenAIOptions, startFakeOpenAIServer } from '../test/fakes/openai-server.js';

interface Scenario {
  label: string;
  provider: FakeOpenAIOptions;
  before: string;
}

const scenarios: Scenario[] = [
  {
    label: '12/min, x-ratelimit headers',
    provider: { rpmLimit: 12, rateLimitHeaders: true },
    before: 'first: 4/30 429; last stop: 25/25, 0/25 429',
  },
  {
    label: '12/min, no headers, Retry-After: 1 (a lie)',
    provider: { rpmLimit: 12, retryAfterSeconds: 1 },
    before: 'first: polls 4/12 and 0/12; last stop: 25/25, 2/27 429 (7.4 %)',
  },
  {
    label: '4/s, no headers, Retry-After: 1 (true)',
    provider: { rpmLimit: 4, rateWindowMs: 1_000, retryAfterSeconds: 1 },
    before: 'old rule: 25/25, 20/45 429 (44.4 %), 122.4 s',
  },
];

const schema = z.object({ answer: z.string() });
const ask = (i: number) => ({ task: 'poll.answer', messages: [{ role: 'user' as const, content: `q ${i}` }], schema });

async function run(scenario: Scenario): Promise<string[]> {
  const clock = new VirtualClock();
  const fake = await startFakeOpenAIServer({
    ...scenario.provider,
    now: clock.now,
    respond: () => ({ kind: 'json', value: { answer: 'ok' } }),
  });
  const base = new OpenAICompatibleModel({
    model: 'gpt-4.1-mini',
    timeoutMs: 10_000,
    client: new OpenAI({ baseURL: fake.url, apiKey: 'bench', fetch: clock.fetch }),
    gate: new RequestGate({ maxConcurrency: 8, clock }),
  });
  const model = new RetryingModel(base, { clock });
  const settle = (calls: Promise<unknown>[]) =>
    Promise.allSettled(calls).then((all) => all.filter((one) => one.status === 'fulfilled').length);
  const sampled = await settle([model.complete(ask(0))]);
  const personas = await settle(Array.from({ length: 12 }, (_, i) => model.complete(ask(1 + i))));
  const polled = await settle(Array.from({ length: 12 }, (_, i) => model.complete(ask(100 + i))));
  const { chat, rateLimited } = fake.stats;
  await fake.close();
  return [
    scenario.label,
    `${sampled + personas + polled}/25`,
    `${rateLimited}/${chat}`,
    `${((100 * rateLimited) / Math.max(1, chat)).toFixed(1)} %`,
    `${(clock.now() / 1000).toFixed(1)} s`,
    scenario.before,
  ];
}

const header = ['provider', 'answers', '429s', 'share', 'time', 'before'];
const rows = [header];
for (const scenario of scenarios) rows.push(await run(scenario));
const widths = header.map((_, column) => Math.max(...rows.map((row) => row[column].length)));
console.log('A 12-persona create + poll, no LLM_RPM/LLM_TPM configured (goal: 25/25 answers, < 5 % answered 429)\n');
for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column])).join('  '));
