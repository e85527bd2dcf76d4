// jStat's t quantile agrees with SciPy to about 1e-8, so interval bounds are compared to 7 decimals.
import { describe, expect, it } from 'vitest';
import {
  jensenShannonDistance,
  kendallTau,
  kendallTauTest,
  ksDistance,
  ksSimilarity,
  ksTest,
  meanDifferenceInterval95,
  proportionDifferenceInterval95,
  wasserstein1D,
} from '../../../engine/stats/index.js';

// Reference figures computed independently with Python 3 and SciPy 1.17.1:
//   from scipy.spatial.distance import jensenshannon
//   from scipy.stats import wasserstein_distance, ks_2samp, kendalltau, ttest_ind, binomtest
// Each expectation below names the exact call that produced it.

describe('jensenShannonDistance (scipy.spatial.distance.jensenshannon)', () => {
  it('matches base 2 and base e', () => {
    // jensenshannon([0.1,0.2,0.3,0.4],[0.25]*4, base=2) / jensenshannon(same) (base e)
    expect(jensenShannonDistance([0.1, 0.2, 0.3, 0.4], [0.25, 0.25, 0.25, 0.25])).toBeCloseTo(0.20050332253142814, 12);
    expect(jensenShannonDistance([0.1, 0.2, 0.3, 0.4], [0.25, 0.25, 0.25, 0.25], Math.E)).toBeCloseTo(
      0.16692996572597962,
      12,
    );
  });
  it('handles zero masses and normalises counts', () => {
    // jensenshannon([0.5,0.5,0],[0,0.1,0.9], base=2)
    expect(jensenShannonDistance([0.5, 0.5, 0], [0, 0.1, 0.9])).toBeCloseTo(0.8972141737096521, 12);
    // jensenshannon([2,3,5],[1,1,1], base=2)
    expect(jensenShannonDistance([2, 3, 5], [1, 1, 1])).toBeCloseTo(0.15775900915954888, 12);
    expect(jensenShannonDistance([1, 2], [1, 2])).toBe(0);
  });
  it('refuses mismatched or empty distributions', () => {
    expect(() => jensenShannonDistance([1, 2], [1, 2, 3])).toThrow(/same options/);
    expect(() => jensenShannonDistance([0, 0], [1, 1])).toThrow(/sum to 0/);
  });
});

describe('wasserstein1D (scipy.stats.wasserstein_distance)', () => {
  it('matches unweighted samples', () => {
    // wasserstein_distance([1,2,3,4,5],[2,2,3,4,4]) / wasserstein_distance([0,1,3],[5,6,8])
    expect(wasserstein1D([1, 2, 3, 4, 5], [2, 2, 3, 4, 4])).toBeCloseTo(0.39999999999999997, 12);
    expect(wasserstein1D([0, 1, 3], [5, 6, 8])).toBeCloseTo(5, 12);
  });
  it('matches weighted samples', () => {
    // wasserstein_distance([1,2,3,4,5],[1,2,3,4,5],[0.1,0.2,0.3,0.2,0.2],[0.3,0.3,0.2,0.1,0.1])
    expect(
      wasserstein1D([1, 2, 3, 4, 5], [1, 2, 3, 4, 5], [0.1, 0.2, 0.3, 0.2, 0.2], [0.3, 0.3, 0.2, 0.1, 0.1]),
    ).toBeCloseTo(0.7999999999999998, 12);
    // wasserstein_distance([3.4,3.9,7.5,7.8],[4.5,1.4],[1.4,0.9,3.1,7.2],[3.2,3.5])
    expect(wasserstein1D([3.4, 3.9, 7.5, 7.8], [4.5, 1.4], [1.4, 0.9, 3.1, 7.2], [3.2, 3.5])).toBeCloseTo(
      4.078133143804785,
      12,
    );
  });
});

describe('KS distance and similarity (scipy.stats.ks_2samp)', () => {
  const a = [1, 2, 2, 3, 3, 3, 4, 5];
  const b = [3, 3, 4, 4, 4, 5, 5, 5, 5];
  it('the sample statistic matches ks_2samp', () => {
    // ks_2samp([1,2,2,3,3,3,4,5],[3,3,4,4,4,5,5,5,5]).statistic
    expect(ksTest(a, b).d).toBeCloseTo(0.5277777777777778, 12);
    // ks_2samp([1,2,3,4,5,6],[2,2,2,5,5,5]).statistic
    expect(ksTest([1, 2, 3, 4, 5, 6], [2, 2, 2, 5, 5, 5]).d).toBeCloseTo(0.16666666666666666, 12);
  });
  it('the distribution form gives the same figure from shares over the scale', () => {
    const shares = (values: number[]) =>
      [1, 2, 3, 4, 5].map((p) => values.filter((v) => v === p).length / values.length);
    expect(ksDistance(shares(a), shares(b))).toBeCloseTo(0.5277777777777778, 12);
    expect(ksSimilarity(shares(a), shares(b))).toBeCloseTo(1 - 0.5277777777777778, 12);
    expect(ksSimilarity([0.2, 0.8], [0.2, 0.8])).toBe(1);
  });
});

