import type { ActingAgent } from '../agent/agent-port.js';
import type { Action } from '../agent/events.js';
import type { CallAttribution, LanguageModel, Usage } from '../llm/port.js';
import { type ActionCheckName, actionPropositions } from './standard-propositions.js';
import { formatAction } from './text.js';

/** One (action, check) pair to score; `index` is the action's 0-based position in the candidate turn. */
export interface JudgedPair {
  index: number;
  action: Action;
  check: ActionCheckName;
}

/** A scored pair. */
export interface PairScore extends JudgedPair {
  score: number;
  justification: string;
}

/** What both judge modes need to score a candidate turn. */
export interface TurnJudgeContext {
  agent: ActingAgent;
  candidate: readonly Action[];
  model: LanguageModel;
  firstN: number;
  lastN: number;
  attribution?: CallAttribution;
  signal?: AbortSignal;
  /** Called with every judge call's usage (the corrector tallies calls and tokens from it). */
  onUsage: (usage: Usage | undefined) => void;
}

/** The proposition of one action-level check, bound to the agent (task `correction.*`). */
export function checkProposition(
  context: Pick<TurnJudgeContext, 'agent' | 'model' | 'firstN' | 'lastN' | 'attribution'>,
  check: ActionCheckName,
) {
  return actionPropositions[check](context.agent, {
    model: context.model,
    taskPrefix: 'correction',
    firstN: context.firstN,
    lastN: context.lastN,
    attribution: context.attribution,
  });
}

/**
 * Scores each pair with its own proposition call (the `per-check` mode, and the batched mode's last
 * resort for pairs the model kept leaving out). Each call re-sends the trajectory window.
 *
 * @example
 *   await scorePairsOneByOne(context, [{ index: 0, action, check: 'fluency' }]);
 */
export async function scorePairsOneByOne(
  context: TurnJudgeContext,
  pairs: readonly JudgedPair[],
): Promise<PairScore[]> {
  const propositions = new Map<ActionCheckName, ReturnType<typeof checkProposition>>();
  for (const { check } of pairs)
    if (!propositions.has(check)) propositions.set(check, checkProposition(context, check));
  return Promise.all(
    pairs.map(async (pair): Promise<PairScore> => {
      const turnSoFar = context.candidate.slice(0, pair.index).map(formatAction).join('\n') || '(none)';
      const result = await propositions
        .get(pair.check)!
        .score({ action: pair.action, turn_so_far: turnSoFar }, context.signal);
      context.onUsage(result.usage);
      return { ...pair, score: result.value, justification: result.justification };
    }),
  );
}
