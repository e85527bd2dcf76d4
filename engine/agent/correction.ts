import { ModelBehaviorError } from '../errors.js';
import type { ActingAgent, TurnReview, TurnReviewer } from './agent-port.js';
import type { NormalizedTurn } from './turn.js';
import { describeActions } from './turn.js';

/** Per-agent statistics of action correction. */
export interface CorrectionStats {
  /** Reviews run. */
  checks: number;
  /** Reviews that rejected the candidate. */
  failures: number;
  /** Extra act calls made to regenerate a rejected turn. */
  regenerations: number;
  /** Turns where every attempt failed (the best was kept, or an error raised). */
  exhausted: number;
  /** Tokens spent on reviews and regenerations (input + output). */
  extraTokens: number;
}

export function emptyCorrectionStats(): CorrectionStats {
  return { checks: 0, failures: 0, regenerations: 0, exhausted: 0, extraTokens: 0 };
}

/** One generated candidate with its token cost. */
export interface Candidate<S> {
  turn: NormalizedTurn;
  state: S;
  tokens: number;
}

/**
 * Runs the review/regenerate loop: review the candidate; when rejected, regenerate with the
 * feedback up to `reviewer.maxAttempts` more times; keep the best-scoring attempt if all fail
 * (or throw `agent.correction_exhausted` when `onExhausted` is `raise`).
 */
export async function correctTurn<S>(
  agent: ActingAgent,
  reviewer: TurnReviewer,
  first: Candidate<S>,
  regenerate: (feedback: { previous: string; feedback: string }) => Promise<Candidate<S>>,
  stats: CorrectionStats,
  signal?: AbortSignal,
): Promise<Candidate<S>> {
  let candidate = first;
  let best: { candidate: Candidate<S>; review: TurnReview } | undefined;
  for (let attempt = 0; ; attempt++) {
    if (candidate.turn.actions.length === 0) return candidate;
    const review = await reviewer.review(agent, candidate.turn.actions, signal);
    stats.checks++;
    stats.extraTokens += (review.usage?.inputTokens ?? 0) + (review.usage?.outputTokens ?? 0);
    if (review.accepted) return candidate;
    stats.failures++;
    if (!best || review.score > best.review.score) best = { candidate, review };
    if (attempt >= reviewer.maxAttempts) break;
    candidate = await regenerate({ previous: describeActions(candidate.turn.actions), feedback: review.feedback });
    stats.regenerations++;
    stats.extraTokens += candidate.tokens;
  }
  stats.exhausted++;
  if (reviewer.onExhausted === 'raise') {
    throw new ModelBehaviorError(
      'agent.correction_exhausted',
      `${agent.name}'s turn failed review after ${reviewer.maxAttempts + 1} attempts (best score ${best!.review.score}): ${best!.review.feedback}`,
    );
  }
  return best!.candidate;
}
