import { UserInputError } from '../../engine/errors.js';
import type { WorldCheckpoint } from '../../engine/store/fork-rows.js';

/** Where a fork starts: `now`, after step n of the thread (0: before its first step), or before its latest step. */
export type ForkFrom = number | 'now' | undefined;

/** The parent checkpoint a fork copies (undefined: the parent as it is now) and a description of it. */
export interface ForkPoint {
  checkpoint?: number;
  /** Steps of the parent thread kept, and how many it has. */
  kept: number;
  steps: number;
  description: string;
}

/**
 * Resolves `/fork --from` against the parent's checkpoints. A thread's steps are the commits that
 * wrote to it (the opening question and its answers is step 1, each follow-up or discussion round
 * the next). Without `--from` the fork replaces the thread's latest step (it keeps what came before
 * it, so the changed stimulus is the one difference); `--from n` keeps steps 1…n; `--from now`
 * keeps everything.
 *
 * @example
 *   resolveForkPoint(checkpoints, '1700.1', undefined); // { checkpoint: 3, kept: 1, steps: 2, … }
 */
export function resolveForkPoint(
  checkpoints: readonly WorldCheckpoint[],
  threadKey: string | undefined,
  from: ForkFrom,
): ForkPoint {
  const steps = threadKey ? checkpoints.filter((checkpoint) => checkpoint.threadKeys.includes(threadKey)) : [];
  const total = steps.length;
  if (from === 'now' || !total) {
    if (typeof from === 'number' && from > 0) throw noSuchStep(from, total);
    return { kept: total, steps: total, description: total ? `after all ${total} steps of the thread` : 'from now' };
  }
  const kept = from ?? total - 1;
  if (kept > total) throw noSuchStep(kept, total);
  if (kept === total) return { kept, steps: total, description: `after all ${total} steps of the thread` };
  // The checkpoint just before step kept+1 is the state after step `kept` (and whatever other threads did meanwhile).
  const before = steps[kept].number - 1;
  if (before === 0 && steps[kept].fromSeq > 1 && checkpoints[0] === steps[kept])
    throw new UserInputError(
      'fork.no-history',
      'This thread started before steps were recorded, so it can only be forked from now.',
      '/fork --from now "Would you still buy it at $12?"',
    );
  return {
    checkpoint: before,
    kept,
    steps: total,
    description: kept ? `after step ${kept} of ${total} of the thread` : 'before the thread’s first question',
  };
}

function noSuchStep(step: number, total: number): UserInputError {
  return new UserInputError(
    'fork.no-step',
    total
      ? `There is no step ${step}: this thread has ${total} step${total > 1 ? 's' : ''}; --from takes 0 to ${total} (or now).`
      : 'This conversation has no recorded steps yet; fork from now.',
    `/fork --from ${Math.max(0, total - 1)} "Would you still buy it at $12?"`,
  );
}
