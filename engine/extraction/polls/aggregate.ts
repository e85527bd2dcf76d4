import jStat from 'jstat';
import {
  confidenceInterval95,
  effectiveSampleSize,
  mean,
  median,
  sd,
  weightedMean,
  weightedWilsonInterval95,
  wilsonInterval95,
} from '../../stats/index.js';
import type { Provenance } from '../provenance.js';
import type { PollAnswer, PollRun } from './ask.js';
import { scaleMidpoint, type PollDefinition } from './definition.js';

/** A 95% interval. */
export interface Interval {
  low: number;
  high: number;
}

/** One option (or scale point, or open-ended category) with its count and share. */
export interface OptionTally {
  option: string;
  count: number;
  /** count / respondents (for multiple choice shares can sum above 1). */
  share: number;
  /** Wilson 95% interval of the share. */
  ci: Interval;
  weightedShare?: number;
  /** Wilson interval with Kish's effective sample size. */
  weightedCi?: Interval;
}

/** Mean and spread of a scale or numeric poll. */
export interface ScaleStats {
  n: number;
  mean: number;
  sd: number | null;
  median: number;
  min: number;
  max: number;
  /** t-based 95% interval of the mean (null below 2 answers). */
  ci: Interval | null;
  weightedMean?: number;
  weightedCi?: Interval | null;
}

/** A caution shown with the results. */
export interface PollWarning {
  code: 'midpoint-bunching' | 'low-spread' | 'no-extremes' | 'small-sample' | 'missing-weights' | 'failed-answers';
  message: string;
}

/**
 * Aggregated poll results: tallies for every kind, scale statistics for Likert and numeric polls,
 * weighted figures when weights exist, and warnings.
 */
export interface PollResults {
  poll: PollDefinition;
  n: number;
  options: OptionTally[];
  scale?: ScaleStats;
  weighted: boolean;
  warnings: PollWarning[];
  provenance?: Provenance;
}

/** Maps each answer to the options it selects (open-ended answers through their category). */
export type AnswerCategorizer = (answer: PollAnswer) => string[];

/** Options of an aggregation. */
export interface AggregateOptions {
  /** Weights by persona id; a persona without a weight counts 1 (and a warning says so). */
  weights?: Record<string, number>;
  /** Category of each open-ended answer by persona id (from the Normalizer). */
  openCategories?: Record<string, string>;
  /** Category names in display order for open-ended polls. */
  openCategoryNames?: string[];
  failures?: number;
  provenance?: Provenance;
}

/** The option list a poll tallies over, in display order. */
export function pollOptions(poll: PollDefinition, openCategoryNames: string[] = []): string[] {
  switch (poll.kind) {
    case 'yes-no':
      return ['yes', 'no'];
    case 'single-choice':
    case 'multiple-choice':
      return poll.options;
    case 'likert':
      return Array.from({ length: poll.points }, (_, index) => String(index + 1));
    case 'numeric':
      return [];
    case 'open-ended':
      return openCategoryNames;
  }
}

/** The selected options of one answer. */
export function selectedOptions(
  poll: PollDefinition,
  answer: PollAnswer,
  openCategories: Record<string, string> = {},
): string[] {
  if (poll.kind === 'open-ended') return openCategories[answer.personaId] ? [openCategories[answer.personaId]] : [];
  if (Array.isArray(answer.value)) return answer.value;
  return [String(answer.value)];
}

/**
 * Aggregates answers: counts and shares with Wilson intervals, mean/sd/t-interval for scales,
 * weighted variants when weights are given, and a midpoint warning for bunched scales.
 *
 * @example
 *   const results = aggregatePoll(run.poll, run.answers, { weights: run.weights });
 *   results.options[0]; // { option: 'yes', count: 7, share: 0.7, ci: { low: 0.397, high: 0.892 } }
 */
