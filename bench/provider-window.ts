/**
 * Provider windows the client is not told about: the request pattern of a 12-persona `/panel create`
 * (one sampling call, then twelve persona calls, eight at a time) followed by a 12-persona poll, through
 * the production stack (Retrying(OpenAI-compatible + RequestGate), no LLM_RPM/LLM_TPM configured) against
 * the fake OpenAI server with a 12-requests-per-minute window, in two guises:
 *   - it sends OpenAI's x-ratelimit-* headers;
 *   - it sends none, and its 429s say `Retry-After: 1` while its window is really 60 s.
 * Time is scaled (one simulated minute = 6 real seconds). Prints answers completed and the share of
 * requests answered 429 beside the figures measured before (#14).
 *
 *   npx tsx bench/provider-window.ts
 */
import OpenAI from 'openai';
import { z } from 'zod';
import { scaledClock } from '../engine/llm/clock.js';
import { OpenAICompatibleModel } from '../engine/llm/openai-compatible-model.js';
import { RequestGate } from '../engine/llm/request-gate.js';
import { RetryingModel } from '../engine/llm/retrying-model.js';
import { startFakeOpenAIServer } from '../test/fakes/openai-server.js';

const SCALE = 10;
const schema = z.object({ answer: z.string() });
const ask = (i: number) => ({ task: 'poll.answer', messages: [{ role: 'user' as const, content: `q ${i}` }], schema });

async function run(label: string, before: string, headers: boolean): Promise<void> {
  const fake = await startFakeOpenAIServer({
    timeScale: SCALE,
    rpmLimit: 12,
    rateLimitHeaders: headers,
    ...(headers ? {} : { retryAfterSeconds: 1 }),
    respond: () => ({ kind: 'json', value: { answer: 'ok' } }),
  });
  const clock = scaledClock(SCALE);
  const base = new OpenAICompatibleModel({
    model: 'gpt-4.1-mini',
    timeoutMs: 10_000,
    client: new OpenAI({ baseURL: fake.url, apiKey: 'bench' }),
    gate: new RequestGate({ maxConcurrency: 8, clock }),
  });
  const model = new RetryingModel(base, { clock });
  const settle = (calls: Promise<unknown>[]) =>
    Promise.allSettled(calls).then((all) => all.filter((one) => one.status === 'fulfilled').length);
  const started = clock.now();
  const sampled = await settle([model.complete(ask(0))]);
  const personas = await settle(Array.from({ length: 12 }, (_, i) => model.complete(ask(1 + i))));
  const polled = await settle(Array.from({ length: 12 }, (_, i) => model.complete(ask(100 + i))));
  const minutes = (clock.now() - started) / 60_000;
  const { chat, rateLimited } = fake.stats;
  console.log(`\n${label}`);
  console.log(`  create: sampling ${sampled}/1, personas ${personas}/12; poll answers ${polled}/12`);
  console.log(
    `  requests ${chat}, answered 429: ${rateLimited} (${((100 * rateLimited) / Math.max(1, chat)).toFixed(1)} %), ${minutes.toFixed(1)} simulated minutes`,
  );
  console.log(`  before: ${before}`);
  await fake.close();
}

console.log(
  'Provider windows not configured: 12-RPM provider, a 12-persona create + poll (goal: every answer, < 5 % 429)',
);
await run('x-ratelimit headers, no LLM_RPM', 'create completed, 4 of 30 requests answered 429', true);
await run(
  'no headers, Retry-After: 1 while the window is 60 s',
  'polls came back with 4 of 12 and 0 of 12 answers (five retries spent in ~5 s)',
  false,
);
