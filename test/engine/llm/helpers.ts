import OpenAI from 'openai';
import type { LlmCacheStore, UsageEntry, UsageStore, UsageSummary } from '../../../engine/store/ports.js';
import {
  OpenAICompatibleModel,
  type OpenAICompatibleModelOptions,
} from '../../../engine/llm/openai-compatible-model.js';
import type { FakeOpenAIServer } from '../../fakes/openai-server.js';

/** A Map-backed LlmCacheStore that counts reads and writes. */
export class MemoryCacheStore implements LlmCacheStore {
  readonly entries = new Map<string, string>();
  reads = 0;
  writes = 0;
  async getCached(key: string): Promise<string | undefined> {
    this.reads++;
    return this.entries.get(key);
  }
  async putCached(key: string, value: string): Promise<void> {
    this.writes++;
    this.entries.set(key, value);
  }
}

/** A UsageStore keeping entries in an array. */
export class MemoryUsageStore implements UsageStore {
  readonly entries: UsageEntry[] = [];
  async recordUsage(entry: UsageEntry): Promise<void> {
    this.entries.push(entry);
  }
  async summarizeUsage(tenantId: string, filter?: { jobId?: string }): Promise<UsageSummary> {
    const rows = this.entries.filter((e) => e.tenantId === tenantId && (!filter?.jobId || e.jobId === filter.jobId));
    const summary: UsageSummary = {
      calls: 0,
      cachedCalls: 0,
      inputTokens: 0,
      cachedInputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
      byTask: {},
    };
    for (const row of rows) {
      summary.calls++;
      summary.cachedCalls += row.cached ? 1 : 0;
      summary.inputTokens += row.inputTokens;
      summary.cachedInputTokens += row.cachedInputTokens ?? 0;
      summary.outputTokens += row.outputTokens;
      summary.costUsd += row.costUsd;
    }
    return summary;
  }
}

/** The real model with the real `openai` client, pointed at the fake. */
export function modelFor(
  fake: FakeOpenAIServer,
  options: Partial<OpenAICompatibleModelOptions> = {},
): OpenAICompatibleModel {
  return new OpenAICompatibleModel({
    model: 'gpt-4.1-mini',
    timeoutMs: 2_000,
    client: new OpenAI({ baseURL: fake.url, apiKey: 'test-key' }),
    ...options,
  });
}

/** A clock tests move by hand: sleeps resolve when `advance` passes their deadline. */
export class ManualClock {
  private time = 0;
  private sleepers: Array<{ at: number; resolve: () => void }> = [];
  readonly sleeps: number[] = [];
  now = (): number => this.time;
  sleep = (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => this.sleepers.push({ at: this.time + ms, resolve }));
  };
  /** Moves time forward, waking sleepers in deadline order and letting their work run. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await flush();
      this.sleepers.sort((a, b) => a.at - b.at);
      const next = this.sleepers[0];
      if (!next || next.at > end) break;
      this.sleepers.shift();
      this.time = next.at;
      next.resolve();
    }
    this.time = end;
    await flush();
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
  await new Promise((resolve) => setImmediate(resolve));
}
