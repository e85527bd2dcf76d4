import type { UsageEntry, UsageStore } from '../store/ports.js';
import type { CompletionRequest, CompletionResult, LanguageModel } from './port.js';
import { DEFAULT_PRICES, estimateCostUsd, type PriceTable } from './prices.js';

/** Running figures for one task (or the total). */
export interface TaskTally {
  calls: number;
  cachedCalls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number;
}

/** In-process totals of a MeteredModel, for benches, tests and progress messages. */
export interface UsageTally {
  total: TaskTally;
  byTask: Record<string, TaskTally>;
}

export interface MeterOptions {
  /** Where each call is recorded; omit to keep only the in-process tally. */
  usageStore?: UsageStore;
  /** Override or extend the price table (USD per 1M tokens). */
  prices?: PriceTable;
  /** Tenant recorded when a request carries no attribution (default `unattributed`). */
  fallbackTenantId?: string;
}

/**
 * Records every call (tenant, job, task, model, tokens, estimated cost, cached) in the usage store
 * and in an in-process tally. Cached calls are recorded as cached with no tokens and no cost.
 *
 * @example
 *   const model = new MeteredModel(inner, { usageStore: store });
 *   await model.complete({ task: 'agent.act', messages, schema, attribution: { tenantId: 'T1', jobId: 'J9' } });
 *   model.tally.byTask['agent.act'].calls; // 1
 */
export class MeteredModel implements LanguageModel {
  readonly name: string;
  readonly offline: boolean;
  readonly embed?: (texts: string[], signal?: AbortSignal) => Promise<number[][]>;
  private readonly prices: PriceTable;
  private readonly figures: UsageTally = { total: emptyTally(), byTask: {} };

  constructor(
    private readonly inner: LanguageModel,
    private readonly options: MeterOptions = {},
  ) {
    this.name = inner.name;
    this.offline = inner.offline;
    this.prices = options.prices ?? DEFAULT_PRICES;
    if (inner.embed) this.embed = inner.embed.bind(inner);
  }

  /** A snapshot of the totals so far. */
  get tally(): UsageTally {
    return structuredClone(this.figures);
  }

  /** Clears the in-process tally (the usage store is untouched). */
  resetTally(): void {
    this.figures.total = emptyTally();
    this.figures.byTask = {};
  }

  async complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    const result = await this.inner.complete(request);
    const { usage } = result;
    const costUsd =
      usage.cached || this.offline
        ? 0
        : estimateCostUsd(result.model, usage.inputTokens, usage.outputTokens, this.prices);
    const entry: UsageEntry = {
      tenantId: request.attribution?.tenantId ?? this.options.fallbackTenantId ?? 'unattributed',
      ...(request.attribution?.jobId ? { jobId: request.attribution.jobId } : {}),
      task: request.task,
      model: result.model,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      costUsd,
      cached: usage.cached,
    };
    this.count(entry, usage.latencyMs);
    await this.options.usageStore?.recordUsage(entry);
    return result;
  }

  private count(entry: UsageEntry, latencyMs: number): void {
    this.figures.byTask[entry.task] ??= emptyTally();
    for (const tally of [this.figures.total, this.figures.byTask[entry.task]]) {
      tally.calls += 1;
      tally.cachedCalls += entry.cached ? 1 : 0;
      tally.inputTokens += entry.inputTokens;
      tally.outputTokens += entry.outputTokens;
      tally.costUsd += entry.costUsd;
      tally.latencyMs += latencyMs;
    }
  }
}

function emptyTally(): TaskTally {
  return { calls: 0, cachedCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, latencyMs: 0 };
}
