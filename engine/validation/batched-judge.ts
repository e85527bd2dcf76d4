import { personaCacheKey } from '../llm/prompt-prefix.js';
import { z } from 'zod';
import { integerSet } from '../util/closed-sets.js';
import { renderPersona } from '../agent/prompt/persona.js';
import { throwIfAborted } from '../errors.js';
import type { ChatMessage } from '../llm/port.js';
import {
  type BatchedCheck,
  batchedClaim,
  renderBatchedMessages,
  renderMissingPairsFollowUp,
} from './batched-prompts.js';
import {
  type JudgedPair,
  type PairScore,
  type TurnJudgeContext,
  checkProposition,
  scorePairsOneByOne,
} from './per-check-judge.js';
import type { ActionCheckName } from './standard-propositions.js';
import { renderWindow } from './text.js';

/**
 * The batched judge's output for the enabled checks: one entry per (action, check) pair.
 *
 * @example
 *   batchScoresSchema(['fluency'], 3).parse({ scores: [{ action: 1, check: 'fluency', score: 7, justification: 'natural' }] });
 */
export function batchScoresSchema(checks: readonly ActionCheckName[], actionCount: number) {
  return z.object({
    scores: z.array(
      z.object({
        action: integerSet(1, Math.max(1, actionCount)),
        check: z.enum(checks as [ActionCheckName, ...ActionCheckName[]]),
        score: integerSet(0, 9),
        justification: z.string(),
      }),
    ),
  });
}
export type BatchScores = z.infer<ReturnType<typeof batchScoresSchema>>;

/** A check as shown to the batched judge, plus whether its per-pair proposition looks at the persona. */
export interface BatchedCheckHint extends BatchedCheck {
  usesPersona: boolean;
}

const pairKey = (action: number, check: string) => `${action}|${check}`;

/**
 * Scores every pair of a candidate turn in ONE structured call (task `correction.score`). Pairs the
 * answer leaves out are asked for once more in a follow-up; any still missing are scored one by one
 * with their proposition, so no pair ever passes unscored. Duplicate pairs keep the lowest score.
 *
 * @example
 *   const scores = await scorePairsBatched(context, pairs, ['persona-adherence', 'fluency']);
 */
export async function scorePairsBatched(
  context: TurnJudgeContext,
  pairs: readonly JudgedPair[],
  checks: readonly ActionCheckName[],
): Promise<PairScore[]> {
  if (pairs.length === 0) return [];
  throwIfAborted(context.signal);
  const { agent, candidate } = context;
  const checkHints: BatchedCheckHint[] = checks.map((name) => {
    const proposition = checkProposition(context, name);
    return { name, claim: batchedClaim(proposition.claim), usesPersona: proposition.options.includePersonas };
  });
  const scored = [...new Set(pairs.map((p) => p.index + 1))].sort((a, b) => a - b);
  const messages = renderBatchedMessages(checkHints, {
    agentName: agent.name,
    persona: agent.compactProfile ? `Compact profile: ${agent.compactProfile}` : renderPersona(agent.spec),
    trajectory: renderWindow(agent.trajectory(), context.firstN, context.lastN),
    firstN: context.firstN,
    lastN: context.lastN,
    candidate,
    scored,
  });
  const schema = batchScoresSchema(checks, candidate.length);
  const wanted = new Map(pairs.map((p) => [pairKey(p.index + 1, p.check), p]));
  const found = new Map<string, PairScore>();

  const ask = async (requestMessages: ChatMessage[], asked: readonly JudgedPair[]) => {
    const result = await context.model.complete({
      task: 'correction.score',
      schemaName: 'correction_batch',
      messages: requestMessages,
      schema,
      temperature: 0,
      promptCacheKey: personaCacheKey('correction.score', agent.name),
      signal: context.signal,
      attribution: context.attribution,
      hints: {
        batch: true,
        persona: agent.spec,
        agents: [agent.name],
        actions: candidate,
        checks: checkHints,
        pairs: asked.map((p) => ({ action: p.index + 1, check: p.check })),
        recentEvents: agent.trajectory().slice(-context.lastN),
      },
    });
    context.onUsage(result.usage);
    for (const entry of result.value.scores) {
      const key = pairKey(entry.action, entry.check);
      const pair = wanted.get(key);
      if (!pair || !asked.includes(pair)) continue;
      const previous = found.get(key);
      if (!previous || entry.score < previous.score)
        found.set(key, { ...pair, score: entry.score, justification: entry.justification });
    }
    return result.value;
  };

  const answer = await ask(messages, pairs);
  let missing = pairs.filter((p) => !found.has(pairKey(p.index + 1, p.check)));
  if (missing.length > 0) {
    const followUp = renderMissingPairsFollowUp(
      messages,
      answer,
      missing.map((p) => ({ action: p.index + 1, check: p.check })),
    );
    await ask(followUp, missing);
    missing = missing.filter((p) => !found.has(pairKey(p.index + 1, p.check)));
  }
  const fallback = missing.length > 0 ? await scorePairsOneByOne(context, missing) : [];
  const byKey = new Map([...found, ...fallback.map((s) => [pairKey(s.index + 1, s.check), s] as const)]);
  return pairs.map((p) => byKey.get(pairKey(p.index + 1, p.check))!);
}
