import { describe, expect, it } from 'vitest';
import {
  anovaOneWay,
  chiSquareTest,
  cohensD,
  confidenceInterval95,
  effectiveSampleSize,
  ksTest,
  mannWhitneyU,
  mean,
  median,
  sd,
  studentTTest,
  weightedMean,
  weightedWilsonInterval95,
  welchTTest,
  wilsonInterval95,
} from '../../../engine/stats/index.js';
import { TroupeError } from '../../../engine/errors.js';

// Reference values computed with SciPy 1.17.1 (numpy ddof=1, scipy.stats.ttest_ind, mannwhitneyu
// method='asymptotic', chi2_contingency, f_oneway, ks_2samp method='asymp', binomtest(...).proportion_ci
// method='wilson') and pasted here.
const A = [5.1, 4.9, 6.2, 5.8, 6.0, 5.5, 5.3, 6.1];
const B = [4.2, 4.8, 5.0, 4.6, 5.1, 4.4, 4.9, 4.0, 4.7];

describe('descriptive statistics', () => {
  it('matches numpy for mean and sample sd', () => {
    expect(mean(A)).toBeCloseTo(5.6125, 10);
    expect(sd(A)).toBeCloseTo(0.485320218294802, 10);
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });

  it('weights values and computes Kish effective sample size', () => {
    expect(weightedMean([1, 3], [1, 3])).toBe(2.5);
    expect(effectiveSampleSize([1, 1, 1, 1])).toBe(4);
    expect(effectiveSampleSize([2, 1, 1, 4])).toBeCloseTo(2.909090909090909, 10);
  });

  it('rejects empty input with a typed error', () => {
    expect(() => mean([])).toThrow(TroupeError);
    expect(() => sd([1])).toThrow(/at least 2/);
    expect(() => weightedMean([1, 2], [1])).toThrow(/one weight per value/);
  });
});

describe('confidence intervals', () => {
  it('gives the t-based interval of a mean', () => {
    const ci = confidenceInterval95([5, 6, 7]);
    expect(ci.low).toBeCloseTo(3.5158622882496697, 8);
    expect(ci.high).toBeCloseTo(8.48413771175033, 8);
  });

  it('gives Wilson intervals for proportions', () => {
    const ci = wilsonInterval95(8, 10);
    expect(ci.low).toBeCloseTo(0.4901624715366418, 8);
    expect(ci.high).toBeCloseTo(0.9433178485456248, 8);
    const small = wilsonInterval95(3, 40);
    expect(small.low).toBeCloseTo(0.025836025774588198, 8);
    expect(small.high).toBeCloseTo(0.19864233524310543, 8);
  });

  it('uses the effective sample size for weighted proportions', () => {
    const ci = weightedWilsonInterval95([true, false, true, true], [2, 1, 1, 4]);
    expect(ci.estimate).toBe(0.875);
    expect(ci.n).toBeCloseTo(2.909090909090909, 10);
    expect(ci.low).toBeCloseTo(0.33330577083179047, 8);
    expect(ci.high).toBeCloseTo(0.9899002300352916, 8);
    // Equal weights reduce to the unweighted interval.
    const eq = weightedWilsonInterval95([1, 1, 1, 1, 1, 1, 1, 1, 0, 0], new Array(10).fill(0.3));
    expect(eq.low).toBeCloseTo(wilsonInterval95(8, 10).low, 10);
  });
});

