import { CancelledError, TroupeError, UserInputError, throwIfAborted } from '../../errors.js';
import type { CallAttribution, ChatMessage, LanguageModel } from '../../llm/port.js';
import { personaCacheKey } from '../../llm/prompt-prefix.js';
import { mapLimit } from '../concurrency.js';
import { makeProvenance, type Provenance } from '../provenance.js';
import { answerInstructions, answerSchemaFor, answerValue, type PollValue } from './answer-schema.js';
import { parsePoll, type PollDefinition } from './definition.js';
import { personaSystemMessage, type PollPersona } from './persona-message.js';
import { ssrAnchors, ssrAnswer, ssrEmbedder, ssrNeedsEmbeddings } from './ssr-poll.js';

export type { PollPersona } from './persona-message.js';

/** One persona's structured answer. */
export interface PollAnswer {
  personaId: string;
  personaName: string;
  value: PollValue;
  reason: string;
  /** SSR (Likert): probability of each scale point; `value` is then the most likely point. */
  distribution?: number[];
}

/** What a poll run needs. */
export interface RunPollInput {
  personas: readonly PollPersona[];
  poll: unknown;
  model: LanguageModel;
  /** Alignment weights by persona id; carried into the results for weighted aggregates. */
  weights?: Record<string, number>;
  panel?: string;
  signal?: AbortSignal;
  onProgress?: (progress: { done: number; total: number; persona: string }) => void;
  concurrency?: number;
  attribution?: CallAttribution;
  now?: () => Date;
  /** Personas with a compact profile answer from it instead of the full spec (`LLM_COMPACT_PROFILE` has `poll`). */
  compactProfile?: boolean;
  /** Likert only: `ssr` asks for free text and rates it against anchor statements (needs `model.embed`, or the offline model's stand-in). */
  method?: 'direct' | 'ssr';
  /** SSR anchors, one per point; written by the model once when absent. */
  anchors?: readonly string[];
}

/** Every answer (in panel order), the personas that failed, and provenance. */
export interface PollRun {
  poll: PollDefinition;
  answers: PollAnswer[];
  /** Personas that could not answer after retries; `code` is the error's stable code (e.g. `llm.rate_limited`). */
  failures: { personaId: string; personaName: string; error: string; code?: string }[];
  weights?: Record<string, number>;
  provenance: Provenance;
  /** How the answers were obtained; SSR runs carry the anchors used and whether embeddings were a stand-in. */
  method?: 'direct' | 'ssr';
  ssr?: { anchors: string[]; lexicalStandIn: boolean };
}

/**
 * The poll prompt, ordered for prompt caching: the instructions and the persona (stable for this persona
 * across every poll) first, then what this persona heard so far, then the poll question last.
 */
export function pollMessages(persona: PollPersona, poll: PollDefinition, compact = false): ChatMessage[] {
  return [
    personaSystemMessage(persona, compact),
    {
      role: 'user',
      content: `${persona.memorySummary ? `What you have heard and said in this channel so far:\n${persona.memorySummary}\n\n` : ''}Poll question: ${poll.question}\n${answerInstructions(poll)}\nGive a short reason in your own voice (one or two sentences).`,
    },
  ];
}

/**
 * Asks every persona the poll concurrently; each answers in character with a short reason as a
 * structured answer (task `poll.answer`), never parsed from free text.
 *
 * @example
 *   const run = await runPoll({ personas, poll: { kind: 'yes-no', question: 'Would you buy it?' }, model });
 */
export async function runPoll(input: RunPollInput): Promise<PollRun> {
  const poll = parsePoll(input.poll);
  const schema = answerSchemaFor(poll);
  const ssr = input.method === 'ssr' && poll.kind === 'likert';
  if (input.method === 'ssr' && poll.kind !== 'likert')
    throw new UserInputError('ssr.kind', 'SSR is for Likert polls only.', '/poll likert "I trust it" --method ssr');
  const embedder = ssr ? ssrEmbedder(input.model) : undefined;
  if (ssr && !embedder) throw ssrNeedsEmbeddings();
  const anchors =
    ssr && poll.kind === 'likert'
      ? await ssrAnchors(poll, input.model, input.anchors, { signal: input.signal, attribution: input.attribution })
      : [];
  const anchorVectors = embedder ? await embedder.embed(anchors, input.signal) : [];
  const total = input.personas.length;
  let done = 0;
  const outcomes = await mapLimit(
    input.personas,
    input.concurrency ?? 8,
    async (persona) => {
      throwIfAborted(input.signal);
      try {
        if (ssr && poll.kind === 'likert') {
          const rated = await ssrAnswer(persona, poll, anchors, anchorVectors, input.model, {
            signal: input.signal,
            attribution: input.attribution,
            embedder,
          });
          const answer: PollAnswer = {
            personaId: persona.id,
            personaName: persona.name,
            value: rated.rating,
            reason: rated.text,
            distribution: rated.distribution,
          };
          return { ok: true as const, answer };
        }
        const { value } = await input.model.complete({
          task: 'poll.answer',
          messages: pollMessages(persona, poll, input.compactProfile),
          promptCacheKey: personaCacheKey('poll.answer', persona.id),
          schema,
          temperature: 0.7,
          signal: input.signal,
          attribution: input.attribution,
          hints: { persona: persona.spec, personaName: persona.name, poll, memorySummary: persona.memorySummary },
        });
        const raw = value as Record<string, unknown>;
        const answer: PollAnswer = {
          personaId: persona.id,
          personaName: persona.name,
          value: answerValue(poll, raw),
          reason: String(raw.reason),
        };
        return { ok: true as const, answer };
      } catch (error) {
        if (error instanceof CancelledError || input.signal?.aborted)
          throw error instanceof CancelledError ? error : new CancelledError();
        // One persona's broken answer should not sink the whole panel; it is reported instead.
        if (!(error instanceof TroupeError)) throw error;
        return {
          ok: false as const,
          failure: { personaId: persona.id, personaName: persona.name, error: error.message, code: error.code },
        };
      } finally {
        done++;
        input.onProgress?.({ done, total, persona: persona.name });
      }
    },
    input.signal,
  );
  return {
    poll,
    answers: outcomes.flatMap((outcome) => (outcome.ok ? [outcome.answer] : [])),
    failures: outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome.failure])),
    weights: input.weights,
    method: ssr ? 'ssr' : 'direct',
    ...(embedder ? { ssr: { anchors, lexicalStandIn: embedder.lexicalStandIn } } : {}),
    provenance: makeProvenance(input.model, input.panel ?? `${total} personas`, (input.now ?? (() => new Date()))()),
  };
}
