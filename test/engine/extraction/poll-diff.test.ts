import { describe, expect, it } from 'vitest';
import { diffPolls, diffThemes, parsePoll, type PollAnswer } from '../../../engine/extraction/index.js';

// Reference values from SciPy 1.17.1 (inputs written here): fisher_exact, chi2_contingency,
// mannwhitneyu(method='asymptotic'), ttest_ind(equal_var=False), wilcoxon.

const answers = (values: (string | number)[], prefix = 'p'): PollAnswer[] =>
  values.map((value, index) => ({ personaId: `${prefix}${index}`, personaName: `P${index}`, value, reason: 'r' }));
const repeat = (pairs: [string, number][]) => pairs.flatMap(([value, count]) => Array<string>(count).fill(value));

describe('diffPolls picks the test that fits', () => {
  it('yes/no with small counts: Fisher’s exact test and the odds ratio; McNemar when the same personas answered', () => {
    const poll = parsePoll({ kind: 'yes-no', question: 'Would you buy it?' });
    const a = answers(['yes', 'no', 'no', 'no', 'no']);
    const b = answers(['yes', 'yes', 'yes', 'yes', 'no']);
    const diff = diffPolls(poll, ['parent', a], ['fork', b]);
    // counts (yes, no): parent (1, 4), fork (4, 1) — fisher_exact([[1,4],[4,1]]) → 0.0625, p 0.2063492063492064
    expect(diff.test).toBe('fisher');
    expect(diff.p).toBeCloseTo(0.2063492063492064, 12);
    expect(diff.effect).toEqual({ name: 'odds-ratio', value: 0.0625 });
    // 3 went no → yes, none yes → no: binomtest(0, 3) = 0.25
    expect(diff.paired).toEqual({ test: 'mcnemar', n: 5, p: expect.closeTo(0.25, 12) });
  });

  it('choices with enough counts: chi-square and Cramér’s V', () => {
    const poll = parsePoll({ kind: 'single-choice', question: 'Which name?', options: ['Nova', 'Orbit', 'Pulse'] });
    const a = answers(
      repeat([
        ['Nova', 12],
        ['Orbit', 6],
        ['Pulse', 8],
      ]),
      'a',
    );
    const b = answers(
      repeat([
        ['Nova', 4],
        ['Orbit', 14],
        ['Pulse', 8],
      ]),
      'b',
    );
    const diff = diffPolls(poll, ['A', a], ['B', b]);
    // chi2_contingency([[12,6,8],[4,14,8]]) → 7.2, p 0.027323722447292555; V = sqrt(7.2/52)
    expect(diff.test).toBe('chi-square');
    expect(diff.comparison.statistic).toBeCloseTo(7.2, 10);
    expect(diff.p).toBeCloseTo(0.027323722447292555, 10);
    expect(diff.effect.value).toBeCloseTo(0.3721042037676253, 10);
    expect(diff.paired).toBeUndefined();
  });

  it('Likert: Mann-Whitney with rank-biserial, Welch beside it, Wilcoxon on the same personas', () => {
    const poll = parsePoll({ kind: 'likert', question: 'How likely are you to buy?', points: 5 });
    const a = answers([2, 3, 3, 4, 2, 1, 3]);
    const b = answers([4, 5, 4, 3, 5, 4, 5]);
    const diff = diffPolls(poll, ['A', a], ['B', b]);
    // mannwhitneyu(a, b, method='asymptotic') → U 4, p 0.008570065840544915; r = 2U/(n1 n2) − 1
    expect(diff.test).toBe('mann-whitney');
    expect(diff.p).toBeCloseTo(0.008570065840544915, 10);
    expect(diff.effect.value).toBeCloseTo(-0.8367346938775511, 12);
    // ttest_ind(a, b, equal_var=False).pvalue
    expect(diff.secondary).toMatchObject({ test: 'welch-t', p: expect.closeTo(0.003508450381950686, 10) });
    // wilcoxon(b, a) → 1.5, 0.046875
    expect(diff.paired).toEqual({ test: 'wilcoxon', n: 7, p: expect.closeTo(0.046875, 12) });
  });
});

describe('diffThemes', () => {
  it('sorts themes into shared, only A and only B', () => {
    expect(diffThemes(['Price worries', 'Delivery speed'], ['Worries about the price', 'Packaging waste'])).toEqual({
      shared: [{ a: 'Price worries', b: 'Worries about the price' }],
      onlyA: ['Delivery speed'],
      onlyB: ['Packaging waste'],
    });
  });
});
