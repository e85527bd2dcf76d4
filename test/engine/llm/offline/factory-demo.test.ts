import { describe, expect, it } from 'vitest';
import { occupationTitle } from '../../../../engine/agent/persona-spec.js';
import { TinyPersonFactory } from '../../../../engine/factory/index.js';
import { factoryOfflineResponders } from '../../../../engine/llm/offline/index.js';
import { OfflineModel } from '../../../../engine/llm/offline/offline-model.js';
import { builtInDemography } from '../../../../personas/demography.js';

/** These tests are of the offline demo model: the panels it writes for a sentence, as a newcomer sees them. */
const demoFactory = () => new TinyPersonFactory(new OfflineModel({ responders: factoryOfflineResponders }));

describe('offline demo model: panels follow the description', () => {
  it('follows the description: US parents are American, 25–60, with children', async () => {
    const { personas, dimensions } = await demoFactory().create({
      count: 10,
      description: 'US parents',
      seed: 3,
    });
    expect(dimensions.map((d) => d.name)).toEqual(
      expect.arrayContaining(['personality', 'beliefs', 'finances', 'tastes', 'culture', 'age', 'gender']),
    );
    for (const { spec } of personas) {
      expect(spec.nationality).toBe('American');
      expect(spec.age).toBeGreaterThanOrEqual(25);
      expect(spec.age).toBeLessThanOrEqual(60);
      expect((spec.relationships as { description?: string }[]).some((r) => /^Child/.test(r.description ?? ''))).toBe(
        true,
      );
    }
  });

  it('makes distinct people: no repeated given or family name, and no two identical profiles in a small panel', async () => {
    const { personas } = await demoFactory().create({
      count: 8,
      description: 'US parents',
      seed: 11,
    });
    const parts = personas.map(({ spec }) => spec.name.split(' '));
    expect(new Set(parts.map((p) => p[0])).size).toBe(personas.length);
    expect(new Set(parts.map((p) => p[p.length - 1])).size).toBe(personas.length);
    const profiles = personas.map(
      ({ spec }) => `${spec.age}|${spec.gender}|${occupationTitle(spec)}|${String(spec.residence)}`,
    );
    expect(new Set(profiles).size).toBe(personas.length);
  });

  it('follows the description: nurses in Lagos who commute by bus', async () => {
    const { personas } = await demoFactory().create({
      count: 8,
      description: 'nurses in Lagos who commute by bus',
    });
    for (const { spec } of personas) {
      expect(spec.nationality).toBe('Nigerian');
      expect(String(spec.residence)).toContain('Lagos');
      expect(occupationTitle(spec)).toBe('Nurse');
      expect(JSON.stringify(spec.behaviors?.routines)).toMatch(/bus/);
    }
    expect(new Set(personas.map((p) => p.spec.age)).size).toBeGreaterThan(2);
  });

  it('stratifies small offline panels: a 50/50 gender split gives 2 and 2 of 4, 5 and 5 of 10', async () => {
    for (const [count, each] of [
      [4, 2],
      [10, 5],
    ] as const) {
      const { personas } = await demoFactory().create({
        count,
        description: 'students in Melbourne',
        seed: 9,
      });
      const women = personas.filter(({ spec }) => /^f/i.test(String(spec.gender))).length;
      expect(women).toBe(each);
      expect(new Set(personas.map(({ spec }) => spec.age)).size).toBeGreaterThan(1);
    }
  });

  it('follows a city named without its country: commuters in Leeds are British and live in Leeds', async () => {
    const { personas } = await demoFactory().create({
      count: 4,
      description: 'commuters in Leeds',
      seed: 5,
    });
    for (const { spec } of personas) {
      expect(spec.nationality).toBe('British');
      expect(String(spec.residence)).toContain('Leeds');
      expect(spec.beliefs?.join(' ')).not.toMatch(/outlook as/);
    }
  });

  it("samples from a demography document (the project's own usa.json)", async () => {
    const result = await demoFactory().create({
      count: 10,
      demography: builtInDemography('usa'),
      requirements: ['owns a smartphone'],
    });
    expect(result.dimensions.map((d) => d.name)).toEqual(
      expect.arrayContaining(['age_band', 'gender', 'region', 'ethnicity', 'religion', 'occupation']),
    );
    expect(result.dimensions.find((d) => d.name === 'gender')?.distribution).toEqual({ Female: 0.505, Male: 0.495 });
    const regions = new Set(['Northeast', 'Midwest', 'South', 'West']);
    for (const row of result.plan) expect(regions.has(row.sampled_values.region)).toBe(true);
    for (const { spec } of result.personas) {
      expect(spec.nationality).toBe('American');
      expect(spec.other_facts?.join(' ')).toContain('owns a smartphone');
    }
  });

  it('writes detailed personas: Big Five levels, several routines and dislikes', async () => {
    const { personas } = await demoFactory().create({ count: 4, description: 'US parents' });
    for (const { spec } of personas) {
      expect(spec.personality?.big_five?.openness).toMatch(/^(High|Medium|Low)\./);
      expect(spec.behaviors?.routines?.length).toBeGreaterThan(1);
      expect(spec.preferences?.dislikes?.length).toBeGreaterThan(1);
    }
  });

  it('honours the gender a single-persona description names', async () => {
    const persona = await demoFactory().createOne('a 40-year-old woman who runs a bakery in Lagos');
    expect(persona.spec.gender).toBe('Female');
  });
});
