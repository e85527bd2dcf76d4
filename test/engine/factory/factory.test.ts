import { describe, expect, it } from 'vitest';
import { PersonaSpecSchema } from '../../../engine/agent/persona-spec.js';
import { NameRegistry, TinyPersonFactory } from '../../../engine/factory/index.js';
import { builtInDemography } from '../../../personas/demography.js';
import { factoryScript } from '../../doubles/factory-script.js';
import { ScriptedModel } from '../../doubles/scripted-model.js';

const factoryModel = (overrides?: Parameters<typeof factoryScript>[0]) => new ScriptedModel(factoryScript(overrides));

describe('TinyPersonFactory.create', () => {
  it('makes N valid personas in N + 1 calls (dimensions and plan in one), reporting progress', async () => {
    const model = factoryModel();
    const progress: [number, number, string][] = [];
    const result = await new TinyPersonFactory(model).create({
      count: 12,
      description: 'US parents',
      onProgress: (done, total, persona) => progress.push([done, total, persona.spec.name]),
    });
    expect(result.personas).toHaveLength(12);
    expect(result.calls).toBe(12 + 1);
    expect(model.requests).toHaveLength(result.calls);
    expect(result.callsByTask).toEqual({ 'factory.sampling': 1, 'factory.persona': 12 });
    expect(progress.map(([done]) => done)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(progress.every(([, total]) => total === 12)).toBe(true);
    expect(new Set(progress.map(([, , name]) => name))).toEqual(new Set(result.personas.map((p) => p.spec.name)));
    for (const { spec, avatar } of result.personas) {
      expect(PersonaSpecSchema.safeParse(spec).success).toBe(true);
      expect(avatar).toMatch(/^data:image\/svg\+xml;base64,/);
    }
  });

  it('draws each persona from its sub-population: the plan decides who is made', async () => {
    const { personas, plan } = await new TinyPersonFactory(factoryModel()).create({
      count: 5,
      description: 'US parents',
    });
    expect(plan.map((row) => [row.sampled_values.gender, row.quantity])).toEqual([
      ['Female', 3],
      ['Male', 2],
    ]);
    expect(personas.map(({ spec }) => spec.gender).sort()).toEqual(['Female', 'Female', 'Female', 'Male', 'Male']);
  });

  it('gives every persona of a panel a different name, settled in code', async () => {
    const { personas } = await new TinyPersonFactory(factoryModel()).create({
      count: 8,
      description: 'US parents',
      seed: 11,
    });
    const parts = personas.map(({ spec }) => spec.name.split(' '));
    expect(new Set(parts.map((p) => p[0])).size).toBe(personas.length);
    expect(new Set(parts.map((p) => p[p.length - 1])).size).toBe(personas.length);
  });

  it('sends a demography document to the model and keeps the two-call path for it', async () => {
    const model = factoryModel();
    const result = await new TinyPersonFactory(model).create({
      count: 10,
      demography: builtInDemography('usa'),
      requirements: ['owns a smartphone'],
    });
    expect(result.personas).toHaveLength(10);
    // The document reaches the model in the messages, not only in the offline hints.
    expect(model.prompts('factory.dimensions')[0]).toContain('Age Distribution');
    expect(model.prompts('factory.persona')[0]).toContain('owns a smartphone');
    // Dimensions committed first, then the plan over them.
    expect(result.callsByTask).toEqual({ 'factory.dimensions': 1, 'factory.plan': 1, 'factory.persona': 10 });
  });

  it('plans in one call whose plan sums to N and gives every sub-population a value for every dimension', async () => {
    for (const count of [20, 7, 50]) {
      const model = factoryModel();
      const result = await new TinyPersonFactory(model).create({ count, description: 'commuters in Leeds' });
      expect(model.calls('factory.sampling')).toHaveLength(1);
      expect(model.calls('factory.dimensions').length + model.calls('factory.plan').length).toBe(0);
      expect(result.plan.reduce((sum, row) => sum + row.quantity, 0)).toBe(count);
      const names = result.dimensions.map((dimension) => dimension.name);
      for (const row of result.plan) expect(Object.keys(row.sampled_values).sort()).toEqual([...names].sort());
      expect(result.personas).toHaveLength(count);
      expect(result.calls).toBe(count + 1);
    }
  });

  it('rescales a combined plan that does not add up, and keeps the two-call path when asked (--align)', async () => {
    const model = factoryModel({
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
    const aligned = await new TinyPersonFactory(factoryModel()).create({
      count: 4,
      description: 'US parents',
      planning: 'separate',
    });
    expect(aligned.callsByTask).toEqual({ 'factory.dimensions': 1, 'factory.plan': 1, 'factory.persona': 4 });
  });

  it('applies the post-processing hook and context', async () => {
    const model = factoryModel();
    const result = await new TinyPersonFactory(model).create({
      count: 3,
      description: 'retired teachers in Osaka',
      context: 'a study about public transport',
      postProcess: (spec) => ({ ...spec, projects: ['panel study'] }),
    });
    for (const { spec } of result.personas) expect(spec.projects).toEqual(['panel study']);
    expect(model.prompts('factory.persona').every((prompt) => prompt.includes('public transport'))).toBe(true);
  });

  it('createOne skips planning: one call, one persona named uniquely in the tenant', async () => {
    const model = factoryModel();
    const names = new NameRegistry();
    const factory = new TinyPersonFactory(model, { names });
    const persona = await factory.createOne('a 40-year-old woman who runs a bakery in Lagos');
    expect(model.tasks()).toEqual(['factory.persona']);
    expect(persona.calls).toBe(1);
    expect(PersonaSpecSchema.safeParse(persona.spec).success).toBe(true);
    expect(names.has(persona.spec.name)).toBe(true);
  });

  it('is deterministic for a seed', async () => {
    const run = () =>
      new TinyPersonFactory(factoryModel()).create({ count: 5, description: 'young gamers in Seoul', seed: 42 });
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.personas.map((p) => p.spec)).toEqual(b.personas.map((p) => p.spec));
  });
});