describe('two-sample tests', () => {
  it('Welch t-test matches scipy ttest_ind(equal_var=False)', () => {
    const r = welchTTest(A, B);
    expect(r.t).toBeCloseTo(4.630277028991284, 8);
    expect(r.df).toBeCloseTo(13.070175629427467, 8);
    expect(r.p).toBeCloseTo(0.000464566174978973, 8);
  });

  it('Student t-test matches scipy ttest_ind(equal_var=True)', () => {
    const r = studentTTest(A, B);
    expect(r.t).toBeCloseTo(4.7073492016100085, 8);
    expect(r.df).toBe(15);
    expect(r.p).toBeCloseTo(0.00028062515092077236, 8);
  });

  it("Cohen's d uses the pooled sample sd", () => {
    expect(cohensD(A, B)).toBeCloseTo(2.2873605622355324, 8);
    expect(cohensD(B, A)).toBeCloseTo(-2.2873605622355324, 8);
  });

  it('handles constant samples without NaN', () => {
    expect(welchTTest([3, 3, 3], [3, 3, 3]).p).toBe(1);
    expect(welchTTest([3, 3, 3], [4, 4, 4]).p).toBe(0);
  });

  it('Mann-Whitney U with ties matches scipy (asymptotic, continuity)', () => {
    const x = [1, 2, 2, 3, 4, 5, 5, 5, 7];
    const y = [3, 4, 4, 6, 6, 7, 8, 9];
    const r = mannWhitneyU(x, y);
    expect(r.u).toBe(17);
    expect(r.z).toBeLessThan(0);
    expect(r.p).toBeCloseTo(0.07290915898800139, 8);
    const rev = mannWhitneyU(y, x);
    expect(rev.u).toBe(55);
    expect(rev.p).toBeCloseTo(r.p, 12);
  });

  // p from the limiting Kolmogorov distribution: scipy.stats.kstwobign.sf(D * sqrt(m*n/(m+n))), as R's
  // ks.test(exact = FALSE) before R 4.3; scipy's ks_2samp(method='asymp') uses finite-n kstwo and gives 0.532.
  it('KS test matches the limiting Kolmogorov distribution', () => {
    const a = [
      0.61, 0.29, 0.06, 0.59, -1.73, -0.74, 0.51, -0.56, 0.39, 1.64, 0.05, -0.06, 0.64, -0.82, 0.37, 1.77, 1.09, -1.28,
      2.36, 1.31, 1.05, -0.32, -0.4, 1.06, -2.47,
    ];
    const b = [
      2.2, 1.66, 1.38, 0.2, 0.36, 0, 0.96, 1.56, 0.44, 1.5, -0.3, 0.66, 2.31, 3.29, -0.27, -0.37, 0.38, 0.7, 0.52,
      -0.71,
    ];
    const r = ksTest(a, b);
    expect(r.d).toBeCloseTo(0.23, 10);
    expect(r.p).toBeCloseTo(0.5991955719698889, 8);
  });
});

describe('multi-sample tests', () => {
  it('chi-square matches scipy chi2_contingency(correction=False)', () => {
    const r = chiSquareTest([
      [12, 5, 9],
      [7, 14, 3],
    ]);
    expect(r.chi2).toBeCloseTo(8.512567476383268, 8);
    expect(r.df).toBe(2);
    expect(r.p).toBeCloseTo(0.014174882222918836, 8);
    expect(r.cramersV).toBeCloseTo(0.41261525605297894, 8);
  });

  it('applies Yates correction on 2×2 when asked', () => {
    const r = chiSquareTest(
      [
        [10, 20],
        [30, 40],
      ],
      { yates: true },
    );
    expect(r.chi2).toBeCloseTo(0.4464285714285714, 8);
    expect(r.p).toBeCloseTo(0.5040358664525046, 8);
  });

  it('one-way ANOVA matches scipy f_oneway', () => {
    const r = anovaOneWay([
      [4.1, 5.2, 6.3, 5.0],
      [6.8, 7.1, 5.9, 7.4, 6.6],
      [5.5, 4.9, 5.8],
    ]);
    expect(r.f).toBeCloseTo(7.238346948582417, 8);
    expect(r.dfBetween).toBe(2);
    expect(r.dfWithin).toBe(9);
    expect(r.p).toBeCloseTo(0.013372883898429128, 8);
  });

  it('rejects ragged tables', () => {
    expect(() => chiSquareTest([[1, 2], [3]])).toThrow(/rectangular/);
  });
});
