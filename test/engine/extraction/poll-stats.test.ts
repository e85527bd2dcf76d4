import { describe, expect, it } from 'vitest';
import { aggregatePoll, compareAnswers, parsePoll, type PollAnswer } from '../../../engine/extraction/index.js';

const answers = (values: PollAnswer['value'][]): PollAnswer[] =>
  values.map((value, index) => ({ personaId: `p${index + 1}`, personaName: `P${index + 1}`, value, reason: 'r' }));

describe('poll statistics (hand-computed)', () => {
  it('counts, shares and Wilson intervals for yes/no, weighted and unweighted', () => {
    const poll = parsePoll({ kind: 'yes-no', question: 'Would you subscribe?' });
    const data = answers(['yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'no', 'no', 'no']);
    // p1..p7 said yes (weight 1 each), p8..p10 said no (weight 2 each).
    const weights = { p1: 1, p2: 1, p3: 1, p4: 1, p5: 1, p6: 1, p7: 1, p8: 2, p9: 2, p10: 2 };
    const results = aggregatePoll(poll, data, { weights });
    const yes = results.options[0];
    expect(yes).toMatchObject({ option: 'yes', count: 7, share: 0.7 });
    // Wilson, p = 0.7, n = 10, z = 1.95996: z² = 3.84146; denom = 1 + z²/n = 1.384146;
    // centre = (0.7 + z²/20) / denom = 0.644493; half = z·√(0.21/10 + z²/400) / denom = 0.247715
    // → [0.396778, 0.892209].
    expect(yes.ci.low).toBeCloseTo(0.396778, 5);
    expect(yes.ci.high).toBeCloseTo(0.892209, 5);
    // Weighted share = 7 / (7·1 + 3·2) = 7/13 = 0.538462.
    expect(yes.weightedShare).toBeCloseTo(7 / 13, 10);
    // Kish n_eff = (Σw)² / Σw² = 13² / (7 + 3·4) = 169/19 = 8.894737; Wilson(7/13, 8.894737) → [0.252830, 0.800891].
    expect(yes.weightedCi?.low).toBeCloseTo(0.25283, 5);
    expect(yes.weightedCi?.high).toBeCloseTo(0.800891, 5);
    expect(results.options[1]).toMatchObject({ option: 'no', count: 3, share: 0.3 });
    expect(results.options[1].weightedShare).toBeCloseTo(6 / 13, 10);
    expect(results.weighted).toBe(true);
    expect(results.n).toBe(10);
  });

  it('mean, sd and t interval of a Likert scale, and the distribution per point', () => {
    const poll = parsePoll({ kind: 'likert', question: 'I would recommend it.' });
    const results = aggregatePoll(poll, answers([1, 2, 3, 3, 3, 3, 3, 4, 4, 5]));
    // mean = 31/10 = 3.1; squared deviations 4.41 + 1.21 + 5·0.01 + 2·0.81 + 3.61 = 10.9; sd = √(10.9/9) = 1.100505;
    // t(0.975, 9) = 2.262157; half = 2.262157 · 1.100505 / √10 = 0.787254 → [2.312746, 3.887254].
    expect(results.scale?.mean).toBeCloseTo(3.1, 10);
    expect(results.scale?.sd).toBeCloseTo(1.100505, 5);
    expect(results.scale?.ci?.low).toBeCloseTo(2.312746, 5);
    expect(results.scale?.ci?.high).toBeCloseTo(3.887254, 5);
    expect(results.options.map((tally) => tally.count)).toEqual([1, 1, 5, 2, 1]);
    // Exactly half at the midpoint is not "more than half"; sd 1.1 is not low; both ends used.
    expect(results.warnings.map((warning) => warning.code)).not.toContain('midpoint-bunching');
    expect(results.warnings.map((warning) => warning.code)).not.toContain('low-spread');
  });

  it('warns when answers bunch at the midpoint of a Likert scale', () => {
    const poll = parsePoll({ kind: 'likert', question: 'I would recommend it.', points: 5 });
    // 7 of 10 at 3 (70% > 50%); mean 3.1, sd = √(2.9/9) = 0.5676 < 0.6; nobody used 1 or 5.
    const results = aggregatePoll(poll, answers([3, 3, 3, 3, 3, 3, 2, 4, 3, 4]));
    const codes = results.warnings.map((warning) => warning.code);
    expect(codes).toEqual(expect.arrayContaining(['midpoint-bunching', 'low-spread', 'no-extremes']));
    expect(results.warnings.find((warning) => warning.code === 'midpoint-bunching')?.message).toContain('70%');
    // On a 7-point scale the midpoint is 4.
    const seven = aggregatePoll(
      parsePoll({ kind: 'likert', question: 'Seven points.', points: 7 }),
      answers([4, 4, 4, 1, 7]),
    );
    expect(seven.warnings.map((warning) => warning.code)).toContain('midpoint-bunching');
  });

  it('weighted mean and its interval for a numeric poll', () => {
    const poll = parsePoll({ kind: 'numeric', question: 'How much per week?', min: 0, max: 100, unit: 'USD' });
    const results = aggregatePoll(poll, answers([10, 20, 30, 40]), { weights: { p1: 1, p2: 1, p3: 1, p4: 3 } });
    // weighted mean = (10 + 20 + 30 + 3·40) / 6 = 30; n_eff = 6² / (1+1+1+9) = 3;
    // weighted variance = Σw(x-30)²/Σw · n_eff/(n_eff-1) = (400+100+0+300)/6 · 1.5 = 200;
    // half = t(0.975, 2) · √(200/3) = 4.302653 · 8.164966 = 35.131012 → [-5.131012, 65.131012].
    expect(results.scale?.weightedMean).toBeCloseTo(30, 10);
    expect(results.scale?.weightedCi?.low).toBeCloseTo(-5.131012, 5);
    expect(results.scale?.weightedCi?.high).toBeCloseTo(65.131012, 5);
    // Unweighted mean 25, sd √(500/3) = 12.909944.
    expect(results.scale?.mean).toBe(25);
    expect(results.scale?.sd).toBeCloseTo(12.909944, 5);
    expect(results.options).toEqual([]);
  });

  it('multiple choice shares are per respondent and can sum above 1', () => {
    const poll = parsePoll({
      kind: 'multiple-choice',
      question: 'Which matter?',
      options: ['Price', 'Speed', 'Design'],
    });
    const results = aggregatePoll(poll, answers([['Price', 'Speed'], ['Price'], ['Design', 'Price'], ['Speed']]));
    expect(results.options.map((tally) => [tally.option, tally.count, tally.share])).toEqual([
      ['Price', 3, 0.75],
      ['Speed', 2, 0.5],
      ['Design', 1, 0.25],
    ]);
  });
});

describe('poll comparison', () => {
  it("chi-square with Cramér's V for categorical answers", () => {
    const poll = parsePoll({ kind: 'yes-no', question: 'Would you subscribe?' });
    const a = answers(['yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'no', 'no']);
    const b = answers(['yes', 'yes', 'yes', 'no', 'no', 'no', 'no', 'no', 'no', 'no']);
    const comparison = compareAnswers(poll, ['young', a], ['old', b]);
    // Table [[8,2],[3,7]], expected 5.5/4.5 per row: χ² = 2·(2.5²/5.5 + 2.5²/4.5) = 5.050505, df 1,
    // p = erfc(√(χ²/2)) = 0.024619 (scipy chi2_contingency, correction=False); V = √(5.0505/20) = 0.502519.
    expect(comparison.test).toBe('chi-square');
    expect(comparison.statistic).toBeCloseTo(5.050505, 5);
    expect(comparison.df).toBe(1);
    expect(comparison.pValue).toBeCloseTo(0.024619, 5);
    expect(comparison.effectSize).toEqual({ name: 'cramers-v', value: expect.closeTo(0.502519, 5) });
    expect(comparison.groups[0].counts).toEqual({ yes: 8, no: 2 });
  });

  it("Welch t with Cohen's d for scales", () => {
    const poll = parsePoll({ kind: 'likert', question: 'I would recommend it.' });
    const comparison = compareAnswers(poll, ['a', answers([4, 5, 5, 4, 5])], ['b', answers([2, 3, 2, 3, 3])]);
    // means 4.6 and 2.6, both variances 0.3: t = 2 / √(0.3/5 + 0.3/5) = 5.773503, df = 8, p = 0.000418 (scipy);
    // d = 2 / √0.3 = 3.651484.
    expect(comparison.test).toBe('welch-t');
    expect(comparison.statistic).toBeCloseTo(5.773503, 5);
    expect(comparison.df).toBeCloseTo(8, 8);
    expect(comparison.pValue).toBeCloseTo(0.000418, 6);
    expect(comparison.effectSize.value).toBeCloseTo(3.651484, 5);
  });

  it('reports no test when both groups gave the same single answer', () => {
    const poll = parsePoll({ kind: 'yes-no', question: 'Would you subscribe?' });
    const comparison = compareAnswers(poll, ['a', answers(['yes', 'yes'])], ['b', answers(['yes'])]);
    expect(comparison.pValue).toBe(1);
    expect(comparison.notes.join(' ')).toMatch(/Not enough variation/);
  });
});
