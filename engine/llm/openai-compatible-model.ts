import OpenAI, { APIError } from 'openai';
import type { z } from 'zod';
import { ModelBehaviorError } from '../errors.js';
import { extractJson } from './json-extract.js';
import type { ChatMessage, CompletionRequest, CompletionResult, EmbedOptions, LanguageModel } from './port.js';
import { SignalLinks } from './linked-signal.js';
import {
  isParameterRejection,
  isResponseFormatRejection,
  mapProviderError,
  parseRetryAfter,
} from './provider-errors.js';
import { readRateLimitHeaders } from './rate-limit-headers.js';
import type { RequestGate } from './request-gate.js';
import {
  OUTPUT_MODES,
  describeIssues,
  repairMessages,
  responseFormatFor,
  withSchemaInstruction,
  type OutputMode,
} from './response-format.js';
import { countMessageTokens, countTokens } from './tokens.js';

/** Options for an OpenAI-compatible provider (OpenAI, Azure OpenAI, Ollama, vLLM, LM Studio, LiteLLM…). */
export interface OpenAICompatibleModelOptions {
  /** Model name sent to the provider, e.g. `gpt-4.1-mini` or `llama3.1:8b`. */
  model: string;
  /** Defaults to OpenAI's; e.g. `http://localhost:11434/v1` for Ollama. */
  baseURL?: string;
  apiKey?: string;
  /** Per-request timeout; a call that takes longer fails with a retryable `llm.timeout`. */
  timeoutMs: number;
  /** Inject a ready client (tests, Azure). Its own retries are disabled per request. */
  client?: OpenAI;
  /** Model for `embed()`; without it the model offers no embeddings (memory retrieval uses BM25). */
  embeddingModel?: string;
  /**
   * Asks for shorter embeddings (OpenAI's `dimensions`, e.g. 512 for text-embedding-3-*: a third of
   * the bytes per stored memory). An endpoint that rejects the parameter gets the request again
   * without it, and this model stops sending it.
   */
  embeddingDimensions?: number;
  /** Start from a fallback mode when the provider is known not to support JSON schema. */
  outputMode?: OutputMode;
  /**
   * Admits every HTTP request this model sends (first tries, repairs, format fallbacks, embeddings)
   * under the deployment's concurrency and rate limits, and learns from the provider's rate-limit headers.
   */
  gate?: RequestGate;
  /**
   * Whether requests carry OpenAI's `prompt_cache_key` (the request's `promptCacheKey`): `auto` (default)
   * sends it and, when the endpoint rejects the parameter, drops it and remembers; `off` never sends it.
   */
  promptCacheKey?: PromptCacheKeyMode;
}

/** `auto`: send `prompt_cache_key` until the endpoint rejects it; `off`: never send it. */
export type PromptCacheKeyMode = 'auto' | 'off';

interface RawAnswer {
  text: string;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
}

/**
 * The model port on the `openai` package. Asks for structured output with a JSON schema made from
 * the zod schema; when the provider rejects that it falls back to JSON mode, then to plain text
 * with JSON extraction, and remembers the fallback. Every answer is validated with zod; an invalid
 * one gets exactly one repair attempt that shows the model its error.
 *
 * @example
 *   const model = new OpenAICompatibleModel({ model: 'gpt-4.1-mini', apiKey, timeoutMs: 60_000 });
 *   const { value } = await model.complete({ task: 'demo', messages, schema: z.object({ ok: z.boolean() }) });
 */
export class OpenAICompatibleModel implements LanguageModel {
  readonly name: string;
  readonly offline = false;
  private readonly client: OpenAI;
  private readonly timeoutMs: number;
  private readonly embeddingModel?: string;
  /** The `dimensions` sent with embedding requests; dropped once the endpoint rejected it. */
  private embeddingDimensions?: number;
  private readonly gate?: RequestGate;
  private readonly signals = new SignalLinks();
  private mode: OutputMode;
  private sendsCacheKey: boolean;
  /** Present only when an embedding model is configured, so callers can tell whether embeddings exist. */
  readonly embed?: LanguageModel['embed'];

