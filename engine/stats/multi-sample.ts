import jStat from 'jstat';
import { UserInputError } from '../errors.js';
import { mean, requireValues } from './descriptive.js';

/** A chi-square test of independence on a contingency table. */
export interface ChiSquareResult {
  chi2: number;
  df: number;
  p: number;
  /** Effect size in [0, 1]: √(χ² / (N·(min(r, c) - 1))). */
  cramersV: number;
  expected: number[][];
}

/** A one-way ANOVA result. */
export interface AnovaResult {
  f: number;
  dfBetween: number;
  dfWithin: number;
  p: number;
}

/**
 * Pearson's chi-square test of independence (no Yates correction unless asked; scipy's
 * `chi2_contingency` applies it to 2×2 tables by default).
 * @example chiSquareTest([[10, 20], [30, 40]]) // { chi2: 0.793…, df: 1, p: 0.373…, … }
 */
export function chiSquareTest(
  table: readonly (readonly number[])[],
  options: { yates?: boolean } = {},
): ChiSquareResult {
  const rows = table.length;
  const cols = table[0]?.length ?? 0;
  if (rows < 2 || cols < 2 || table.some((r) => r.length !== cols || r.some((v) => !(v >= 0) || !Number.isFinite(v)))) {
    throw new UserInputError(
      'stats.bad_table',
      'chiSquareTest needs a rectangular table of at least 2×2 non-negative counts.',
      'chiSquareTest([[10, 20], [30, 40]])',
    );
  }
  const rowSums = table.map((r) => r.reduce((a, b) => a + b, 0));
  const colSums = Array.from({ length: cols }, (_, c) => table.reduce((s, r) => s + r[c], 0));
  const total = rowSums.reduce((a, b) => a + b, 0);
  if (rowSums.some((s) => s === 0) || colSums.some((s) => s === 0)) {
    throw new UserInputError(
      'stats.empty_margin',
      'chiSquareTest got a row or column with no counts; drop it first.',
      'chiSquareTest([[10, 20], [30, 40]])',
    );
  }
  const df = (rows - 1) * (cols - 1);
  const yates = options.yates === true && df === 1;
  const expected = rowSums.map((rs) => colSums.map((cs) => (rs * cs) / total));
  let chi2 = 0;
  for (const [i, r] of table.entries()) {
    for (const [j, o] of r.entries()) {
      const e = expected[i][j];
      const dev = yates ? Math.max(0, Math.abs(o - e) - 0.5) : o - e;
      chi2 += (dev * dev) / e;
    }
  }
  const p = 1 - jStat.chisquare.cdf(chi2, df);
  const cramersV = Math.sqrt(chi2 / (total * (Math.min(rows, cols) - 1)));
  return { chi2, df, p: Math.max(0, p), cramersV, expected };
}

/**
 * One-way ANOVA across two or more groups.
 * @example anovaOneWay([[1, 2, 3], [4, 5, 6], [7, 8, 9]]) // { f: 27, dfBetween: 2, dfWithin: 6, p: 0.00099… }
 */
export function anovaOneWay(groups: readonly (readonly number[])[]): AnovaResult {
  if (groups.length < 2) {
    throw new UserInputError(
      'stats.too_few_groups',
      `anovaOneWay needs at least 2 groups, got ${groups.length}.`,
      'anovaOneWay([[1, 2], [3, 4]])',
    );
  }
  for (const g of groups) requireValues(g, 1, 'anovaOneWay');
  const all = groups.flat();
  const grand = mean(all);
  let ssb = 0;
  let ssw = 0;
  for (const g of groups) {
    const m = mean(g);
    ssb += g.length * (m - grand) ** 2;
    for (const v of g) ssw += (v - m) ** 2;
  }
  const dfBetween = groups.length - 1;
  const dfWithin = all.length - groups.length;
  if (dfWithin < 1) {
    throw new UserInputError(
      'stats.too_few_values',
      'anovaOneWay needs more values than groups.',
      'anovaOneWay([[1, 2], [3, 4]])',
    );
  }
  const msw = ssw / dfWithin;
  const f = msw > 0 ? ssb / dfBetween / msw : ssb === 0 ? 0 : Infinity;
  const p = Number.isFinite(f) ? Math.max(0, 1 - jStat.centralF.cdf(f, dfBetween, dfWithin)) : 0;
  return { f, dfBetween, dfWithin, p };
}
