import { UserInputError } from '../errors.js';

/** Fisher's exact test on a 2×2 table; `oddsRatio` is the sample odds ratio (a·d)/(b·c), like scipy's. */
export interface FisherResult {
  oddsRatio: number;
  p: number;
}

function logFactorial(n: number): number {
  let sum = 0;
  for (let k = 2; k <= n; k++) sum += Math.log(k);
  return sum;
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

/**
 * Two-sided exact binomial p for `k` successes in `n` trials at ½: 2·P(X ≤ min(k, n−k)), at most 1
 * (the same as `scipy.stats.binomtest(k, n, 0.5).pvalue`, which is symmetric at ½).
 *
 * @example binomialTwoSided(1, 7) // 0.125
 */
export function binomialTwoSided(k: number, n: number): number {
  const low = Math.min(k, n - k);
  let tail = 0;
  for (let i = 0; i <= low; i++) tail += Math.exp(logChoose(n, i) - n * Math.LN2);
  return Math.min(1, 2 * tail);
}

/**
 * Fisher's exact test, two-sided: the probability of every table with the same margins that is no
 * more likely than the observed one (scipy's `fisher_exact`, relative tolerance 1e-7).
 *
 * @example fisherExact([[8, 2], [1, 5]]) // { oddsRatio: 20, p: 0.03496… }
 */
export function fisherExact(table: readonly [readonly [number, number], readonly [number, number]]): FisherResult {
  const [[a, b], [c, d]] = table;
  for (const value of [a, b, c, d])
    if (!Number.isInteger(value) || value < 0)
      throw new UserInputError(
        'stats.counts',
        'fisherExact: counts must be whole numbers ≥ 0.',
        'fisherExact([[8, 2], [1, 5]])',
      );
  const row1 = a + b;
  const col1 = a + c;
  const n = a + b + c + d;
  const logP = (x: number) => logChoose(col1, x) + logChoose(n - col1, row1 - x) - logChoose(n, row1);
  const observed = logP(a);
  let p = 0;
  for (let x = Math.max(0, row1 + col1 - n); x <= Math.min(row1, col1); x++) {
    const value = logP(x);
    if (value <= observed + Math.log1p(1e-7)) p += Math.exp(value);
  }
  const oddsRatio = b * c === 0 ? (a * d === 0 ? Number.NaN : Infinity) : (a * d) / (b * c);
  return { oddsRatio, p: Math.min(1, p) };
}
