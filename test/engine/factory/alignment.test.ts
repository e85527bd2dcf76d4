import { describe, expect, it } from 'vitest';
import type { PersonaSpec } from '../../../engine/agent/persona-spec.js';
import { UserInputError } from '../../../engine/errors.js';
import { alignPanel, effectiveSampleSize, profilePanel, rake } from '../../../engine/factory/index.js';

const person = (
  name: string,
  gender: string,
  age: number,
  residence = 'Austin, Texas, USA',
  openness = 'High. Curious.',
): PersonaSpec => ({
  name,
  gender,
  age,
  residence,
  nationality: 'American',
  occupation: { title: 'Nurse' },
  personality: { big_five: { openness } },
});

describe('raking', () => {
  it('converges on a hand-computed 2×2 example', () => {
    // Cells (gender × age): (M,young)=2 people, (M,old)=1, (F,young)=1, (F,old)=1; targets 50/50 on both.
    // The raked cell totals keep the odds ratio 2·1/(1·1) = 2: x² / (2.5 − x)² = 2, so x = 2.5·√2 / (1 + √2).
    const x = (2.5 * Math.SQRT2) / (1 + Math.SQRT2);
    const personas = [
      person('A', 'Male', 25),
      person('B', 'Male', 30),
      person('C', 'Male', 70),
      person('D', 'Female', 28),
      person('E', 'Female', 66),
    ].map((spec, i) => ({ id: `p${i}`, spec }));
    const report = alignPanel(
      personas,
      { gender: { Male: 0.5, Female: 0.5 }, age_band: { '18-34': 0.5, '55+': 0.5 } },
      { tolerance: 1e-9 },
    );
    const expected = [x / 2, x / 2, 2.5 - x, 2.5 - x, x];
    for (const [i, weight] of report.weights.entries()) expect(weight).toBeCloseTo(expected[i], 6);
    expect(report.weightsById.p4).toBeCloseTo(x, 6);
    expect(report.converged).toBe(true);
    const ess = 25 / expected.reduce((sum, w) => sum + w * w, 0);
    expect(report.effectiveSampleSize).toBeCloseTo(ess, 6);
    for (const deviation of report.deviations) expect(deviation.maxAbsDeviation).toBeLessThan(1e-8);
    expect(report.deviations[0].categories[0]).toMatchObject({ category: 'Male', count: 3, unweightedShare: 0.6 });
  });

  it('post-stratifies exactly on one dimension, and Kish ESS is (Σw)²/Σw²', () => {
    const result = rake(4, [{ membership: [0, 0, 0, 1], targets: [0.5, 0.5] }]);
    expect(result.weights.map((w) => Math.round(w * 1e6) / 1e6)).toEqual([0.666667, 0.666667, 0.666667, 2]);
    expect(effectiveSampleSize(result.weights)).toBeCloseTo(16 / (3 * (4 / 9) + 4), 9);
  });

  it('trims extreme weights when asked', () => {
    const result = rake(5, [{ membership: [0, 0, 0, 0, 1], targets: [0.5, 0.5] }], {
      trim: { max: 2 },
      maxIterations: 20,
    });
    expect(Math.max(...result.weights)).toBeLessThanOrEqual(2 + 1e-9);
    expect(result.converged).toBe(false);
  });

  it('normalises shares with a warning, warns on empty categories, maps states to regions', () => {
    const personas = [
      person('A', 'Female', 30, 'Boston, Massachusetts, USA'),
      person('B', 'Male', 40, 'Austin, Texas, USA'),
      person('C', 'Female', 50, 'Columbus, Ohio, USA'),
    ].map((spec) => ({ spec }));
    const report = alignPanel(
      personas,
      JSON.stringify({
        gender: { Female: 60, Male: 40 },
        region: { Northeast: 0.2, South: 0.3, Midwest: 0.3, West: 0.2 },
      }),
    );
    expect(report.warnings.join('\n')).toMatch(/gender added up to 100; normalised/);
    expect(report.warnings.join('\n')).toMatch(/No panel member falls into region "West"/);
    const region = report.deviations.find((d) => d.dimension === 'region')!;
    expect(region.categories.find((c) => c.category === 'West')).toMatchObject({ count: 0, weightedShare: 0 });
    expect(region.maxAbsDeviation).toBeCloseTo(0.2, 6);
  });

  it('refuses targets that give every panel member a zero share, instead of all-zero weights', () => {
    const personas = [{ spec: person('A', 'Female', 30) }, { spec: person('B', 'Female', 50) }];
    const error = (() => {
      try {
        alignPanel(personas, { gender: { Female: 0, Male: 1 } });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UserInputError);
    expect((error as UserInputError).code).toBe('align.unreachable');
    expect((error as UserInputError).message).toMatch(/target share is 0/);
  });

  it('rejects unknown dimensions and malformed targets with clear errors', () => {
    const personas = [{ spec: person('A', 'Female', 30) }];
    expect(() => alignPanel(personas, { shoe_size: { '42': 1 } })).toThrow(/Unknown dimension "shoe_size"/);
    const error = (() => {
      try {
        alignPanel(personas, '{not json');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UserInputError);
    expect((error as UserInputError).code).toBe('alignment.targets');
    expect(() => alignPanel(personas, { age_band: { young: 1 } })).toThrow(/Age bands must look like/);
    expect(alignPanel(personas, { 'occupation.title': { Nurse: 1 } }).weights).toEqual([1]);
  });
});

describe('panel profile', () => {
  it('tabulates age bands, gender, nationality, occupation and Big Five levels, weighted too', () => {
    const specs = [
      person('A', 'Female', 22, undefined, 'High. Curious.'),
      person('B', 'male', 47, undefined, 'Low. Set in ways.'),
      person('C', 'F', 71, undefined, 'Medium. Fine.'),
      person('D', 'Female', 48, undefined, 'High. Loves ideas.'),
    ];
    const profile = profilePanel(specs, { weights: [1, 2, 1, 0] });
    const byName = Object.fromEntries(profile.map((d) => [d.dimension, d.rows]));
    expect(byName.age_band.map((r) => [r.value, r.count])).toEqual([
      ['18-24', 1],
      ['45-54', 2],
      ['65+', 1],
    ]);
    expect(byName.gender).toEqual([
      { value: 'Female', count: 3, share: 0.75, weightedShare: 0.5 },
      { value: 'Male', count: 1, share: 0.25, weightedShare: 0.5 },
    ]);
    expect(byName['big_five.openness'].map((r) => r.value)).toEqual(['High', 'Medium', 'Low']);
    expect(byName.occupation).toEqual([{ value: 'Nurse', count: 4, share: 1, weightedShare: 1 }]);
    expect(byName.nationality[0].value).toBe('American');
    expect(byName.country[0].value).toBe('USA');
  });
});