  constructor(options: OpenAICompatibleModelOptions) {
    this.name = options.model;
    this.timeoutMs = options.timeoutMs;
    this.embeddingModel = options.embeddingModel;
    this.embeddingDimensions = options.embeddingDimensions;
    if (this.embeddingModel)
      this.embed = (texts, signal, options) => this.embedTexts(this.embeddingModel!, texts, signal, options);
    this.mode = options.outputMode ?? 'json_schema';
    this.gate = options.gate;
    this.sendsCacheKey = (options.promptCacheKey ?? 'auto') === 'auto';
    this.client =
      options.client ??
      new OpenAI({
        baseURL: options.baseURL,
        // Local servers (Ollama, vLLM) need no key, but the SDK insists on one.
        apiKey: options.apiKey ?? 'not-needed',
        timeout: options.timeoutMs,
        maxRetries: 0,
      });
  }

  /** The structured-output mode currently used (after any fallback). */
  get outputMode(): OutputMode {
    return this.mode;
  }

  /** Whether requests still carry `prompt_cache_key` (false after the endpoint rejected it, or when off). */
  get promptCacheKeyEnabled(): boolean {
    return this.sendsCacheKey;
  }

  async complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    const started = Date.now();
    const first = await this.ask(request, request.messages);
    const firstCheck = check(first.text, request.schema);
    if (firstCheck.ok) return this.result(firstCheck.value, [first], started);

    const repair = await this.ask(request, repairMessages(request.messages, first.text, firstCheck.problem));
    const secondCheck = check(repair.text, request.schema);
    if (secondCheck.ok) return this.result(secondCheck.value, [first, repair], started);
    throw new ModelBehaviorError(
      'llm.invalid_output',
      `the model's answer for ${request.task} did not match the expected format, even after showing it the error: ${secondCheck.problem}`,
    );
  }

  private async embedTexts(
    embeddingModel: string,
    texts: string[],
    signal?: AbortSignal,
    options?: EmbedOptions,
  ): Promise<number[][]> {
    const estimate = texts.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
    const request = (dimensions: number | undefined) =>
      this.admitted(estimate, signal, (requestSignal) =>
        this.client.embeddings
          .create(
            { model: embeddingModel, input: texts, ...(dimensions ? { dimensions } : {}) },
            { signal: requestSignal, timeout: this.timeoutMs, maxRetries: 0 },
          )
          .withResponse(),
      );
    try {
      const dimensions = this.embeddingDimensions;
      let answer: Awaited<ReturnType<typeof request>>;
      try {
        answer = await request(dimensions);
      } catch (error) {
        if (!dimensions || !rejectsDimensions(error)) throw error;
        // Remembered: every later request goes without it.
        this.embeddingDimensions = undefined;
        answer = await request(undefined);
      }
      const response = answer.data;
      options?.onRequestUsage?.({
        model: embeddingModel,
        inputTokens: response.usage?.prompt_tokens ?? 0,
        cachedInputTokens: 0,
        outputTokens: 0,
      });
      return [...response.data].sort((a, b) => a.index - b.index).map((item) => item.embedding);
    } catch (error) {
      throw mapProviderError(error, { model: embeddingModel, timeoutMs: this.timeoutMs });
    }
  }

  /** One provider call in the current mode, stepping down the fallback chain on rejection. */
  private async ask<T>(request: CompletionRequest<T>, messages: ChatMessage[]): Promise<RawAnswer> {
    for (;;) {
      const mode = this.mode;
      const cacheKey = this.sendsCacheKey ? request.promptCacheKey : undefined;
      try {
        return await this.send(request, messages, mode, cacheKey);
      } catch (error) {
        if (cacheKey !== undefined && isParameterRejection(error, 'prompt_cache_key')) {
          // An endpoint without prompt caching keys (older proxies, local servers): drop the field for good.
          this.sendsCacheKey = false;
          continue;
        }
        const next = OUTPUT_MODES[OUTPUT_MODES.indexOf(mode) + 1];
        if (next && isResponseFormatRejection(error)) {
          // Another concurrent call may already have stepped down further; never step back up.
          if (OUTPUT_MODES.indexOf(this.mode) < OUTPUT_MODES.indexOf(next)) this.mode = next;
          continue;
        }
        throw mapProviderError(error, { model: this.name, timeoutMs: this.timeoutMs });
      }
    }
  }

  private async send<T>(
    request: CompletionRequest<T>,
    messages: ChatMessage[],
    mode: OutputMode,
    cacheKey: string | undefined,
  ): Promise<RawAnswer> {
    const wire = request.providerSchema ?? request.schema;
    const prompt = withSchemaInstruction(messages, mode, wire);
    const responseFormat = responseFormatFor(mode, wire, request.schemaName ?? request.task);
    const body = {
      model: this.name,
      messages: prompt,
      ...(responseFormat ? { response_format: responseFormat } : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.maxTokens !== undefined ? { max_completion_tokens: request.maxTokens } : {}),
      ...(cacheKey !== undefined ? { prompt_cache_key: cacheKey } : {}),
    };
    const estimate = this.gate?.countsTokens
      ? countMessageTokens(prompt) + (request.maxTokens ?? this.gate.defaultOutputTokens)
      : 0;
    const { data: completion } = await this.admitted(estimate, request.signal, (signal) =>
      this.client.chat.completions.create(body, { signal, timeout: this.timeoutMs, maxRetries: 0 }).withResponse(),
    );
    const message = completion.choices[0]?.message;
    const text = message?.content ?? '';
    const answer: RawAnswer = {
      text,
      inputTokens: completion.usage?.prompt_tokens ?? countMessageTokens(prompt),
      cachedInputTokens: completion.usage?.prompt_tokens_details?.cached_tokens ?? 0,
      outputTokens: completion.usage?.completion_tokens ?? countTokens(text || (message?.refusal ?? '')),
    };
    // Metered before validation: a refused, invalid or repaired answer was still paid for.
    request.onRequestUsage?.({
      model: this.name,
      inputTokens: answer.inputTokens,
      cachedInputTokens: answer.cachedInputTokens,
      outputTokens: answer.outputTokens,
    });
    if (message?.refusal) {
      throw new ModelBehaviorError('llm.refused', `the model refused to answer ${request.task}: ${message.refusal}`);
    }
    return answer;
  }

  /**
   * One HTTP request through the gate (when there is one), on a signal of its own, telling the gate
   * what the response's rate-limit headers and 429s said.
   */
  private admitted<R>(
    tokenEstimate: number,
    signal: AbortSignal | undefined,
    call: (signal: AbortSignal | undefined) => Promise<{ data: R; response: Response }>,
  ): Promise<{ data: R; response: Response }> {
    const send = (report?: Parameters<Parameters<RequestGate['run']>[2]>[0]) =>
      this.signals.run(signal, async (requestSignal) => {
        try {
          const answer = await call(requestSignal);
          report?.({ headers: answer.response.headers });
          return answer;
        } catch (error) {
          if (error instanceof APIError) report?.(rateLimitFeedback(error));
          throw error;
        }
      });
    return this.gate ? this.gate.run(tokenEstimate, signal, send) : send();
  }

  private result<T>(value: T, answers: RawAnswer[], started: number): CompletionResult<T> {
    return {
      value,
      model: this.name,
      usage: {
        inputTokens: answers.reduce((sum, answer) => sum + answer.inputTokens, 0),
        outputTokens: answers.reduce((sum, answer) => sum + answer.outputTokens, 0),
        cachedInputTokens: answers.reduce((sum, answer) => sum + answer.cachedInputTokens, 0),
        latencyMs: Date.now() - started,
        cached: false,
      },
    };
  }
}

