import { ConfigError } from '../errors.js';
import type { LlmCacheStore, UsageStore } from '../store/ports.js';
import { CachingModel } from './caching-model.js';
import type { Clock } from './clock.js';
import { MeteredModel, type MeterOptions } from './metered-model.js';
import type { CompactProfileTask } from '../agent/compact-profile/tasks.js';
import { SMALL_MODEL_TASKS } from './model-routes.js';
import { OpenAICompatibleModel, type PromptCacheKeyMode } from './openai-compatible-model.js';
import { RoutedModel } from './routed-model.js';
import type { LanguageModel } from './port.js';
import type { PriceTable } from './prices.js';
import { RequestGate } from './request-gate.js';
import { RetryNotices } from './retry-notices.js';
import { RetryingModel, type RetryOptions } from './retrying-model.js';

/** The LLM part of the app configuration (`AppConfig.llm` in `config.ts` fits it). */
export interface LlmSettings {
  provider: 'openai' | 'offline';
  baseURL?: string;
  apiKey?: string;
  model: string;
  /** `LLM_MODEL_SMALL`: serves judges, consolidation, extraction chunks and compact-profile writing. */
  smallModel?: string;
  /** `LLM_PROMPT_CACHE_KEY`: send OpenAI's `prompt_cache_key` (`auto`, dropped if rejected) or never (`off`). */
  promptCacheKey?: PromptCacheKeyMode;
  /** `LLM_COMPACT_PROFILE`: the cheap tasks that read the compact profile instead of the full spec. */
  compactProfile?: readonly CompactProfileTask[];
  embeddingModel?: string;
  /** OpenAI's `dimensions` for embeddings; `native` sends none; default 512 for text-embedding-3-*, none otherwise. */
  embeddingDimensions?: number | 'native';
  maxConcurrency: number;
  rpm?: number;
  tpm?: number;
  timeoutMs: number;
  cache: boolean;
}

export interface ModelDependencies {
  /** Response cache; caching is skipped without it or when `cache` is off. */
  cacheStore?: LlmCacheStore;
  usageStore?: UsageStore;
  /**
   * Builds the model for `provider: 'offline'`. The composition root passes the demo model
   * (`() => new OfflineModel({ responders: allOfflineResponders() })` from `engine/llm/offline/`);
   * the engine itself never imports it.
   */
  offline?: () => LanguageModel;
  prices?: PriceTable;
  /** Overrides for tests and benches. */
  retry?: RetryOptions;
  clock?: Clock;
  fallbackTenantId?: MeterOptions['fallbackTenantId'];
  /** Where retries are announced, so a job's progress can say "rate limited by the provider, retrying in 20 s". */
  notices?: RetryNotices;
}

/**
 * Builds the app's model from configuration:
 *
 *   Metered( Caching( Retrying( provider + RequestGate )))
 *   Metered( Routed( Caching( Retrying( LLM_MODEL … )), Caching( Retrying( LLM_MODEL_SMALL … )) ))  with a small model
 *
 * - Metered is outermost so it sees every call the engine makes, cache hits included (recorded as
 *   cached, no tokens, no cost), and records each call once with the usage the provider reported for
 *   every HTTP request it took (repairs, fallbacks and retried attempts included).
 * - Caching sits outside retry and limits: a hit must not wait for a rate-limit slot or a backoff.
 * - Retrying is outside the gate, so a backoff sleep does not hold a concurrency slot; it gives up on
 *   a time budget, not a count, and announces each wait on `notices`.
 * - The gate sits inside the provider and admits every HTTP request (so `LLM_RPM`/`LLM_TPM` describe
 *   real requests) and paces from the provider's `x-ratelimit-*` headers even when those are unset.
 * - Routed (only with `LLM_MODEL_SMALL`) sends judges, consolidation, extraction chunks and compact-profile
 *   writing to the small model; both share one gate, and each has its own response-cache keys (the model name).
 * The offline model gets caching and metering too, so the local chat behaves like production.
 * Returns the MeteredModel, whose `tally` holds the in-process totals.
 *
 * @example
 *   const model = createLanguageModel(loadConfig(process.env), { cacheStore: store, usageStore: store, offline: createOfflineModel });
 */
export function createLanguageModel(config: { llm: LlmSettings }, deps: ModelDependencies = {}): MeteredModel {
  const { llm } = config;
  const notices = deps.notices ?? new RetryNotices();
  const embeddingModel = llm.embeddingModel ?? (llm.baseURL ? undefined : 'text-embedding-3-small');
  let model: LanguageModel;
  if (llm.provider === 'offline') {
    model = offlineModel(deps);
    if (llm.cache && deps.cacheStore) model = new CachingModel(model, deps.cacheStore);
  } else {
    // One gate for both models: LLM_MAX_CONCURRENCY, LLM_RPM and LLM_TPM describe the deployment's key.
    const gate = new RequestGate({ maxConcurrency: llm.maxConcurrency, rpm: llm.rpm, tpm: llm.tpm, clock: deps.clock });
    const provider = (name: string, embeddings: boolean): LanguageModel => {
      let built: LanguageModel = new RetryingModel(
        new OpenAICompatibleModel({
          model: name,
          baseURL: llm.baseURL,
          apiKey: llm.apiKey,
          timeoutMs: llm.timeoutMs,
          promptCacheKey: llm.promptCacheKey,
          // OpenAI itself always has embeddings; another endpoint only when one is named.
          embeddingModel: embeddings ? embeddingModel : undefined,
          embeddingDimensions: embeddings ? embeddingDimensionsFor(embeddingModel, llm.embeddingDimensions) : undefined,
          gate,
        }),
        {
          clock: deps.clock,
          ...deps.retry,
          onRetry: (notice) => {
            deps.retry?.onRetry?.(notice);
            // The gate may hold the retry longer than its own backoff (a window learned from a 429).
            notices.publish({ ...notice, delayMs: Math.max(notice.delayMs, gate.holdMs()) });
          },
        },
      );
      if (llm.cache && deps.cacheStore) built = new CachingModel(built, deps.cacheStore);
      return built;
    };
    model =
      llm.smallModel && llm.smallModel !== llm.model
        ? new RoutedModel(provider(llm.model, true), provider(llm.smallModel, false), SMALL_MODEL_TASKS)
        : provider(llm.model, true);
  }
  return new MeteredModel(model, {
    usageStore: deps.usageStore,
    prices: deps.prices,
    fallbackTenantId: deps.fallbackTenantId,
    notices,
  });
}

function offlineModel(deps: ModelDependencies): LanguageModel {
  if (!deps.offline) {
    throw new ConfigError(
      'llm.offline_missing',
      'LLM_PROVIDER=offline needs the demo model wired in: createLanguageModel(config, { offline: createOfflineModel }).',
    );
  }
  return deps.offline();
}

/** Embedding length Troupe asks for by default: text-embedding-3-* keep most of their quality at 512 dimensions. */
export const DEFAULT_EMBEDDING_DIMENSIONS = 512;

/**
 * The `dimensions` to request: the configured number, none for `native`, and by default 512 for the
 * models known to accept it (OpenAI's text-embedding-3-*), none for others.
 *
 * @example
 *   embeddingDimensionsFor('text-embedding-3-small', undefined); // 512
 *   embeddingDimensionsFor('nomic-embed-text', undefined);       // undefined
 */
export function embeddingDimensionsFor(model: string | undefined, configured: number | 'native' | undefined) {
  if (!model || configured === 'native') return undefined;
  if (configured !== undefined) return configured;
  return /(^|\/)text-embedding-3-/.test(model) ? DEFAULT_EMBEDDING_DIMENSIONS : undefined;
}
