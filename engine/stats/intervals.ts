import jStat from 'jstat';
import { UserInputError } from '../errors.js';
import { checkWeights, effectiveSampleSize, mean, requireValues, sd, weightedMean } from './descriptive.js';

/** A two-sided 95% interval around an estimate. */
export interface ConfidenceInterval {
  estimate: number;
  low: number;
  high: number;
  /** Sample size behind the interval (the effective one for weighted proportions). */
  n: number;
}

const Z95 = 1.959963984540054;

/**
 * t-based 95% confidence interval of a mean (mean ± t(0.975, n-1)·sd/√n).
 * @example confidenceInterval95([5, 6, 7]) // { estimate: 6, low: 3.516…, high: 8.484…, n: 3 }
 */
export function confidenceInterval95(values: readonly number[]): ConfidenceInterval {
  requireValues(values, 2, 'confidenceInterval95');
  const m = mean(values);
  const n = values.length;
  const half = jStat.studentt.inv(0.975, n - 1) * (sd(values) / Math.sqrt(n));
  return { estimate: m, low: m - half, high: m + half, n };
}

/**
 * Wilson score 95% interval of a proportion (behaves well near 0 and 1 and for small n).
 * @example wilsonInterval95(8, 10) // { estimate: 0.8, low: 0.490…, high: 0.943…, n: 10 }
 */
export function wilsonInterval95(successes: number, n: number): ConfidenceInterval {
  if (!(n > 0) || successes < 0 || successes > n) {
    throw new UserInputError(
      'stats.bad_proportion',
      `Need 0 <= successes <= n and n > 0, got ${successes} of ${n}.`,
      'wilsonInterval95(8, 10)',
    );
  }
  return wilson(successes / n, n);
}

/**
 * Weighted Wilson 95% interval: the weighted proportion with Kish's effective sample size in place of n,
 * so uneven weights widen the interval as they should.
 * @example weightedWilsonInterval95([true, false, true], [2, 1, 1])
 */
export function weightedWilsonInterval95(
  outcomes: readonly (boolean | number)[],
  weights: readonly number[],
): ConfidenceInterval {
  checkWeights(weights, outcomes.length);
  const values = outcomes.map((o) => (typeof o === 'boolean' ? (o ? 1 : 0) : o));
  if (values.some((v) => v < 0 || v > 1)) {
    throw new UserInputError(
      'stats.bad_proportion',
      'Outcomes must be booleans or numbers in [0, 1].',
      'weightedWilsonInterval95([true, false], [1, 2])',
    );
  }
  return wilson(weightedMean(values, weights), effectiveSampleSize(weights));
}

function wilson(p: number, n: number): ConfidenceInterval {
  const z2 = Z95 * Z95;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { estimate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half), n };
}
