import type { UsageEntry, UsageStore } from '../store/ports.js';
import type {
  CallAttribution,
  CompletionRequest,
  CompletionResult,
  EmbedOptions,
  LanguageModel,
  ModelRoutes,
  RequestUsage,
} from './port.js';
import { DEFAULT_PRICES, estimateCostUsd, type PriceTable } from './prices.js';
import { RetryNotices } from './retry-notices.js';

/** The usage task of embedding requests (memory retrieval). */
export const EMBED_TASK = 'memory.embed';

/** Running figures for one task (or the total). */
export interface TaskTally {
  calls: number;
  cachedCalls: number;
  inputTokens: number;
  /** The part of `inputTokens` the provider served from its prompt cache. */
  cachedInputTokens: number;
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
  /** The retry announcements of the model inside, handed on to whoever shows job progress. */
  notices?: RetryNotices;
}

/**
 * Records every call (tenant, job, task, model, tokens, estimated cost, cached) in the usage store
 * and in an in-process tally. Cached calls are recorded as cached with no tokens and no cost.
 * The tokens are what the provider reported for every HTTP request the call made (first tries,
 * repairs, format fallbacks, retried attempts), summed into one entry, recorded also when the call
 * fails in the end; cached prompt tokens are priced at the cached rate. Models that make no HTTP
 * requests (offline, scripted) are recorded from the result's usage.
 *
 * @example
 *   const model = new MeteredModel(inner, { usageStore: store });
 *   await model.complete({ task: 'agent.act', messages, schema, attribution: { tenantId: 'T1', jobId: 'J9' } });
 *   model.tally.byTask['agent.act'].calls; // 1
 */
export class MeteredModel implements LanguageModel {
  readonly name: string;
  readonly offline: boolean;
  readonly embedStandIn?: LanguageModel['embedStandIn'];
  readonly embed?: LanguageModel['embed'];
  readonly routes?: ModelRoutes;
  private readonly prices: PriceTable;
  private readonly figures: UsageTally = { total: emptyTally(), byTask: {} };
  /** Where the retrying decorator inside announces its waits (a job subscribes by its id). */
  readonly notices: RetryNotices;

  constructor(
    private readonly inner: LanguageModel,
    private readonly options: MeterOptions = {},
  ) {
    this.name = inner.name;
    this.offline = inner.offline;
    if (inner.embedStandIn) this.embedStandIn = inner.embedStandIn;
    if (inner.routes) this.routes = inner.routes;
    this.prices = options.prices ?? DEFAULT_PRICES;
    this.notices = options.notices ?? new RetryNotices();
    const embed = inner.embed?.bind(inner);
    if (embed) this.embed = (texts, signal, options) => this.meteredEmbed(embed, texts, signal, options);
  }

  /** Embeddings are metered like completions: task `memory.embed`, the provider's tokens, the caller's tenant and job. */
  private async meteredEmbed(
    embed: NonNullable<LanguageModel['embed']>,
    texts: string[],
    signal: AbortSignal | undefined,
    options: EmbedOptions = {},
  ): Promise<number[][]> {
    const spent: RequestUsage[] = [];
    const call = { task: EMBED_TASK, attribution: options.attribution };
    try {
      return await embed(texts, signal, {
        ...options,
        onRequestUsage: (usage) => {
          spent.push(usage);
          options.onRequestUsage?.(usage);
        },
      });
    } finally {
      if (spent.length) await this.record(call, sumOf(spent, this.name), false, 0);
    }
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
    const spent: RequestUsage[] = [];
    const outer = request.onRequestUsage;
    const metered: CompletionRequest<T> = {
      ...request,
      onRequestUsage: (usage) => {
        spent.push(usage);
        outer?.(usage);
      },
    };
    let result: CompletionResult<T>;
    try {
      result = await this.inner.complete(metered);
    } catch (error) {
      if (spent.length) await this.record(request, sumOf(spent, this.name), false, 0);
      throw error;
    }
    const { usage } = result;
    const figures: RequestUsage = spent.length
      ? sumOf(spent, result.model)
      : {
          model: result.model,
          inputTokens: usage.cached ? 0 : usage.inputTokens,
          cachedInputTokens: usage.cached ? 0 : (usage.cachedInputTokens ?? 0),
          outputTokens: usage.cached ? 0 : usage.outputTokens,
        };
    await this.record(request, figures, usage.cached && !spent.length, usage.latencyMs);
    return result;
  }

  private async record(
    request: { task: string; attribution?: CallAttribution },
    figures: RequestUsage,
    cached: boolean,
    latencyMs: number,
  ): Promise<void> {
    const costUsd =
      cached || this.offline
        ? 0
        : estimateCostUsd(
            figures.model,
            figures.inputTokens,
            figures.outputTokens,
            this.prices,
            figures.cachedInputTokens,
          );
    const entry: UsageEntry = {
      tenantId: request.attribution?.tenantId ?? this.options.fallbackTenantId ?? 'unattributed',
      ...(request.attribution?.jobId ? { jobId: request.attribution.jobId } : {}),
      task: request.task,
      model: figures.model,
      inputTokens: figures.inputTokens,
      outputTokens: figures.outputTokens,
      cachedInputTokens: Math.min(figures.cachedInputTokens, figures.inputTokens),
      costUsd,
      cached,
    };
    this.count(entry, latencyMs);
    await this.options.usageStore?.recordUsage(entry);
  }

  private count(entry: UsageEntry, latencyMs: number): void {
    this.figures.byTask[entry.task] ??= emptyTally();
    for (const tally of [this.figures.total, this.figures.byTask[entry.task]]) {
      tally.calls += 1;
      tally.cachedCalls += entry.cached ? 1 : 0;
      tally.inputTokens += entry.inputTokens;
      tally.cachedInputTokens += entry.cachedInputTokens ?? 0;
      tally.outputTokens += entry.outputTokens;
      tally.costUsd += entry.costUsd;
      tally.latencyMs += latencyMs;
    }
  }
}

function emptyTally(): TaskTally {
  return { calls: 0, cachedCalls: 0, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, costUsd: 0, latencyMs: 0 };
}

function sumOf(requests: readonly RequestUsage[], model: string): RequestUsage {
  return {
    model: requests.at(-1)?.model ?? model,
    inputTokens: requests.reduce((sum, usage) => sum + usage.inputTokens, 0),
    cachedInputTokens: requests.reduce((sum, usage) => sum + usage.cachedInputTokens, 0),
    outputTokens: requests.reduce((sum, usage) => sum + usage.outputTokens, 0),
  };
}