describe('kendallTau (scipy.stats.kendalltau, tau-b)', () => {
  it('matches with and without ties', () => {
    // kendalltau([12,2,1,12,2],[1,4,7,1,0]).statistic
    expect(kendallTau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0])).toBeCloseTo(-0.4714045207910316, 12);
    // kendalltau([0.1,0.3,0.4,0.2],[0.15,0.35,0.3,0.2]).statistic
    expect(kendallTau([0.1, 0.3, 0.4, 0.2], [0.15, 0.35, 0.3, 0.2])).toBeCloseTo(0.6666666666666669, 12);
    // kendalltau([1,2,3,4,5],[5,4,3,2,1]).statistic
    expect(kendallTau([1, 2, 3, 4, 5], [5, 4, 3, 2, 1])).toBeCloseTo(-1, 12);
  });
  it('is NaN when a side is constant', () => {
    expect(kendallTau([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(kendallTauTest([1, 1, 1], [1, 2, 3]).pValue).toBeNaN();
  });
});

describe('kendallTauTest p-value (scipy.stats.kendalltau(x, y).pvalue, method auto)', () => {
  // Each line: the call, then SciPy 1.17.1's statistic and pvalue.
  const cases: { x: number[]; y: number[]; tau: number; p: number; method: 'exact' | 'asymptotic' }[] = [
    // kendalltau([12,2,1,12,2],[1,4,7,1,0]) → ties: normal approximation with the tie-corrected variance
    {
      x: [12, 2, 1, 12, 2],
      y: [1, 4, 7, 1, 0],
      tau: -0.4714045207910316,
      p: 0.28274545993277467,
      method: 'asymptotic',
    },
    // kendalltau([1,2,3,4,5,6,7,8,9,10],[2,1,4,3,6,5,8,7,10,9]) → no ties, n ≤ 33: exact
    {
      x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      y: [2, 1, 4, 3, 6, 5, 8, 7, 10, 9],
      tau: 0.7777777777777777,
      p: 0.0009463183421516755,
      method: 'exact',
    },
    // kendalltau([1,2,3,4,5],[5,4,3,2,1])
    { x: [1, 2, 3, 4, 5], y: [5, 4, 3, 2, 1], tau: -1, p: 0.016666666666666666, method: 'exact' },
    // kendalltau([0.1,0.4,0.2,0.3],[0.15,0.35,0.3,0.2])
    {
      x: [0.1, 0.4, 0.2, 0.3],
      y: [0.15, 0.35, 0.3, 0.2],
      tau: 0.6666666666666669,
      p: 0.3333333333333333,
      method: 'exact',
    },
    // kendalltau([0.2,0.3,0.1,0.25,0.15],[0.1,0.4,0.1,0.3,0.1]) → ties on one side
    {
      x: [0.2, 0.3, 0.1, 0.25, 0.15],
      y: [0.1, 0.4, 0.1, 0.3, 0.1],
      tau: 0.8366600265340756,
      p: 0.05220363534131463,
      method: 'asymptotic',
    },
    // kendalltau([0.5,0.5,0,0,0],[0.4,0.3,0.1,0.1,0.1]) → ties on both sides (option shares)
    {
      x: [0.5, 0.5, 0, 0, 0],
      y: [0.4, 0.3, 0.1, 0.1, 0.1],
      tau: 0.9258200997725515,
      p: 0.05280751141611363,
      method: 'asymptotic',
    },
    // kendalltau(list(range(40)), [(i*7)%40 for i in range(40)]) → no ties but n > 33: normal approximation
    {
      x: Array.from({ length: 40 }, (_, i) => i),
      y: Array.from({ length: 40 }, (_, i) => (i * 7) % 40),
      tau: 0.14615384615384616,
      p: 0.1841061194960797,
      method: 'asymptotic',
    },
    // kendalltau([1,2,3],[1,2,3])
    { x: [1, 2, 3], y: [1, 2, 3], tau: 1, p: 0.3333333333333333, method: 'exact' },
  ];
  it.each(cases)('tau $tau, p $p ($method)', ({ x, y, tau, p, method }) => {
    const result = kendallTauTest(x, y);
    expect(result.tau).toBeCloseTo(tau, 12);
    expect(result.pValue).toBeCloseTo(p, 10);
    expect(result.method).toBe(method);
  });
});

describe('difference intervals', () => {
  it('mean difference matches Welch (ttest_ind(equal_var=False).confidence_interval())', () => {
    const one = meanDifferenceInterval95([1, 2, 3, 4], [3, 4, 5, 6]);
    expect(one.difference).toBe(-2);
    expect(one.low).toBeCloseTo(-4.233714695164713, 7);
    expect(one.high).toBeCloseTo(0.23371469516471333, 7);
    const two = meanDifferenceInterval95([2, 3, 3, 4, 5], [3, 3, 3, 3, 4, 4]);
    expect(two.low).toBeCloseTo(-1.3235732485083809, 7);
    expect(two.high).toBeCloseTo(1.4569065818417137, 7);
  });
  it("proportion difference matches Newcombe's method 10 built from binomtest(...).proportion_ci('wilson')", () => {
    const one = proportionDifferenceInterval95(7, 10, 3, 10);
    expect(one.difference).toBeCloseTo(0.4, 12);
    expect(one.low).toBeCloseTo(-0.02882045626834301, 7);
    expect(one.high).toBeCloseTo(0.6718241964405527, 7);
    const two = proportionDifferenceInterval95(0, 12, 5, 20);
    expect(two.low).toBeCloseTo(-0.468700877618744, 7);
    expect(two.high).toBeCloseTo(0.029079796477095243, 7);
  });
});
