import jStat from 'jstat';
import { mean, requireValues, variance } from './descriptive.js';

/** A t-test result; `p` is two-sided. */
export interface TTestResult {
  t: number;
  df: number;
  p: number;
}

/** A Mann-Whitney U result; `u` is the statistic of the first sample (like scipy), `p` two-sided. */
export interface MannWhitneyResult {
  u: number;
  z: number;
  p: number;
}

/** A two-sample Kolmogorov-Smirnov result; `p` is the asymptotic (limiting-distribution) two-sided value. */
export interface KsResult {
  d: number;
  p: number;
}

function twoSidedT(t: number, df: number): number {
  if (Number.isNaN(t)) return 1;
  if (!Number.isFinite(t)) return 0;
  return Math.min(1, 2 * (1 - jStat.studentt.cdf(Math.abs(t), df)));
}

function ratio(diff: number, se: number): number {
  if (se > 0) return diff / se;
  // Both samples constant: equal means show no difference, unequal ones an unbounded one.
  return diff === 0 ? 0 : Math.sign(diff) * Infinity;
}

/**
 * Welch's t-test (unequal variances), the paper's test for treatment vs control.
 * @example welchTTest([1, 2, 3, 4], [3, 4, 5, 6]) // { t: -2.19…, df: 6, p: 0.0708… }
 */
export function welchTTest(a: readonly number[], b: readonly number[]): TTestResult {
  requireValues(a, 2, 'welchTTest');
  requireValues(b, 2, 'welchTTest');
  const va = variance(a) / a.length;
  const vb = variance(b) / b.length;
  const t = ratio(mean(a) - mean(b), Math.sqrt(va + vb));
  const df =
    va + vb > 0 ? (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1)) : a.length + b.length - 2;
  return { t, df, p: twoSidedT(t, df) };
}

/**
 * Student's t-test with pooled variance (assumes equal variances).
 * @example studentTTest([1, 2, 3, 4], [3, 4, 5, 6]) // { t: -2.19…, df: 6, p: 0.0708… }
 */
export function studentTTest(a: readonly number[], b: readonly number[]): TTestResult {
  requireValues(a, 2, 'studentTTest');
  requireValues(b, 2, 'studentTTest');
  const df = a.length + b.length - 2;
  const pooled = pooledVariance(a, b);
  const t = ratio(mean(a) - mean(b), Math.sqrt(pooled * (1 / a.length + 1 / b.length)));
  return { t, df, p: twoSidedT(t, df) };
}

function pooledVariance(a: readonly number[], b: readonly number[]): number {
  return ((a.length - 1) * variance(a) + (b.length - 1) * variance(b)) / (a.length + b.length - 2);
}

/**
 * Cohen's d: mean difference (a - b) over the pooled sample standard deviation.
 * @example cohensD([1, 2, 3, 4], [3, 4, 5, 6]) // -1.549…
 */
export function cohensD(a: readonly number[], b: readonly number[]): number {
  requireValues(a, 2, 'cohensD');
  requireValues(b, 2, 'cohensD');
  return ratio(mean(a) - mean(b), Math.sqrt(pooledVariance(a, b)));
}

/** Average ranks (1-based) of the values, ties sharing the mean of their positions. */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((x, y) => x[0] - y[0]);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k][1]] = rank;
    i = j + 1;
  }
  return ranks;
}

/**
 * Mann-Whitney U test, normal approximation with tie correction and continuity correction
 * (the same as scipy's `mannwhitneyu(a, b, method='asymptotic')`).
 * @example mannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]) // { u: 0, z: -2.50…, p: 0.0122… }
 */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  requireValues(a, 1, 'mannWhitneyU');
  requireValues(b, 1, 'mannWhitneyU');
  const n1 = a.length;
  const n2 = b.length;
  const n = n1 + n2;
  const ranks = averageRanks([...a, ...b]);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i];
  const u = r1 - (n1 * (n1 + 1)) / 2;
  const tieSizes = new Map<number, number>();
  for (const v of [...a, ...b]) tieSizes.set(v, (tieSizes.get(v) ?? 0) + 1);
  let tieSum = 0;
  for (const t of tieSizes.values()) tieSum += t ** 3 - t;
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieSum / (n * (n - 1))));
  const diff = u - (n1 * n2) / 2;
  if (!(sigma > 0)) return { u, z: 0, p: 1 };
  const z = (Math.sign(diff) * Math.max(0, Math.abs(diff) - 0.5)) / sigma;
  return { u, z, p: Math.min(1, 2 * (1 - jStat.normal.cdf(Math.abs(z), 0, 1))) };
}

/**
 * Two-sample Kolmogorov-Smirnov test; the p-value comes from the limiting Kolmogorov distribution
 * (scipy's `kstwobign.sf(D·√(mn/(m+n)))`), slightly conservative for small samples.
 * @example ksTest([1, 2, 3], [4, 5, 6]) // { d: 1, p: … }
 */
export function ksTest(a: readonly number[], b: readonly number[]): KsResult {
  requireValues(a, 1, 'ksTest');
  requireValues(b, 1, 'ksTest');
  const sa = [...a].sort((x, y) => x - y);
  const sb = [...b].sort((x, y) => x - y);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < sa.length && j < sb.length) {
    const x = Math.min(sa[i], sb[j]);
    while (i < sa.length && sa[i] === x) i++;
    while (j < sb.length && sb[j] === x) j++;
    d = Math.max(d, Math.abs(i / sa.length - j / sb.length));
  }
  const en = (sa.length * sb.length) / (sa.length + sb.length);
  return { d, p: kolmogorovSurvival(d * Math.sqrt(en)) };
}

/**
 * Survival function of the limiting Kolmogorov distribution, Q(λ) = 2 Σ (-1)^(k-1) e^(-2k²λ²).
 * Neither jstat nor simple-statistics ships it; the series converges in a handful of terms.
 */
function kolmogorovSurvival(lambda: number): number {
  if (lambda < 0.2) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += (k % 2 === 1 ? 1 : -1) * term;
    if (term < 1e-16) break;
  }
  return Math.max(0, Math.min(1, 2 * sum));
}
