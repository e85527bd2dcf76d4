/**
 * Shared pieces of the world benchmarks: TinyTroupe-sized personas, a fixed-latency wrapper, a
 * token-counting wrapper and a zero-latency model. Lives in `bench/lib/` so `bench/index.ts`
 * does not run it as a benchmark.
 */
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ActTurnSchema, type PersonaSpec } from '../../engine/agent/index.js';
import type { CompletionRequest, CompletionResult, LanguageModel } from '../../engine/llm/port.js';
import { countMessageTokens } from '../../engine/llm/tokens.js';

const repo = path.resolve(import.meta.dirname, '../..');
const fixtures = path.resolve(repo, '../shared/fixtures/tinytroupe');

function readPersona(file: string): PersonaSpec {
  return JSON.parse(readFileSync(file, 'utf8')).persona as PersonaSpec;
}

/**
 * Lisa and Oscar from TinyTroupe's examples (read from `../shared/fixtures/tinytroupe/` when it
 * exists) plus the first persona of `personas/library/`. On a bare clone, without the shared folder,
 * the first three library personas stand in (same format and size) and a note says so.
 */
export function tinyTroupePersonas(): PersonaSpec[] {
  const library = path.join(repo, 'personas/library');
  const own = readdirSync(library)
    .filter((f) => f.endsWith('.agent.json'))
    .sort()
    .map((f) => readPersona(path.join(library, f)));
  if (!existsSync(fixtures)) {
    console.log('note: ../shared/fixtures/tinytroupe/ is absent; library personas stand in for Lisa and Oscar.');
    return own.slice(0, 3);
  }
  return [
    readPersona(path.join(fixtures, 'Lisa.agent.json')),
    readPersona(path.join(fixtures, 'Oscar.agent.json')),
    own[0],
  ];
}

/** `count` TinyTroupe-sized personas with unique names (cycling the three above). */
export function personaCohort(count: number): PersonaSpec[] {
  const base = tinyTroupePersonas();
  return Array.from({ length: count }, (_, i) => ({
    ...base[i % base.length],
    name: `${base[i % base.length].name} ${i + 1}`,
  }));
}

/** Adds a fixed latency to every call, like a provider round trip. */
export class DelayedModel implements LanguageModel {
  readonly name: string;
  readonly offline: boolean;
  constructor(
    private readonly inner: LanguageModel,
    private readonly latencyMs: number,
  ) {
    this.name = inner.name;
    this.offline = inner.offline;
  }
  async complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    const [result] = await Promise.all([
      this.inner.complete(request),
      new Promise((r) => setTimeout(r, this.latencyMs)),
    ]);
    return result;
  }
}

/** One call as seen by `TokenRecordingModel`. */
export interface CountedRequest {
  task: string;
  persona?: string;
  inputTokens: number;
}

/** Counts calls and input tokens (gpt-tokenizer, o200k) per task and persona. */
export class TokenRecordingModel implements LanguageModel {
  readonly calls: CountedRequest[] = [];
  readonly name: string;
  readonly offline: boolean;
  constructor(private readonly inner: LanguageModel) {
    this.name = inner.name;
    this.offline = inner.offline;
  }
  async complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    const persona = (request.hints?.persona as { name?: string } | undefined)?.name;
    this.calls.push({ task: request.task, persona, inputTokens: countMessageTokens(request.messages) });
    return this.inner.complete(request);
  }
}

/** Answers every `agent.act` call at once with a short canned turn: measures the engine, not a model. */
export class InstantActModel implements LanguageModel {
  readonly name = 'instant';
  readonly offline = true;
  calls = 0;
  async complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    this.calls++;
    const persona = (request.hints?.persona as { name?: string } | undefined)?.name ?? 'someone';
    const value = request.schema.parse(
      request.task === 'agent.act'
        ? ActTurnSchema.parse({
            actions: [{ type: 'TALK', content: `${persona} thinks it is a good idea.`, target: '' }, { type: 'DONE' }],
            cognitive_state: { goals: 'answer', context: ['focus group'], attention: 'the question', emotions: 'calm' },
          })
        : { memories: [] },
    );
    return { value, model: this.name, usage: { inputTokens: 0, outputTokens: 0, latencyMs: 0, cached: false } };
  }
}

/** Formats a number with a fixed number of decimals. */
export function fixed(value: number, digits = 2): string {
  return value.toFixed(digits);
}
