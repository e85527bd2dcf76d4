import { UserInputError } from '../errors.js';

/** Throws a UserInputError unless `values` holds at least `min` finite numbers. */
export function requireValues(values: readonly number[], min: number, what: string): void {
  if (values.length < min) {
    throw new UserInputError(
      'stats.too_few_values',
      `${what} needs at least ${min} value(s), got ${values.length}.`,
      `${what}([3, 4, 5])`,
    );
  }
  if (values.some((v) => !Number.isFinite(v))) {
    throw new UserInputError(
      'stats.not_finite',
      `${what} got a value that is not a finite number.`,
      `${what}([3, 4, 5])`,
    );
  }
}

/**
 * Arithmetic mean.
 * @example mean([1, 2, 3]) // 2
 */
export function mean(values: readonly number[]): number {
  requireValues(values, 1, 'mean');
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Sample variance (n - 1 denominator).
 * @example variance([1, 2, 3, 4]) // 1.666…
 */
export function variance(values: readonly number[]): number {
  requireValues(values, 2, 'variance');
  const m = mean(values);
  let ss = 0;
  for (const v of values) ss += (v - m) ** 2;
  return ss / (values.length - 1);
}

/**
 * Sample standard deviation (n - 1 denominator, like R's `sd` and pandas' `std`).
 * @example sd([2, 4, 4, 4, 5, 5, 7, 9]) // 2.138…
 */
export function sd(values: readonly number[]): number {
  return Math.sqrt(variance(values));
}

/**
 * Median (mean of the two middle values for an even count).
 * @example median([3, 1, 2]) // 2
 */
export function median(values: readonly number[]): number {
  requireValues(values, 1, 'median');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Weighted mean; weights must be non-negative with a positive sum.
 * @example weightedMean([1, 3], [1, 3]) // 2.5
 */
export function weightedMean(values: readonly number[], weights: readonly number[]): number {
  requireValues(values, 1, 'weightedMean');
  checkWeights(weights, values.length);
  let num = 0;
  let den = 0;
  values.forEach((v, i) => {
    num += v * weights[i];
    den += weights[i];
  });
  return num / den;
}

/**
 * Kish's effective sample size of a set of weights: (Σw)² / Σw². Equal weights give n.
 * @example effectiveSampleSize([1, 1, 1, 1]) // 4
 */
export function effectiveSampleSize(weights: readonly number[]): number {
  checkWeights(weights, weights.length);
  let sum = 0;
  let sumSq = 0;
  for (const w of weights) {
    sum += w;
    sumSq += w * w;
  }
  return (sum * sum) / sumSq;
}

/** Throws a UserInputError unless there is one finite, non-negative weight per value and they do not sum to 0. */
export function checkWeights(weights: readonly number[], expectedLength: number): void {
  if (weights.length !== expectedLength) {
    throw new UserInputError(
      'stats.weight_length',
      `Got ${weights.length} weights for ${expectedLength} values; give one weight per value.`,
      'weightedMean([1, 3], [0.5, 1.5])',
    );
  }
  if (
    weights.length === 0 ||
    weights.some((w) => !Number.isFinite(w) || w < 0) ||
    weights.reduce((a, b) => a + b, 0) <= 0
  ) {
    throw new UserInputError(
      'stats.bad_weights',
      'Weights must be finite, non-negative and not all zero.',
      'weightedMean([1, 3], [0.5, 1.5])',
    );
  }
}
