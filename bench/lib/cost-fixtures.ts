/**
 * Shared pieces of the cost benchmarks (prompt-cache, poll-tokens, cost-per-answer): a TinyTroupe-size panel
 * from the project's own fixture, a model wrapper that records every request, per-persona prefix repeats and
 * a simulation of a provider's prompt cache. Lives in `bench/lib/` so `bench/index.ts` does not run it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PersonaSpec } from '../../engine/agent/persona-spec.js';
import type { ChatMessage, CompletionRequest, CompletionResult, LanguageModel } from '../../engine/llm/port.js';
import { serializePrompt, sharedPrefix } from '../../engine/llm/prompt-prefix.js';
import { countTokens } from '../../engine/llm/tokens.js';

const repo = path.resolve(import.meta.dirname, '../..');

/** Troupe's own library personas (≈500-token specs). */
export function libraryPersonas(): PersonaSpec[] {
  const folder = path.join(repo, 'personas/library');
  return readdirSync(folder)
    .filter((file) => file.endsWith('.agent.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(path.join(folder, file), 'utf8')).persona as PersonaSpec);
}

/**
 * `count` TinyTroupe-size personas (≈1.6k-token specs) from the project's own fixture
 * `test/fixtures/tinytroupe-format/tinytroupe-size/`, each with its own name and age so no two specs are equal.
 */
export function tinyTroupeSizePanel(count: number): PersonaSpec[] {
  const folder = path.join(repo, 'test/fixtures/tinytroupe-format/tinytroupe-size');
  const base = readdirSync(folder)
    .filter((file) => file.endsWith('.agent.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(path.join(folder, file), 'utf8')).persona as PersonaSpec);
  return Array.from({ length: count }, (_, i) => {
    const spec = base[i % base.length];
    return { ...spec, name: `${spec.name} ${i + 1}`, age: Number(spec.age ?? 40) + (i % 9) - 4 };
  });
}

/** One request as the recorder saw it. */
export interface RecordedCall {
  task: string;
  /** The request's `promptCacheKey`, or the task when it has none. */
  key: string;
  messages: ChatMessage[];
}

/** Records every request on its way to the inner model. */
export class RecordingModel implements LanguageModel {
  readonly calls: RecordedCall[] = [];
  readonly name: string;
  readonly offline: boolean;
  constructor(private readonly inner: LanguageModel) {
    this.name = inner.name;
    this.offline = inner.offline;
  }
  complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    this.calls.push({ task: request.task, key: request.promptCacheKey ?? request.task, messages: request.messages });
    return this.inner.complete(request);
  }
}

/** Per-key repeat figures: tokens of every call after the first, and how many repeat the previous call's start. */
export interface PrefixFigures {
  calls: number;
  /** Input tokens of every call (first calls included). */
  tokens: number;
  /** Input tokens of the calls that had a previous call under the same key. */
  repeatTokens: number;
  /** Of those, the tokens that exactly repeat the previous call's prefix. */
  sharedTokens: number;
}

/**
 * The share of each persona's input tokens that is an exact repeat of its previous call's prefix, summed
 * over calls (grouped by key; `transform` renders a call as another prompt layout would have).
 */
export function prefixRepeats(
  calls: readonly RecordedCall[],
  filter: (call: RecordedCall) => boolean,
  transform: (messages: ChatMessage[]) => ChatMessage[] = (messages) => messages,
): PrefixFigures {
  const last = new Map<string, ChatMessage[]>();
  const figures: PrefixFigures = { calls: 0, tokens: 0, repeatTokens: 0, sharedTokens: 0 };
  for (const call of calls.filter(filter)) {
    const messages = transform(call.messages);
    const previous = last.get(call.key);
    const total = countTokens(serializePrompt(messages));
    figures.calls++;
    figures.tokens += total;
    if (previous) {
      figures.repeatTokens += total;
      figures.sharedTokens += sharedPrefix(previous, messages).tokens;
    }
    last.set(call.key, messages);
  }
  return figures;
}

/**
 * A provider's prompt cache as OpenAI documents it: a prompt of 1,024 tokens or more whose start repeats an
 * earlier prompt (routed by `prompt_cache_key`, or by the prompt's own start without one) is served from the
 * cache in 128-token steps. `enabled: false` models a provider (or a deployment) without caching.
 */
export class PromptCacheSimulator {
  private readonly seen = new Map<string, string[]>();
  constructor(private readonly enabled: boolean) {}

  /** Cached tokens for a prompt, remembering it for later ones. */
  cachedTokens(key: string | undefined, prompt: string): number {
    if (!this.enabled) return 0;
    const shard = key ?? prompt.slice(0, 256);
    const earlier = this.seen.get(shard) ?? [];
    let best = 0;
    for (const text of earlier) {
      let chars = 0;
      const limit = Math.min(text.length, prompt.length);
      while (chars < limit && text.charCodeAt(chars) === prompt.charCodeAt(chars)) chars++;
      best = Math.max(best, chars);
    }
    earlier.push(prompt);
    if (earlier.length > 8) earlier.shift();
    this.seen.set(shard, earlier);
    const tokens = countTokens(prompt.slice(0, best));
    return tokens >= 1024 ? Math.floor(tokens / 128) * 128 : 0;
  }
}

/** A percentage with one decimal. */
export function percent(part: number, whole: number): string {
  return `${whole ? ((100 * part) / whole).toFixed(1) : '0.0'} %`;
}
