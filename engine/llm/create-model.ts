import { ConfigError } from '../errors.js';
import type { LlmCacheStore, UsageStore } from '../store/ports.js';
import { CachingModel } from './caching-model.js';
import type { Clock } from './clock.js';
import { LimitedModel } from './limited-model.js';
import { MeteredModel, type MeterOptions } from './metered-model.js';
import { OpenAICompatibleModel } from './openai-compatible-model.js';
import type { LanguageModel } from './port.js';
import type { PriceTable } from './prices.js';
import { RetryingModel, type RetryOptions } from './retrying-model.js';

/** The LLM part of the app configuration (`AppConfig.llm` in `config.ts` fits it). */
export interface LlmSettings {
  provider: 'openai' | 'offline';
  baseURL?: string;
  apiKey?: string;
  model: string;
  embeddingModel?: string;
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
}

/**
 * Builds the app's model from configuration:
 *
 *   Metered( Caching( Retrying( Limited( provider ))))
 *
 * - Metered is outermost so it sees every call the engine makes, cache hits included (recorded as
 *   cached, no tokens, no cost), and records each call once however many attempts it took.
 * - Caching sits outside retry and limits: a hit must not wait for a rate-limit slot or a backoff.
 * - Retrying wraps Limited so each attempt queues for a slot again and counts against the RPM,
 *   and a backoff sleep does not hold a concurrency slot that other calls could use.
 * - Limited is innermost, next to the provider, so the limits describe real HTTP calls.
 * The offline model gets caching and metering too, so the local chat behaves like production.
 * Returns the MeteredModel, whose `tally` holds the in-process totals.
 *
 * @example
 *   const model = createLanguageModel(loadConfig(process.env), { cacheStore: store, usageStore: store, offline: createOfflineModel });
 */
export function createLanguageModel(config: { llm: LlmSettings }, deps: ModelDependencies = {}): MeteredModel {
  const { llm } = config;
  let model: LanguageModel =
    llm.provider === 'offline'
      ? offlineModel(deps)
      : new RetryingModel(
          new LimitedModel(
            new OpenAICompatibleModel({
              model: llm.model,
              baseURL: llm.baseURL,
              apiKey: llm.apiKey,
              timeoutMs: llm.timeoutMs,
              // OpenAI itself always has embeddings; another endpoint only when one is named.
              embeddingModel: llm.embeddingModel ?? (llm.baseURL ? undefined : 'text-embedding-3-small'),
            }),
            { maxConcurrency: llm.maxConcurrency, rpm: llm.rpm, tpm: llm.tpm, clock: deps.clock },
          ),
          deps.retry,
        );
  if (llm.cache && deps.cacheStore) model = new CachingModel(model, deps.cacheStore);
  return new MeteredModel(model, {
    usageStore: deps.usageStore,
    prices: deps.prices,
    fallbackTenantId: deps.fallbackTenantId,
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
