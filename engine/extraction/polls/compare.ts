import { UserInputError } from '../../errors.js';
import { chiSquareTest, cohensD, mean, welchTTest } from '../../stats/index.js';
import type { PersonaSpec } from '../../agent/persona-spec.js';
import type { PollAnswer, PollRun } from './ask.js';
import { pollOptions, selectedOptions } from './aggregate.js';
import { answersInSegment, type Dimension } from './breakdown.js';
import type { PollDefinition } from './definition.js';

/** A comparison of two groups of answers to the same poll. */
export interface PollComparison {
  test: 'chi-square' | 'welch-t';
  statistic: number;
  df: number;
  pValue: number;
  effectSize: { name: 'cramers-v' | 'cohens-d'; value: number };
  groups: { label: string; n: number; mean?: number; counts?: Record<string, number> }[];
  /** Caveats (e.g. multiple choice counts selections, options nobody chose were dropped). */
  notes: string[];
}

/** Options for comparing open-ended polls (category of each answer by persona id). */
export interface CompareOptions {
  openCategories?: Record<string, string>;
  openCategoryNames?: string[];
}

/**
 * Compares two groups of answers to one poll: chi-square (Cramér's V) for categorical kinds, Welch's
 * t (Cohen's d) for Likert and numeric.
 *
 * @example
 *   compareAnswers(poll, ['under 35', young], ['35+', older]).pValue;
 */
export function compareAnswers(
  poll: PollDefinition,
  a: readonly [string, readonly PollAnswer[]],
  b: readonly [string, readonly PollAnswer[]],
  options: CompareOptions = {},
): PollComparison {
  if (poll.kind === 'likert' || poll.kind === 'numeric') {
    const left = a[1].map((answer) => Number(answer.value));
    const right = b[1].map((answer) => Number(answer.value));
    if (left.length < 2 || right.length < 2) {
      throw new UserInputError(
        'poll.compare.too_few',
        `Comparing needs at least 2 answers in each group (got ${left.length} and ${right.length}).`,
        'compare two segments with several personas each',
      );
    }
    const test = welchTTest(left, right);
    return {
      test: 'welch-t',
      statistic: test.t,
      df: test.df,
      pValue: test.p,
      effectSize: { name: 'cohens-d', value: cohensD(left, right) },
      groups: [
        { label: a[0], n: left.length, mean: mean(left) },
        { label: b[0], n: right.length, mean: mean(right) },
      ],
      notes: [],
    };
  }
  const notes: string[] = [];
  const all = pollOptions(poll, options.openCategoryNames);
  const count = (answers: readonly PollAnswer[]) =>
    all.map(
      (option) =>
        answers.filter((answer) => selectedOptions(poll, answer, options.openCategories).includes(option)).length,
    );
  const left = count(a[1]);
  const right = count(b[1]);
  const kept = all.map((_, index) => index).filter((index) => left[index] + right[index] > 0);
  if (kept.length < all.length)
    notes.push(`Options nobody chose were left out: ${all.filter((_, index) => !kept.includes(index)).join(', ')}.`);
  if (poll.kind === 'multiple-choice')
    notes.push(
      'Multiple choice: the test counts selections, which are not independent answers; read the p-value as indicative.',
    );
  const groups = [
    { label: a[0], n: a[1].length, counts: Object.fromEntries(all.map((option, index) => [option, left[index]])) },
    { label: b[0], n: b[1].length, counts: Object.fromEntries(all.map((option, index) => [option, right[index]])) },
  ];
  if (kept.length < 2 || a[1].length === 0 || b[1].length === 0) {
    notes.push('Not enough variation to test: both groups gave the same single answer or a group is empty.');
    return {
      test: 'chi-square',
      statistic: 0,
      df: 0,
      pValue: 1,
      effectSize: { name: 'cramers-v', value: 0 },
      groups,
      notes,
    };
  }
  const table = [kept.map((index) => left[index]), kept.map((index) => right[index])];
  const test = chiSquareTest(table);
  if (test.expected.flat().some((value) => value < 5))
    notes.push('Some expected counts are below 5; the chi-square p-value is approximate.');
  return {
    test: 'chi-square',
    statistic: test.chi2,
    df: test.df,
    pValue: test.p,
    effectSize: { name: 'cramers-v', value: test.cramersV },
    groups,
    notes,
  };
}

/** Compares two runs of the same poll (e.g. before and after a change, or two panels). */
export function comparePolls(
  first: PollRun,
  second: PollRun,
  labels: [string, string] = ['first', 'second'],
  options: CompareOptions = {},
): PollComparison {
  if (
    first.poll.kind !== second.poll.kind ||
    JSON.stringify(pollOptions(first.poll)) !== JSON.stringify(pollOptions(second.poll))
  ) {
    throw new UserInputError(
      'poll.compare.mismatch',
      'Only polls of the same kind with the same options can be compared.',
      'compare two runs of the same yes-no poll',
    );
  }
  return compareAnswers(first.poll, [labels[0], first.answers], [labels[1], second.answers], options);
}

/** Compares two segments of one run, e.g. age bands `18-24` vs `55-64`. */
export function compareSegments(
  run: PollRun,
  specs: ReadonlyMap<string, PersonaSpec> | Record<string, PersonaSpec>,
  dimension: Dimension,
  segments: [string, string],
  options: CompareOptions = {},
): PollComparison {
  const [a, b] = segments.map((segment) => answersInSegment(run.answers, specs, dimension, segment));
  return compareAnswers(run.poll, [segments[0], a], [segments[1], b], options);
}
