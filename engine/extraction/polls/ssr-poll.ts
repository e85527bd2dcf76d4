import { z } from 'zod';
import { UserInputError } from '../../errors.js';
import type { CallAttribution, LanguageModel } from '../../llm/port.js';
import { personaSystemMessage, type PollPersona } from './persona-message.js';
import type { PollDefinition } from './definition.js';
import { cosineSimilarity, ssrDistribution, type SsrOptions } from './ssr-distribution.js';

type LikertPoll = Extract<PollDefinition, { kind: 'likert' }>;

/** One persona's SSR answer: the free text, its similarity to each anchor and the distribution over the points. */
export interface SsrAnswer {
  text: string;
  similarities: number[];
  distribution: number[];
  /** The most likely point (1-based). */
  rating: number;
}

const anchorsSchema = (points: number) =>
  z.object({
    anchors: z.array(z.string().min(3).max(300)).length(points).describe('one statement per scale point, 1 first'),
  });
const freeTextSchema = z.object({
  answer: z.string().min(1).max(600).describe('your answer in one to three sentences, in your own words'),
});

/** A UserInputError saying SSR needs an embeddings endpoint (with the setting that gives one). */
export function ssrNeedsEmbeddings(): UserInputError {
  return new UserInputError(
    'ssr.no_embeddings',
    'SSR (--method ssr) needs an embeddings endpoint, and this model has none. Set LLM_EMBEDDING_MODEL (e.g. text-embedding-3-small) or use --method direct.',
    '/poll likert "I would recommend it" --method direct',
  );
}

/** Where SSR gets its vectors, and whether they are the offline model's lexical stand-in (said with the result). */
export interface SsrEmbedder {
  embed(texts: string[], signal?: AbortSignal): Promise<number[][]>;
  lexicalStandIn: boolean;
}

/**
 * The model's embeddings when it has them; otherwise its stand-in (the offline demo's lexical similarity); none for
 * a real endpoint without embeddings (then `ssrNeedsEmbeddings`).
 * @example ssrEmbedder(model) ?? (() => { throw ssrNeedsEmbeddings(); })()
 */
export function ssrEmbedder(model: Pick<LanguageModel, 'embed' | 'embedStandIn' | 'offline'>): SsrEmbedder | undefined {
  const { embed, embedStandIn } = model;
  if (embed) return { embed: (texts, signal) => embed.call(model, texts, signal), lexicalStandIn: model.offline };
  if (embedStandIn) return { embed: (texts) => embedStandIn(texts), lexicalStandIn: true };
  return undefined;
}

/**
 * Anchor statements for each point of a Likert poll, written once per question by the model (task
 * `poll.ssr.anchors`), or the given ones.
 */
export async function ssrAnchors(
  poll: LikertPoll,
  model: LanguageModel,
  given?: readonly string[],
  options: { signal?: AbortSignal; attribution?: CallAttribution } = {},
): Promise<string[]> {
  if (given?.length) {
    if (given.length !== poll.points)
      throw new UserInputError(
        'ssr.anchors',
        `Give ${poll.points} anchors, one per scale point (got ${given.length}).`,
        '/poll likert "I trust it" --method ssr --anchors "No trust|Little|Some|Much|Complete trust"',
      );
    return [...given];
  }
  const { value } = await model.complete({
    task: 'poll.ssr.anchors',
    messages: [
      {
        role: 'system',
        content:
          'You write anchor statements for a rating scale: one short first-person statement per point, from the lowest to the highest, each clearly expressing that level for the question.',
      },
      {
        role: 'user',
        content: `Question: ${poll.question}\nScale: 1 (${poll.labels.low}) to ${poll.points} (${poll.labels.high}).\nWrite ${poll.points} statements, point 1 first.`,
      },
    ],
    schema: anchorsSchema(poll.points),
    temperature: 0,
    signal: options.signal,
    attribution: options.attribution,
    hints: { poll },
  });
  return value.anchors;
}

/**
 * Asks a persona for a free-text answer (task `poll.ssr.answer`), embeds it (`ssrEmbedder`) like the anchors and turns the
 * cosine similarities into a distribution over the scale points (`ssrDistribution`).
 */
export async function ssrAnswer(
  persona: PollPersona,
  poll: LikertPoll,
  anchors: readonly string[],
  anchorVectors: readonly number[][],
  model: LanguageModel,
  options: { signal?: AbortSignal; attribution?: CallAttribution; ssr?: SsrOptions; embedder?: SsrEmbedder } = {},
): Promise<SsrAnswer> {
  const embedder = options.embedder ?? ssrEmbedder(model);
  if (!embedder) throw ssrNeedsEmbeddings();
  const { value } = await model.complete({
    task: 'poll.ssr.answer',
    messages: [
      personaSystemMessage(persona),
      {
        role: 'user',
        content: `${persona.memorySummary ? `What you have heard and said in this channel so far:\n${persona.memorySummary}\n\n` : ''}Statement: ${poll.question}\nHow far do you agree, and why? Answer in your own words in one to three sentences; do not give a number.`,
      },
    ],
    schema: freeTextSchema,
    temperature: 0.7,
    signal: options.signal,
    attribution: options.attribution,
    hints: { persona: persona.spec, personaName: persona.name, poll, anchors, memorySummary: persona.memorySummary },
  });
  const [vector] = await embedder.embed([value.answer], options.signal);
  const similarities = anchorVectors.map((anchor) => cosineSimilarity(vector, anchor));
  const distribution = ssrDistribution(similarities, options.ssr);
  return {
    text: value.answer,
    similarities,
    distribution,
    rating: distribution.indexOf(Math.max(...distribution)) + 1,
  };
}
