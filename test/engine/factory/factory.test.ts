import { describe, expect, it } from 'vitest';
import { PersonaSpecSchema, occupationTitle } from '../../../engine/agent/persona-spec.js';
import { TinyPersonFactory, NameRegistry } from '../../../engine/factory/index.js';
import { ScriptedModel } from './helpers.js';
import { builtInDemography } from '../../../personas/demography.js';

describe('TinyPersonFactory.create', () => {
  it('makes N valid, detailed personas in N + 1 calls (dimensions and plan in one), reporting progress', async () => {
    const model = new ScriptedModel();
    const progress: [number, number, string][] = [];
    const result = await new TinyPersonFactory(model).create({
      count: 12,
      description: 'US parents',
      onProgress: (done, total, persona) => progress.push([done, total, persona.spec.name]),
    });
    expect(result.personas).toHaveLength(12);
    expect(result.calls).toBe(12 + 1);
    expect(model.calls()).toBe(result.calls);
    expect(result.callsByTask).toEqual({ 'factory.sampling': 1, 'factory.persona': 12 });
    expect(progress.map(([done]) => done)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(progress.every(([, total]) => total === 12)).toBe(true);
    expect(new Set(progress.map(([, , name]) => name))).toEqual(new Set(result.personas.map((p) => p.spec.name)));
    for (const { spec, avatar } of result.personas) {
      expect(PersonaSpecSchema.safeParse(spec).success).toBe(true);
      expect(spec.personality?.big_five?.openness).toMatch(/^(High|Medium|Low)\./);
      expect(spec.behaviors?.routines?.length).toBeGreaterThan(1);
      expect(spec.preferences?.dislikes?.length).toBeGreaterThan(1);
      expect(avatar).toMatch(/^data:image\/svg\+xml;base64,/);
    }
  });

  it('follows the description: US parents are American, 25–60, with children', async () => {
    const { personas, dimensions } = await new TinyPersonFactory(new ScriptedModel()).create({
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
    const { personas } = await new TinyPersonFactory(new ScriptedModel()).create({
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
    const { personas } = await new TinyPersonFactory(new ScriptedModel()).create({
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
      const { personas } = await new TinyPersonFactory(new ScriptedModel()).create({
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
    const { personas } = await new TinyPersonFactory(new ScriptedModel()).create({
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
    const demography = builtInDemography('usa');
    const model = new ScriptedModel();
    const result = await new TinyPersonFactory(model).create({
      count: 10,
      demography,
      requirements: ['owns a smartphone'],
    });
    const names = result.dimensions.map((d) => d.name);
    expect(names).toEqual(
      expect.arrayContaining(['age_band', 'gender', 'region', 'ethnicity', 'religion', 'occupation']),
    );
    expect(result.dimensions.find((d) => d.name === 'gender')?.distribution).toEqual({ Female: 0.505, Male: 0.495 });
    const regions = new Set(['Northeast', 'Midwest', 'South', 'West']);
    for (const row of result.plan) expect(regions.has(row.sampled_values.region)).toBe(true);
    expect(result.personas).toHaveLength(10);
    for (const { spec } of result.personas) {
      expect(spec.nationality).toBe('American');
      expect(spec.other_facts?.join(' ')).toContain('owns a smartphone');
    }
    // The document reaches the model in the messages, not only in the offline hints.
    expect(model.log.find((entry) => entry.task === 'factory.dimensions')?.prompt).toContain('Age Distribution');
    // A demography document keeps the two-call path: dimensions committed first, then the plan over them.
    expect(result.callsByTask).toEqual({ 'factory.dimensions': 1, 'factory.plan': 1, 'factory.persona': 10 });
  });

  it('plans in one call whose plan sums to N and gives every sub-population a value for every dimension', async () => {
    for (const [count, description] of [
      [20, 'US parents'],
      [7, 'nurses in Lagos who commute by bus'],
      [50, 'commuters in Leeds'],
    ] as const) {
      const model = new ScriptedModel();
      const result = await new TinyPersonFactory(model).create({ count, description });
      expect(model.calls('factory.sampling')).toBe(1);
      expect(model.calls('factory.dimensions') + model.calls('factory.plan')).toBe(0);
      expect(result.plan.reduce((sum, row) => sum + row.quantity, 0)).toBe(count);
      const names = result.dimensions.map((dimension) => dimension.name);
      expect(names).toEqual(expect.arrayContaining(['age', 'gender', 'occupation']));
      for (const row of result.plan) expect(Object.keys(row.sampled_values).sort()).toEqual([...names].sort());
      expect(result.personas).toHaveLength(count);
      expect(result.calls).toBe(count + 1);
    }
  });

  it('rescales a combined plan that does not add up, and keeps the two-call path when asked (--align)', async () => {
    const model = new ScriptedModel({
      'factory.sampling': () => ({
        dimensions: [
          { name: 'gender', description: 'gender', values: ['Female', 'Male'], range: null, distribution: [] },
        ],
        plan: [
          {
            subpopulation_description: 'women',
            sampled_values: [{ dimension: 'gender', value: 'Female' }],
            quantity: 1,
          },
          { subpopulation_description: 'men', sampled_values: [{ dimension: 'gender', value: 'Male' }], quantity: 3 },
        ],
      }),
    });
    const result = await new TinyPersonFactory(model).create({ count: 8, description: 'US parents' });
    expect(result.plan.map((row) => row.quantity)).toEqual([2, 6]);
    expect(result.warnings.join(' ')).toMatch(/rescaled to 8/);
    expect(result.dimensions).toEqual([{ name: 'gender', description: 'gender', values: ['Female', 'Male'] }]);
    const separate = new ScriptedModel();
    const aligned = await new TinyPersonFactory(separate).create({
      count: 4,
      description: 'US parents',
      planning: 'separate',
    });
    expect(aligned.callsByTask).toEqual({ 'factory.dimensions': 1, 'factory.plan': 1, 'factory.persona': 4 });
  });

  it('applies the post-processing hook and context', async () => {
    const result = await new TinyPersonFactory(new ScriptedModel()).create({
      count: 3,
      description: 'retired teachers in Osaka',
      context: 'a study about public transport',
      postProcess: (spec) => ({ ...spec, projects: ['panel study'] }),
    });
    for (const { spec } of result.personas) expect(spec.projects).toEqual(['panel study']);
  });

  it('createOne skips planning: one call, one persona named uniquely in the tenant', async () => {
    const model = new ScriptedModel();
    const names = new NameRegistry();
    const factory = new TinyPersonFactory(model, { names });
    const persona = await factory.createOne('a 40-year-old woman who runs a bakery in Lagos');
    expect(model.calls()).toBe(1);
    expect(model.calls('factory.persona')).toBe(1);
    expect(persona.calls).toBe(1);
    expect(PersonaSpecSchema.safeParse(persona.spec).success).toBe(true);
    expect(persona.spec.gender).toBe('Female');
    expect(names.has(persona.spec.name)).toBe(true);
  });

  it('is deterministic for a seed', async () => {
    const run = () =>
      new TinyPersonFactory(new ScriptedModel()).create({ count: 5, description: 'young gamers in Seoul', seed: 42 });
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.personas.map((p) => p.spec)).toEqual(b.personas.map((p) => p.spec));
  });
});