type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

function check<T>(text: string, schema: z.ZodType<T>): Checked<T> {
  const json = extractJson(text);
  if (json === undefined) {
    return { ok: false, problem: text.trim() === '' ? 'the answer was empty' : 'the answer was not valid JSON' };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: describeIssues(parsed.error) };
}

/** What a failed request tells the gate: its headers, and for a 429 how long to hold every start. */
function rateLimitFeedback(error: APIError): { headers?: Headers; rateLimitedForMs?: number } {
  if (error.status !== 429 || error.code === 'insufficient_quota') return { headers: error.headers };
  const readings = readRateLimitHeaders(error.headers);
  const exhausted = [readings.requests, readings.tokens].filter((reading) => reading && reading.remaining <= 0);
  const resetMs = Math.max(0, ...exhausted.map((reading) => reading?.resetMs ?? 0));
  const retryAfterMs = parseRetryAfter(error.headers) ?? 0;
  return { headers: error.headers, rateLimitedForMs: Math.max(resetMs, retryAfterMs, 1) };
}

/**
 * Whether a provider error is the endpoint refusing `dimensions` (OpenAI: 400 "This model does not
 * support specifying dimensions.", param `dimensions`; other servers name the parameter in the message).
 */
function rejectsDimensions(error: unknown): boolean {
  if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422)) return false;
  const param = (error.error as { param?: unknown } | undefined)?.param;
  return param === 'dimensions' || /dimensions/i.test(error.message);
}
