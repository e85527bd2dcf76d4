import type { Usage } from '../llm/port.js';

/**
 * What action correction did and cost for one agent. `extraInputTokens`/`extraOutputTokens` count the
 * correction's own judge calls (tasks `correction.*`); the regenerated turns themselves are metered
 * under the agent's act task, and their number is `regenerations`.
 */
export interface CorrectionTally {
  /** Turns reviewed (including regenerated candidates). */
  reviews: number;
  /** Individual (action, check) scorings run. */
  checksRun: number;
  /** Scorings below the threshold. */
  failures: number;
  /** Turns rejected (each asks the agent to regenerate, unless attempts are exhausted). */
  rejections: number;
  /** Reviews of a regenerated candidate (a turn produced again after feedback). */
  regenerations: number;
  /** Turns where every attempt failed (kept best or raised). */
  exhausted: number;
  judgeCalls: number;
  extraInputTokens: number;
  extraOutputTokens: number;
}

/** A zeroed tally. */
export function emptyTally(): CorrectionTally {
  return {
    reviews: 0,
    checksRun: 0,
    failures: 0,
    rejections: 0,
    regenerations: 0,
    exhausted: 0,
    judgeCalls: 0,
    extraInputTokens: 0,
    extraOutputTokens: 0,
  };
}

/** Adds a judge call's usage to a tally (cached calls cost nothing). */
export function addUsage(tally: CorrectionTally, usage: Usage | undefined): void {
  if (!usage) return;
  tally.judgeCalls++;
  if (usage.cached) return;
  tally.extraInputTokens += usage.inputTokens;
  tally.extraOutputTokens += usage.outputTokens;
}

/** Sum of several tallies (e.g. all agents of a world). */
export function sumTallies(tallies: Iterable<CorrectionTally>): CorrectionTally {
  const total = emptyTally();
  for (const t of tallies) for (const key of Object.keys(total) as (keyof CorrectionTally)[]) total[key] += t[key];
  return total;
}
