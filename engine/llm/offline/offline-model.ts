import { z } from 'zod';
import { ModelBehaviorError } from '../../errors.js';
import { SeededRandom, hashString } from '../../util/random.js';
import type { CompletionRequest, CompletionResult, LanguageModel } from '../port.js';
import { countMessageTokens, countTokens } from '../tokens.js';
import { fillFromJsonSchema } from './schema-fill.js';
import { lexicalEmbedding } from './lexical-embedding.js';

/**
 * Answers one task offline. Gets the request (with its `hints`) and a random source seeded from
 * the request, so the same request always gives the same answer. Returns a value that must pass
 * the request's schema.
 */
export type OfflineResponder = (request: CompletionRequest<unknown>, rng: SeededRandom) => unknown;

/** Responders by task name (e.g. `agent.act`). Each engine module exports its own. */
export type OfflineResponders = Readonly<Record<string, OfflineResponder>>;

/** Label shown wherever offline output is displayed. */
export const OFFLINE_MODEL_NAME = 'offline (deterministic demo model, no LLM)';

/**
 * A deterministic model for demos and tests: no network, no key. Tasks with a registered
 * responder get answers that reflect their inputs; any other task gets schema-valid filler
 * derived from the JSON schema.
 *
 * @example
 *   const model = new OfflineModel({ responders: { ...agentOfflineResponders } });
 */
export class OfflineModel implements LanguageModel {
  readonly name = OFFLINE_MODEL_NAME;
  readonly offline = true;
  /** Only with `lexicalEmbeddings`: a lexical stand-in for embeddings (word overlap, not meaning). */
  readonly embed?: (texts: string[]) => Promise<number[][]>;
  /**
   * On by default (`ssrStandIn: false` turns it off): the same lexical similarity, for SSR ratings only (the
   * no-key demo's `/poll likert … --method ssr`), labelled as a stand-in wherever its results show; persona
   * memory keeps BM25.
   */
  readonly embedStandIn?: (texts: string[]) => Promise<number[][]>;
  private readonly responders: OfflineResponders;
  private readonly seed: number;

  constructor(
    options: { responders?: OfflineResponders; seed?: number; lexicalEmbeddings?: boolean; ssrStandIn?: boolean } = {},
  ) {
    this.responders = options.responders ?? {};
    this.seed = options.seed ?? 0;
    // Opt-in: with `embed` present, persona memory would retrieve by these vectors instead of BM25.
    if (options.lexicalEmbeddings) this.embed = async (texts) => texts.map(lexicalEmbedding);
    if (options.ssrStandIn !== false) this.embedStandIn = async (texts) => texts.map(lexicalEmbedding);
  }

  async complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    const started = Date.now();
    const key = `${this.seed}|${request.task}|${JSON.stringify(request.messages)}`;
    const rng = new SeededRandom(hashString(key));
    const responder = this.responders[request.task];
    const raw = responder
      ? responder(request as CompletionRequest<unknown>, rng)
      : fillFromJsonSchema(z.toJSONSchema(request.schema, { io: 'input' }) as Record<string, unknown>, rng, request);
    const parsed = request.schema.safeParse(raw);
    if (!parsed.success) {
      throw new ModelBehaviorError(
        'offline.invalid',
        `offline answer for task ${request.task} does not match its schema: ${parsed.error.message}`,
      );
    }
    return {
      value: parsed.data,
      model: this.name,
      usage: {
        inputTokens: countMessageTokens(request.messages),
        outputTokens: countTokens(JSON.stringify(raw)),
        latencyMs: Date.now() - started,
        cached: false,
      },
    };
  }
}
