import type { z } from 'zod';

/** One chat message sent to a model. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Who a call is billed to, for metering. */
export interface CallAttribution {
  tenantId?: string;
  jobId?: string;
}

/**
 * A request for one structured completion.
 *
 * @example
 *   await model.complete({ task: 'agent.act', messages, schema: ActTurnSchema, temperature: 0.7,
 *     hints: { persona: spec } });
 */
export interface CompletionRequest<T> {
  /** The purpose, e.g. `agent.act`, `factory.plan`, `proposition.score`; used for metering and by the offline model. */
  task: string;
  messages: ChatMessage[];
  /** The output contract; the returned value is always validated against it. */
  schema: z.ZodType<T>;
  /**
   * A stricter twin of `schema` for what is sent to the provider (closed sets as enums, e.g. the
   * action types this persona's faculties allow), so structured output cannot step outside them.
   * Validation still uses `schema`, whose lenient parts let the engine normalize near-misses from
   * providers in JSON or text mode.
   */
  providerSchema?: z.ZodType;
  /** A short name for the schema (JSON-schema `name`); defaults to the task. */
  schemaName?: string;
  temperature?: number;
  maxTokens?: number;
  signal?: AbortSignal;
  /**
   * Structured inputs for the offline model (e.g. the persona spec, the question). Never sent to a
   * provider and not part of the cache key; the messages must carry everything a real model needs.
   */
  hints?: Record<string, unknown>;
  attribution?: CallAttribution;
  /**
   * Groups requests that share a long prompt prefix (one persona's calls of one task kind), sent as OpenAI's
   * `prompt_cache_key` so they land on the same cache shard, e.g. `persona:p_12:act`. Stable and free of secrets
   * and content; not part of the response-cache key (it does not shape the answer).
   */
  promptCacheKey?: string;
  /**
   * Called once for every HTTP request the provider answered on behalf of this call (repairs, format
   * fallbacks and retried attempts included) with the usage the provider reported. The metering
   * decorator sets it; models that make no HTTP requests never call it.
   */
  onRequestUsage?: (usage: RequestUsage) => void;
}

/** What the provider reported for one HTTP request. */
export interface RequestUsage {
  model: string;
  /** Prompt tokens, cached ones included. */
  inputTokens: number;
  /** The part of `inputTokens` the provider served from its prompt cache (billed at the cached rate). */
  cachedInputTokens: number;
  outputTokens: number;
}

/** Who an embedding request is billed to, and where the provider's usage of each HTTP request goes. */
export interface EmbedOptions {
  attribution?: CallAttribution;
  /** Set by the metering decorator, like `CompletionRequest.onRequestUsage`. */
  onRequestUsage?: (usage: RequestUsage) => void;
}

/** What one call cost. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** The part of `inputTokens` served from the provider's prompt cache, when it said so. */
  cachedInputTokens?: number;
  latencyMs: number;
  /** True when the value came from the response cache (no provider call was made). */
  cached: boolean;
}

/** The validated value and its usage. */
export interface CompletionResult<T> {
  value: T;
  usage: Usage;
  /** The model that produced the value, e.g. `gpt-4.1-mini` or `offline`. */
  model: string;
}

/**
 * The model port: every LLM call in the engine goes through this interface.
 * Implementations: `OpenAICompatibleModel`, `OfflineModel`; decorators add retry, limits, cache, metering.
 */
export interface LanguageModel {
  /** Model name shown in exports and metering. */
  readonly name: string;
  /** True for the deterministic offline model; UIs label its output as offline. */
  readonly offline: boolean;
  complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>>;
  /** Embeddings, when the provider offers them (metered as task `memory.embed`, attributed by `options`). */
  embed?(texts: string[], signal?: AbortSignal, options?: EmbedOptions): Promise<number[][]>;
  /**
   * A stand-in for embeddings that only SSR ratings may use when `embed` is absent, and whose results are labelled
   * as such: the offline demo model's lexical similarity (word overlap, not meaning). Never used for memory.
   * @example const [vector] = await model.embedStandIn!(['I agree']);
   */
  readonly embedStandIn?: (texts: string[]) => Promise<number[][]>;
  /** Which model serves which task, when a small model takes the cheap tasks (`LLM_MODEL_SMALL`). */
  readonly routes?: ModelRoutes;
}

/**
 * The model routing of a deployment: `answers` serves the personas' own turns, `small` the judges,
 * consolidation, extraction chunks and compact-profile writing (the tasks in `smallTasks`).
 *
 * @example { answers: 'gpt-4.1-mini', small: 'gpt-4.1-nano', smallTasks: ['correction.score', 'agent.consolidate'] }
 */
export interface ModelRoutes {
  answers: string;
  small: string;
  /** Task names, or prefixes ending in `.` (`proposition.` covers `proposition.score`). */
  smallTasks: readonly string[];
}

/** An empty usage record. */
export const NO_USAGE: Usage = Object.freeze({ inputTokens: 0, outputTokens: 0, latencyMs: 0, cached: false });
