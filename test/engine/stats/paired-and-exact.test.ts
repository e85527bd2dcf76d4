import { describe, expect, it } from 'vitest';
import { binomialTwoSided, fisherExact, mcnemarExact, wilcoxonSignedRank } from '../../../engine/stats/index.js';
import { UserInputError } from '../../../engine/errors.js';

// Reference values computed independently with SciPy 1.17.1:
//   scipy.stats.wilcoxon(after, before), scipy.stats.fisher_exact(table), scipy.stats.binomtest(k, n).pvalue

describe('wilcoxonSignedRank (against scipy.stats.wilcoxon)', () => {
  it('uses the exact distribution without ties or zeros', () => {
    // wilcoxon([2,4,6,8,10,12,14,0], [1,2,3,4,5,6,7,8]) → statistic 8.0, pvalue 0.1953125
    const result = wilcoxonSignedRank([1, 2, 3, 4, 5, 6, 7, 8], [2, 4, 6, 8, 10, 12, 14, 0]);
    expect(result.method).toBe('exact');
    expect(result.statistic).toBe(8);
    expect(result.p).toBeCloseTo(0.1953125, 12);
  });

  it('uses the exact permutation distribution of tied ranks with ties (n ≤ 13)', () => {
    // wilcoxon(after=[2,4,5,7,9,12,6,10], before=[1..8]) → 1.5, 0.0234375
    const tied = wilcoxonSignedRank([1, 2, 3, 4, 5, 6, 7, 8], [2, 4, 5, 7, 9, 12, 6, 10]);
    expect(tied.method).toBe('permutation');
    expect(tied.statistic).toBe(1.5);
    expect(tied.p).toBeCloseTo(0.0234375, 12);
    // Likert answers with zeros and ties → 10.5, 0.1953125
    const likert = wilcoxonSignedRank([3, 4, 2, 5, 1, 4, 3, 2, 5, 2, 3], [4, 4, 3, 5, 3, 5, 4, 4, 3, 4, 2]);
    expect(likert.statistic).toBe(10.5);
    expect(likert.p).toBeCloseTo(0.1953125, 12);
    expect(likert.n).toBe(9);
  });

  it('falls back to the normal approximation with tie correction above 13 pairs with ties', () => {
    const before = [3, 4, 2, 5, 1, 4, 3, 2, 5, 2, 3, 1, 2, 3, 4, 5, 1, 2, 3, 4];
    const after = [4, 4, 3, 5, 3, 5, 4, 4, 3, 4, 2, 2, 2, 4, 5, 4, 3, 3, 5, 5];
    const result = wilcoxonSignedRank(before, after);
    expect(result.method).toBe('asymptotic');
    expect(result.statistic).toBe(26.5); // scipy: 26.5, pvalue 0.01403939831019466
    expect(result.p).toBeCloseTo(0.01403939831019466, 10);
    expect(result.rankBiserial).toBeGreaterThan(0);
  });

  it('reports no change when every pair is equal, and refuses unpaired input', () => {
    expect(wilcoxonSignedRank([3, 3], [3, 3])).toMatchObject({ p: 1, n: 0, rankBiserial: 0 });
    expect(() => wilcoxonSignedRank([1, 2], [1])).toThrow(UserInputError);
  });
});

describe('mcnemarExact (against scipy.stats.binomtest on the discordant pairs)', () => {
  it('counts yes→no and no→yes and tests them exactly', () => {
    const before = [1, 1, 1, 0, 0, 1, 1, 0, 1, 1, 1, 1].map(Boolean);
    const after = [0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1].map(Boolean);
    // 6 went yes → no, 1 went no → yes: binomtest(1, 7).pvalue = 0.125
    expect(mcnemarExact(before, after)).toEqual({
      yesToNo: 6,
      noToYes: 1,
      p: expect.closeTo(0.125, 12),
      oddsRatio: 1 / 6,
    });
    expect(mcnemarExact([true, false], [true, false]).p).toBe(1);
  });

  it('binomialTwoSided matches binomtest', () => {
    expect(binomialTwoSided(1, 7)).toBeCloseTo(0.125, 12);
    expect(binomialTwoSided(2, 12)).toBeCloseTo(0.03857421875, 12);
    expect(binomialTwoSided(5, 10)).toBe(1);
  });
});

describe('fisherExact (against scipy.stats.fisher_exact)', () => {
  it('gives the two-sided p and the sample odds ratio', () => {
    expect(
      fisherExact([
        [8, 2],
        [1, 5],
      ]),
    ).toEqual({ oddsRatio: 20, p: expect.closeTo(0.034965034965034975, 12) });
    expect(
      fisherExact([
        [3, 7],
        [9, 1],
      ]).p,
    ).toBeCloseTo(0.019766611097880443, 12);
    expect(
      fisherExact([
        [10, 0],
        [0, 10],
      ]).p,
    ).toBeCloseTo(1.082508822446903e-5, 15);
    expect(
      fisherExact([
        [5, 5],
        [5, 5],
      ]).p,
    ).toBeCloseTo(1, 12);
    expect(
      fisherExact([
        [10, 0],
        [0, 10],
      ]).oddsRatio,
    ).toBe(Infinity);
  });
});
