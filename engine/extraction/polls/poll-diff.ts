import { fisherExact } from '../../stats/exact.js';
import { mcnemarExact, wilcoxonSignedRank } from '../../stats/paired.js';
import { mannWhitneyU } from '../../stats/two-sample.js';
import type { PollAnswer } from './ask.js';
import { compareAnswers, type PollComparison } from './compare.js';
import type { PollDefinition } from './definition.js';

/** Two threads' answers to the same poll, compared with the test that fits the kind and the counts. */
export interface PollDiff {
  poll: PollDefinition;
  /** The main test: Fisher (2×2 with a small expected count) or chi-square for choices; Mann-Whitney (Likert) or Welch (numbers) for scales. */
  test: 'fisher' | 'chi-square' | 'mann-whitney' | 'welch-t';
  p: number;
  effect: { name: 'odds-ratio' | 'cramers-v' | 'rank-biserial' | 'cohens-d'; value: number };
  /** The other scale test, for reference (Welch beside Mann-Whitney and the reverse). */
  secondary?: {
    test: 'welch-t' | 'mann-whitney';
    p: number;
    effect: { name: 'cohens-d' | 'rank-biserial'; value: number };
  };
  /** The same personas answered in both threads (a fork): the paired test on them. */
  paired?: { test: 'mcnemar' | 'wilcoxon'; n: number; p: number };
  comparison: PollComparison;
  notes: string[];
}

/** Rank-biserial correlation of Mann-Whitney's U for a vs b: (2U)/(n₁n₂) − 1, from −1 to 1. */
function rankBiserial(u: number, n1: number, n2: number): number {
  return (2 * u) / (n1 * n2) - 1;
}

/**
 * Compares two threads' answers to one poll (same kind and options): categorical kinds with Fisher's
 * exact test when the table is 2×2 and an expected count is below 5 (odds ratio), else chi-square
 * (Cramér's V); Likert with Mann-Whitney (rank-biserial) and Welch beside it; numbers with Welch
 * (Cohen's d) and Mann-Whitney beside it. When personas answered in both threads (a fork of the same
 * panel), the paired test on them is added (McNemar for yes/no, Wilcoxon signed-rank for scales).
 *
 * @example
 *   diffPolls(poll, ['parent', parentAnswers], ['fork', forkAnswers]).p;
 */
export function diffPolls(
  poll: PollDefinition,
  a: readonly [string, readonly PollAnswer[]],
  b: readonly [string, readonly PollAnswer[]],
): PollDiff {
  const comparison = compareAnswers(poll, a, b);
  const notes = [...comparison.notes];
  let diff: PollDiff;
  if (poll.kind === 'likert' || poll.kind === 'numeric') {
    const left = a[1].map((answer) => Number(answer.value));
    const right = b[1].map((answer) => Number(answer.value));
    const mw = mannWhitneyU(left, right);
    const mwPart = {
      test: 'mann-whitney' as const,
      p: mw.p,
      effect: { name: 'rank-biserial' as const, value: rankBiserial(mw.u, left.length, right.length) },
    };
    const welchPart = {
      test: 'welch-t' as const,
      p: comparison.pValue,
      effect: { name: 'cohens-d' as const, value: comparison.effectSize.value },
    };
    const [main, other] = poll.kind === 'likert' ? [mwPart, welchPart] : [welchPart, mwPart];
    diff = { poll, test: main.test, p: main.p, effect: main.effect, secondary: other, comparison, notes };
  } else {
    const counts = comparison.groups.map((group) => Object.values(group.counts ?? {}));
    const used = counts[0].map((_, index) => index).filter((index) => counts[0][index] + counts[1][index] > 0);
    const small = comparison.notes.some((note) => note.includes('expected counts are below 5'));
    if (used.length === 2 && small && poll.kind !== 'multiple-choice') {
      const table: [[number, number], [number, number]] = [
        [counts[0][used[0]], counts[0][used[1]]],
        [counts[1][used[0]], counts[1][used[1]]],
      ];
      const fisher = fisherExact(table);
      const kept = notes.filter((note) => !note.includes('chi-square p-value is approximate'));
      kept.push('Small counts in a 2×2 table: Fisher’s exact test instead of chi-square.');
      diff = {
        poll,
        test: 'fisher',
        p: fisher.p,
        effect: { name: 'odds-ratio', value: fisher.oddsRatio },
        comparison,
        notes: kept,
      };
    } else {
      diff = {
        poll,
        test: 'chi-square',
        p: comparison.pValue,
        effect: { name: 'cramers-v', value: comparison.effectSize.value },
        comparison,
        notes,
      };
    }
  }
  const paired = pairedTest(poll, a[1], b[1]);
  if (paired) {
    diff.paired = paired;
    diff.notes.push(
      `The same ${paired.n} personas answered in both threads, so the paired test (${paired.test === 'mcnemar' ? 'McNemar' : 'Wilcoxon signed-rank'}) is the one to read; the unpaired test treats them as independent groups.`,
    );
  }
  return diff;
}

function pairedTest(
  poll: PollDefinition,
  a: readonly PollAnswer[],
  b: readonly PollAnswer[],
): PollDiff['paired'] | undefined {
  const later = new Map(b.map((answer) => [answer.personaId, answer]));
  const pairs = a.flatMap((answer) => {
    const other = later.get(answer.personaId);
    return other ? [[answer, other] as const] : [];
  });
  if (pairs.length < 2) return undefined;
  if (poll.kind === 'yes-no') {
    const test = mcnemarExact(
      pairs.map(([first]) => first.value === 'yes'),
      pairs.map(([, second]) => second.value === 'yes'),
    );
    return { test: 'mcnemar', n: pairs.length, p: test.p };
  }
  if (poll.kind === 'likert' || poll.kind === 'numeric') {
    const test = wilcoxonSignedRank(
      pairs.map(([first]) => Number(first.value)),
      pairs.map(([, second]) => Number(second.value)),
    );
    return { test: 'wilcoxon', n: pairs.length, p: test.p };
  }
  return undefined;
}
