import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JobRunner } from '../../commands/jobs/job-runner.js';
import { IdempotentPoster } from '../../commands/jobs/poster.js';
import { showRetries } from '../../commands/jobs/retry-progress.js';
import { loadConfig } from '../../config.js';
import { createLanguageModel } from '../../engine/llm/create-model.js';
import { MemoryStore } from '../../engine/store/memory-store.js';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../fakes/openai-server.js';
import { CONVERSATION, RecordingSink } from './harness.js';

describe("a job's progress while its calls are retried", () => {
  let fake: FakeOpenAIServer;
  beforeAll(async () => {
    fake = await startFakeOpenAIServer();
  });
  afterAll(() => fake.close());

  it('says "rate limited by the provider, retrying in 20 s" on the progress message', async () => {
    const store = new MemoryStore();
    const sink = new RecordingSink();
    const config = loadConfig({ LLM_API_KEY: 'sk-test', LLM_BASE_URL: fake.url });
    // Virtual time: every wait (the backoff, the gate's pause after the 429) passes at once.
    let time = 0;
    const clock = {
      now: () => time,
      sleep: async (ms: number) => {
        time += Math.max(0, ms);
      },
    };
    const model = createLanguageModel(config, { clock });
    fake.enqueue(
      { kind: 'error', status: 429, headers: { 'retry-after': '20' } },
      { kind: 'json', value: { answer: 'yes' } },
    );
    const runner = new JobRunner({
      jobs: store,
      poster: new IdempotentPoster(store, sink),
      maxConcurrentJobs: 1,
      hooks: { started: (job, context) => showRetries(model.notices, job.id, context.annotate!) },
      kinds: [
        {
          kind: 'demo',
          input: z.object({}),
          resumable: false,
          describe: () => 'Asking the panel',
          async run(context) {
            await context.progress(0, 1, 'Asking the panel');
            await model.complete({
              task: 'poll.answer',
              messages: [{ role: 'user', content: 'Would you pay?' }],
              schema: z.object({ answer: z.string() }),
              attribution: { tenantId: 'T1', jobId: context.job.id },
            });
            await context.progress(1, 1, 'Asking the panel');
          },
        },
      ],
    });
    await runner.start('demo', {}, CONVERSATION);
    await runner.whenIdle();
    const progress = sink.posts.filter((entry) => entry.reply.kind === 'progress').map((entry) => entry.reply);
    const texts = progress.map((reply) => ('text' in reply ? reply.text : ''));
    expect(texts).toContain('Asking the panel — 0/1 — rate limited by the provider, retrying in 20 s');
    // The note passes: the next update and the final message do not carry it.
    expect(texts.at(-1)).not.toContain('retrying');
    expect(new Set(progress.map((reply) => reply.kind === 'progress' && reply.progressKey)).size).toBe(1);
  });
});
