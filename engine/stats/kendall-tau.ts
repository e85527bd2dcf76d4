import jStat from 'jstat';
import { UserInputError } from '../errors.js';

/** Kendall's tau-b with its two-sided p-value, as SciPy's `kendalltau(x, y)` (method 'auto') gives them. */
export interface KendallTauResult {
  /** tau-b (ties adjusted); NaN when either side is constant. */
  tau: number;
  /** Two-sided p-value for "no association"; NaN when tau is. */
  pValue: number;
  /** 'exact' (the permutation distribution) without ties and n ≤ 33, else 'asymptotic' (normal, tie-corrected). */
  method: 'exact' | 'asymptotic';
}

/**
 * Kendall's tau-b rank correlation (ties adjusted, SciPy's `kendalltau` default statistic); used on option
 * shares to ask whether two distributions rank the options the same way. NaN when either side is constant.
 * @example kendallTau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]) // -0.4714…
 */
export function kendallTau(x: readonly number[], y: readonly number[]): number {
  return kendallTauTest(x, y).tau;
}

/**
 * Kendall's tau-b and its two-sided p-value, following SciPy's `kendalltau` (method 'auto'): without ties and
 * with n ≤ 33 (or at most one discordant or concordant pair) the exact permutation distribution of the
 * concordant pairs; otherwise the normal approximation of concordant − discordant with the tie-corrected
 * variance (Kendall 1970, as in SciPy).
 * @example kendallTauTest([1, 2, 3, 4, 5], [5, 4, 3, 2, 1]) // { tau: -1, pValue: 0.01666…, method: 'exact' }
 */
export function kendallTauTest(x: readonly number[], y: readonly number[]): KendallTauResult {
  if (x.length !== y.length || x.length < 2)
    throw new UserInputError(
      'stats.length_mismatch',
      `kendallTau needs two lists of the same length, at least 2 (got ${x.length} and ${y.length}).`,
      'kendallTau([1, 2, 3], [1, 3, 2])',
    );
  const n = x.length;
  let concordant = 0;
  let discordant = 0;
  let tiesX = 0;
  let tiesY = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = Math.sign(x[i] - x[j]);
      const dy = Math.sign(y[i] - y[j]);
      if (dx === 0 && dy === 0) continue;
      if (dx === 0) tiesX++;
      else if (dy === 0) tiesY++;
      else if (dx === dy) concordant++;
      else discordant++;
    }
  }
  const denominator = Math.sqrt((concordant + discordant + tiesX) * (concordant + discordant + tiesY));
  if (!(denominator > 0)) return { tau: Number.NaN, pValue: Number.NaN, method: 'asymptotic' };
  const tau = Math.max(-1, Math.min(1, (concordant - discordant) / denominator));
  const total = (n * (n - 1)) / 2;
  const tx = tieSums(x);
  const ty = tieSums(y);
  const noTies = tx.pairs === 0 && ty.pairs === 0;
  if (noTies && (n <= 33 || Math.min(discordant, total - discordant) <= 1))
    return { tau, pValue: exactPValue(n, total - discordant), method: 'exact' };
  const m = n * (n - 1);
  const variance =
    (m * (2 * n + 5) - tx.v1 - ty.v1) / 18 + (2 * tx.pairs * ty.pairs) / m + (tx.v2 * ty.v2) / (9 * m * (n - 2));
  const z = (concordant - discordant) / Math.sqrt(variance);
  const pValue = Math.min(1, 2 * (1 - jStat.normal.cdf(Math.abs(z), 0, 1)));
  return { tau, pValue, method: 'asymptotic' };
}

/** Per group of t tied values: the sums of t(t−1)/2 (tied pairs), t(t−1)(t−2) and t(t−1)(2t+5). */
function tieSums(values: readonly number[]): { pairs: number; v2: number; v1: number } {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let pairs = 0;
  let v2 = 0;
  let v1 = 0;
  for (const t of counts.values()) {
    if (t < 2) continue;
    pairs += (t * (t - 1)) / 2;
    v2 += t * (t - 1) * (t - 2);
    v1 += t * (t - 1) * (2 * t + 5);
  }
  return { pairs, v2, v1 };
}

/**
 * The exact two-sided p-value of c concordant pairs among n untied items (SciPy's `_kendall_p_exact`): the
 * number of permutations with at most min(c, total − c) inversions, doubled, over n!.
 */
function exactPValue(n: number, concordantPairs: number): number {
  const total = (n * (n - 1)) / 2;
  const c = Math.min(concordantPairs, total - concordantPairs);
  if (n <= 2) return 1;
  if (4 * c === n * (n - 1)) return 1;
  // counts[k] = permutations of j items with exactly k inversions (k ≤ c), built up j = 1 … n (Mahonian numbers).
  let counts = new Array<number>(c + 1).fill(0);
  counts[0] = 1;
  let factorial = 1;
  for (let j = 2; j <= n; j++) {
    factorial *= j;
    const next = new Array<number>(c + 1).fill(0);
    let window = 0;
    for (let k = 0; k <= c; k++) {
      window += counts[k];
      if (k - j >= 0) window -= counts[k - j];
      next[k] = window;
    }
    counts = next;
  }
  const atMost = counts.reduce((sum, count) => sum + count, 0);
  return Math.min(1, Math.max(0, (2 * atMost) / factorial));
}
