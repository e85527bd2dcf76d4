import jStat from 'jstat';
import { averageRanks } from './two-sample.js';
import { binomialTwoSided } from './exact.js';
import { UserInputError } from '../errors.js';

/** A McNemar test on paired yes/no answers; `p` is the exact two-sided binomial p on the discordant pairs. */
export interface McNemarResult {
  /** Pairs that went yes → no. */
  yesToNo: number;
  /** Pairs that went no → yes. */
  noToYes: number;
  p: number;
  /** Odds ratio of the discordant pairs (no→yes over yes→no); Infinity when nobody went yes → no. */
  oddsRatio: number;
}

/** A Wilcoxon signed-rank result like scipy's: `statistic` is min(W+, W−), `p` two-sided. */
export interface WilcoxonResult {
  statistic: number;
  wPlus: number;
  wMinus: number;
  /** Pairs left after dropping zero differences. */
  n: number;
  p: number;
  method: 'exact' | 'permutation' | 'asymptotic';
  /** Matched-pairs rank-biserial correlation (W+ − W−)/(W+ + W−), from −1 to 1 (0 when nothing changed). */
  rankBiserial: number;
}

/**
 * McNemar's test for paired yes/no answers (before, after), exact: the discordant pairs against
 * Binomial(b + c, ½), two-sided, as `scipy.stats.binomtest(min(b, c), b + c).pvalue`.
 *
 * @example mcnemarExact([true, true, false], [false, false, false]) // { yesToNo: 2, noToYes: 0, p: 0.5, … }
 */
export function mcnemarExact(before: readonly boolean[], after: readonly boolean[]): McNemarResult {
  requirePairs(before, after, 'mcnemarExact');
  let yesToNo = 0;
  let noToYes = 0;
  for (const [index, first] of before.entries()) {
    if (first && !after[index]) yesToNo++;
    if (!first && after[index]) noToYes++;
  }
  const discordant = yesToNo + noToYes;
  return {
    yesToNo,
    noToYes,
    p: discordant ? binomialTwoSided(Math.min(yesToNo, noToYes), discordant) : 1,
    oddsRatio: yesToNo ? noToYes / yesToNo : noToYes ? Infinity : 1,
  };
}

/**
 * The Wilcoxon signed-rank test on paired values (after − before), two-sided, matching
 * `scipy.stats.wilcoxon(after, before)` with its defaults: zero differences dropped; the exact
 * distribution when there are no ties or zeros (n ≤ 50); with ties or zeros the exact permutation
 * distribution of the tied ranks for n ≤ 13; otherwise the normal approximation with tie correction.
 *
 * @example wilcoxonSignedRank([1, 2, 3, 4, 5, 6], [2, 4, 5, 7, 9, 12]) // { statistic: 0, p: 0.03125, method: 'exact', … }
 */
export function wilcoxonSignedRank(before: readonly number[], after: readonly number[]): WilcoxonResult {
  requirePairs(before, after, 'wilcoxonSignedRank');
  const all = after.map((value, index) => value - before[index]);
  const differences = all.filter((difference) => difference !== 0);
  const n = differences.length;
  if (n === 0) return { statistic: 0, wPlus: 0, wMinus: 0, n: 0, p: 1, method: 'exact', rankBiserial: 0 };
  const ranks = averageRanks(differences.map(Math.abs));
  let wPlus = 0;
  let wMinus = 0;
  for (const [index, difference] of differences.entries()) {
    if (difference > 0) wPlus += ranks[index];
    else wMinus += ranks[index];
  }
  const hasTies = new Set(ranks).size < ranks.length;
  const zeros = all.length - n;
  const method: WilcoxonResult['method'] =
    all.length > 50 ? 'asymptotic' : !hasTies && !zeros ? 'exact' : all.length <= 13 ? 'permutation' : 'asymptotic';
  const p = method === 'asymptotic' ? asymptoticP(wPlus, ranks) : exactP(wPlus, ranks);
  return {
    statistic: Math.min(wPlus, wMinus),
    wPlus,
    wMinus,
    n,
    p,
    method,
    rankBiserial: (wPlus - wMinus) / (wPlus + wMinus),
  };
}

/** 2·min(P(W+ ≤ w), P(W+ ≥ w)) over every sign assignment of the (possibly tied, half-integer) ranks. */
function exactP(wPlus: number, ranks: readonly number[]): number {
  const doubled = ranks.map((rank) => Math.round(rank * 2));
  const max = doubled.reduce((sum, rank) => sum + rank, 0);
  let counts = new Float64Array(max + 1);
  counts[0] = 1;
  for (const rank of doubled) {
    const next = new Float64Array(max + 1);
    for (let sum = 0; sum <= max; sum++) {
      if (!counts[sum]) continue;
      next[sum] += counts[sum];
      next[sum + rank] += counts[sum];
    }
    counts = next;
  }
  const total = 2 ** ranks.length;
  const observed = Math.round(wPlus * 2);
  let below = 0;
  let above = 0;
  for (let sum = 0; sum <= max; sum++) {
    if (sum <= observed) below += counts[sum];
    if (sum >= observed) above += counts[sum];
  }
  return Math.min(1, (2 * Math.min(below, above)) / total);
}

function asymptoticP(wPlus: number, ranks: readonly number[]): number {
  const n = ranks.length;
  const ties = new Map<number, number>();
  for (const rank of ranks) ties.set(rank, (ties.get(rank) ?? 0) + 1);
  let tieSum = 0;
  for (const t of ties.values()) tieSum += t ** 3 - t;
  const se = Math.sqrt((n * (n + 1) * (2 * n + 1) - tieSum / 2) / 24);
  if (!(se > 0)) return 1;
  const z = (wPlus - (n * (n + 1)) / 4) / se;
  return Math.min(1, 2 * (1 - jStat.normal.cdf(Math.abs(z), 0, 1)));
}

function requirePairs(before: readonly unknown[], after: readonly unknown[], what: string): void {
  if (before.length !== after.length)
    throw new UserInputError(
      'stats.unpaired',
      `${what}: before and after must pair up (got ${before.length} and ${after.length} values).`,
      `${what}([3, 4, 5], [4, 4, 5])`,
    );
}
