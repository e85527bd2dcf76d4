import jStat from 'jstat';
import { UserInputError } from '../errors.js';
import { mean, requireValues, variance } from './descriptive.js';
import { wilsonInterval95 } from './intervals.js';

/** A difference of two estimates (first − second) with its 95% interval. */
export interface DifferenceInterval {
  difference: number;
  low: number;
  high: number;
}

/**
 * Newcombe's hybrid score interval (method 10) for the difference of two independent proportions,
 * built from both Wilson intervals; sound for small n and shares near 0 or 1.
 * @example proportionDifferenceInterval95(7, 10, 3, 10) // { difference: 0.4, low: -0.004…, high: 0.690… }
 */
export function proportionDifferenceInterval95(
  successes1: number,
  n1: number,
  successes2: number,
  n2: number,
): DifferenceInterval {
  const a = wilsonInterval95(successes1, n1);
  const b = wilsonInterval95(successes2, n2);
  const difference = a.estimate - b.estimate;
  return {
    difference,
    low: difference - Math.sqrt((a.estimate - a.low) ** 2 + (b.high - b.estimate) ** 2),
    high: difference + Math.sqrt((a.high - a.estimate) ** 2 + (b.estimate - b.low) ** 2),
  };
}

/**
 * Welch 95% interval of the difference of two means (first − second).
 * @example meanDifferenceInterval95([1, 2, 3, 4], [3, 4, 5, 6]) // { difference: -2, low: -4.23…, high: 0.23… }
 */
export function meanDifferenceInterval95(a: readonly number[], b: readonly number[]): DifferenceInterval {
  requireValues(a, 2, 'meanDifferenceInterval95');
  requireValues(b, 2, 'meanDifferenceInterval95');
  const va = variance(a) / a.length;
  const vb = variance(b) / b.length;
  const difference = mean(a) - mean(b);
  const se = Math.sqrt(va + vb);
  if (!(se > 0)) return { difference, low: difference, high: difference };
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const half = jStat.studentt.inv(0.975, df) * se;
  if (!Number.isFinite(half))
    throw new UserInputError(
      'stats.not_finite',
      'The interval could not be computed.',
      'meanDifferenceInterval95([1, 2], [2, 3])',
    );
  return { difference, low: difference - half, high: difference + half };
}