export function aggregatePoll(
  poll: PollDefinition,
  answers: readonly PollAnswer[],
  options: AggregateOptions = {},
): PollResults {
  const warnings: PollWarning[] = [];
  const weights = options.weights ? answers.map((answer) => options.weights?.[answer.personaId] ?? 1) : undefined;
  if (options.weights && answers.some((answer) => options.weights?.[answer.personaId] === undefined)) {
    warnings.push({
      code: 'missing-weights',
      message: 'Some personas have no alignment weight; they count with weight 1.',
    });
  }
  const n = answers.length;
  const tallies = pollOptions(poll, options.openCategoryNames).map((option, optionIndex) => {
    // An SSR answer (Likert) counts its probability for each point rather than 1 for one point.
    const hits = answers.map((answer) =>
      poll.kind === 'likert' && answer.distribution
        ? (answer.distribution[optionIndex] ?? 0)
        : selectedOptions(poll, answer, options.openCategories).includes(option)
          ? 1
          : 0,
    );
    const count = hits.reduce((sum, hit) => sum + hit, 0);
    const tally: OptionTally = {
      option,
      count,
      share: n ? count / n : 0,
      ci: n ? interval(wilsonInterval95(count, n)) : { low: 0, high: 0 },
    };
    if (weights && n) {
      const weighted = weightedWilsonInterval95(hits, weights);
      tally.weightedShare = weighted.estimate;
      tally.weightedCi = interval(weighted);
    }
    return tally;
  });
  let scale: ScaleStats | undefined;
  if ((poll.kind === 'likert' || poll.kind === 'numeric') && n) {
    scale = scaleStats(
      answers.map((answer) =>
        answer.distribution
          ? answer.distribution.reduce((sum, p, index) => sum + p * (index + 1), 0)
          : Number(answer.value),
      ),
      weights,
    );
  }
  if (poll.kind === 'likert' && scale) warnings.push(...midpointWarnings(poll.points, tallies, scale));
  if (n > 0 && n < 10)
    warnings.push({
      code: 'small-sample',
      message: `Only ${n} answers: intervals are wide; read the results as directional.`,
    });
  if (options.failures)
    warnings.push({
      code: 'failed-answers',
      message: `${options.failures} persona(s) did not give a valid answer and are left out.`,
    });
  return { poll, n, options: tallies, scale, weighted: Boolean(weights), warnings, provenance: options.provenance };
}

/** Aggregates a poll run (closed kinds; open-ended needs `openCategories`, see `analyzePoll`). */
export function aggregateRun(
  run: PollRun,
  options: Omit<AggregateOptions, 'weights' | 'failures' | 'provenance'> = {},
): PollResults {
  return aggregatePoll(run.poll, run.answers, {
    ...options,
    weights: run.weights,
    failures: run.failures.length,
    provenance: run.provenance,
  });
}

function interval(ci: { low: number; high: number }): Interval {
  return { low: ci.low, high: ci.high };
}

/** Mean, sd and 95% intervals; the weighted interval uses Kish's effective sample size with a t quantile. */
export function scaleStats(values: readonly number[], weights?: readonly number[]): ScaleStats {
  const stats: ScaleStats = {
    n: values.length,
    mean: mean(values),
    sd: values.length >= 2 ? sd(values) : null,
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    ci: values.length >= 2 ? interval(confidenceInterval95(values)) : null,
  };
  if (weights) {
    const wMean = weightedMean(values, weights);
    stats.weightedMean = wMean;
    stats.weightedCi = weightedMeanInterval(values, weights, wMean);
  }
  return stats;
}

function weightedMeanInterval(values: readonly number[], weights: readonly number[], wMean: number): Interval | null {
  const nEff = effectiveSampleSize(weights);
  if (values.length < 2 || nEff <= 1) return null;
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  // Weighted variance with the effective-sample-size correction, so equal weights reproduce the unweighted sd.
  const variance =
    (weights.reduce((sum, weight, index) => sum + weight * (values[index] - wMean) ** 2, 0) / total) *
    (nEff / (nEff - 1));
  const half = jStat.studentt.inv(0.975, nEff - 1) * Math.sqrt(variance / nEff);
  return { low: wMean - half, high: wMean + half };
}

/**
 * Simulated panels tend to avoid extreme ratings (TinyTroupe paper, bottled gazpacho study): warn when
 * over half the answers sit on the midpoint, the spread is very low, or nobody used either end.
 */
export function midpointWarnings(points: number, tallies: readonly OptionTally[], scale: ScaleStats): PollWarning[] {
  const warnings: PollWarning[] = [];
  const midpoint = scaleMidpoint(points);
  const atMidpoint = tallies.find((tally) => tally.option === String(midpoint));
  if (atMidpoint && atMidpoint.share > 0.5) {
    warnings.push({
      code: 'midpoint-bunching',
      message: `${Math.round(atMidpoint.share * 100)}% of answers are at the midpoint (${midpoint}); simulated panels tend to avoid extremes, so read this as directional.`,
    });
  }
  if (scale.n >= 5 && scale.sd !== null && scale.sd < 0.6) {
    warnings.push({
      code: 'low-spread',
      message: `Answers barely vary (sd ${scale.sd.toFixed(2)} on a 1–${points} scale); real panels usually spread more.`,
    });
  }
  const extremes = tallies
    .filter((tally) => tally.option === '1' || tally.option === String(points))
    .reduce((sum, tally) => sum + tally.count, 0);
  if (scale.n >= 10 && extremes === 0) {
    warnings.push({
      code: 'no-extremes',
      message: `Nobody answered 1 or ${points}; simulated panels tend to avoid extreme ratings.`,
    });
  }
  return warnings;
}
