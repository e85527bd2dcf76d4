/**
 * LLM throughput under a provider RPM cap: a steady load through Retrying(Limited(OpenAI-compatible))
 * against the fake OpenAI server, which answers 429 beyond its cap (sliding 60 s window). Time is
 * scaled so a simulated minute lasts a few real seconds. Prints achieved requests/min as a share
 * of the cap and the share of calls that hit 429; a second run without RPM pacing shows the contrast.
 *
 *   npx tsx bench/llm-throughput.ts
 */
import { setMaxListeners } from 'node:events';
import OpenAI from 'openai';
import { z } from 'zod';
import { CancelledError } from '../engine/errors.js';
import { scaledClock } from '../engine/llm/clock.js';
import { LimitedModel } from '../engine/llm/limited-model.js';
import { OpenAICompatibleModel } from '../engine/llm/openai-compatible-model.js';
import { RequestGate } from '../engine/llm/request-gate.js';
import { RetryingModel } from '../engine/llm/retrying-model.js';
import { startFakeOpenAIServer } from '../test/fakes/openai-server.js';

// Compressing time also magnifies scheduling jitter (x scale), so keep it moderate.
const TIME_SCALE = 12; // one simulated minute = 5 real seconds
const RPM_CAP = 120;
const LATENCY_REAL_MS = 50; // 0.6 simulated seconds per call
const WORKERS = 32; // offered load far above the cap, so the limiter is what binds
const schema = z.object({ answer: z.string() });

interface RunFigures {
  label: string;
  minutes: number;
  completed: number;
  httpCalls: number;
  rateLimited: number;
  failed: number;
}

/**
 * `per-call`: the old stack, one limiter slot per complete() (Retrying(Limited(provider))).
 * `per-request`: the production stack, the provider's RequestGate admits every HTTP request.
 * With `repairs`, every first answer is junk, so each call sends a repair request too.
 */
async function run(
  label: string,
  minutes: number,
  pace: boolean,
  options: { limiter?: 'per-call' | 'per-request'; repairs?: boolean } = {},
): Promise<RunFigures> {
  const fake = await startFakeOpenAIServer({
    latencyMs: LATENCY_REAL_MS,
    rpmLimit: RPM_CAP,
    timeScale: TIME_SCALE,
    respond: (body) =>
      options.repairs && !body.messages.at(-1)?.content.includes('could not be used')
        ? { kind: 'text', text: 'let me think', usage: { prompt_tokens: 40, completion_tokens: 4 } }
        : {
            kind: 'json',
            value: { answer: `echo ${body.messages.at(-1)?.content}` },
            usage: { prompt_tokens: 40, completion_tokens: 8 },
          },
  });
  const clock = scaledClock(TIME_SCALE);
  const limits = { maxConcurrency: 16, rpm: pace ? RPM_CAP : undefined, clock };
  const perRequest = options.limiter === 'per-request';
  const base = new OpenAICompatibleModel({
    model: 'gpt-4.1-mini',
    timeoutMs: 10_000,
    client: new OpenAI({ baseURL: fake.url, apiKey: 'bench' }),
    ...(perRequest ? { gate: new RequestGate(limits) } : {}),
  });
  const limited = perRequest ? base : new LimitedModel(base, limits);
  const model = new RetryingModel(limited, { maxAttempts: 8, clock });

  const end = minutes * 60_000;
  const stop = new AbortController();
  // Every in-flight call listens on the shared stop signal.
  setMaxListeners(WORKERS * 16, stop.signal);
  const timer = setTimeout(() => stop.abort(), end / TIME_SCALE);
  let completed = 0;
  let failed = 0;
  const worker = async (id: number) => {
    for (let i = 0; !stop.signal.aborted; i++) {
      try {
        await model.complete({
          task: 'bench.answer',
          messages: [{ role: 'user', content: `question ${id}-${i}` }],
          schema,
          signal: stop.signal,
        });
        if (clock.now() <= end) completed++;
      } catch (error) {
        if (!(error instanceof CancelledError)) failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, (_, id) => worker(id)));
  clearTimeout(timer);
  const figures = {
    label,
    minutes,
    completed,
    httpCalls: fake.stats.chat,
    rateLimited: fake.stats.rateLimited,
    failed,
  };
  await fake.close();
  return figures;
}

function print(f: RunFigures): void {
  const perMinute = f.completed / f.minutes;
  console.log(`\n${f.label}`);
  console.log(`  simulated minutes       ${f.minutes} (${((f.minutes * 60) / TIME_SCALE).toFixed(1)} s real)`);
  console.log(`  completed calls         ${f.completed}`);
  console.log(
    `  achieved requests/min   ${perMinute.toFixed(1)} of cap ${RPM_CAP}  ->  ${(perMinute / RPM_CAP).toFixed(3)} of the cap`,
  );
  console.log(
    `  HTTP calls / 429s       ${f.httpCalls} / ${f.rateLimited}  ->  ${((100 * f.rateLimited) / Math.max(1, f.httpCalls)).toFixed(2)}% hit 429`,
  );
  console.log(`  calls failed after retries  ${f.failed}`);
}

console.log(
  `LLM throughput bench: cap ${RPM_CAP} RPM, time scale x${TIME_SCALE}, ${WORKERS} workers, concurrency 16, latency ${LATENCY_REAL_MS * TIME_SCALE} ms simulated`,
);
print(
  await run('Paced: Retrying(provider + RequestGate{rpm: cap}) — the production stack', 3.5, true, {
    limiter: 'per-request',
  }),
);
print(await run('Unpaced baseline: Retrying(Limited{concurrency only})', 1, false));
print(
  await run('With repairs, before: Retrying(Limited{rpm: cap}) — one slot per complete()', 2, true, { repairs: true }),
);
print(
  await run('With repairs, after: provider + RequestGate{rpm: cap} — one slot per HTTP request', 2, true, {
    limiter: 'per-request',
    repairs: true,
  }),
);
