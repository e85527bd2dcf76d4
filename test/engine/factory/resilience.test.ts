import { describe, expect, it } from 'vitest';
import { CancelledError, ModelBehaviorError } from '../../../engine/errors.js';
import { NameRegistry, TinyPersonFactory } from '../../../engine/factory/index.js';
import type { Combination } from '../../../engine/factory/index.js';
import { factoryScript } from '../../doubles/factory-script.js';
import { ScriptedModel } from '../../doubles/scripted-model.js';

describe('plan quantities', () => {
  it('are rescaled to N when the model plan does not add up', async () => {
    const model = new ScriptedModel(
      factoryScript({
        'factory.plan': () => ({
          plan: [
            {
              subpopulation_description: 'young women',
              sampled_values: [
                { dimension: 'gender', value: 'Female' },
                { dimension: 'age', value: '20-30' },
              ],
              quantity: 2,
            },
            {
              subpopulation_description: 'older men',
              sampled_values: [
                { dimension: 'gender', value: 'Male' },
                { dimension: 'age', value: '50-60' },
              ],
              quantity: 5,
            },
            { subpopulation_description: 'nobody', sampled_values: [], quantity: -3 },
          ],
        }),
      }),
    );
    const result = await new TinyPersonFactory(model).create({
      count: 10,
      description: 'US parents',
      planning: 'separate',
    });
    expect(result.plan.reduce((sum, row) => sum + row.quantity, 0)).toBe(10);
    expect(result.plan.map((row) => row.quantity)).toEqual([3, 7]);
    expect(result.personas).toHaveLength(10);
    expect(result.warnings.join(' ')).toMatch(/rescaled to 10/);
    expect(result.calls).toBe(12);
    expect(result.personas.filter((p) => p.spec.gender === 'Male')).toHaveLength(7);
  });
});

describe('names', () => {
  it('are unique across concurrent factories of one tenant and avoid existing names', async () => {
    const names = new NameRegistry(['Emily Smith']);
    // Same description and seed on purpose: without the shared registry they would pick the same names.
    const runs = await Promise.all(
      [1, 2, 3].map(() =>
        new TinyPersonFactory(new ScriptedModel(factoryScript()), { names }).create({
          count: 15,
          description: 'US parents',
          seed: 7,
          existingNames: ['James Miller'],
        }),
      ),
    );
    const all = runs.flatMap((run) => run.personas.map((p) => p.spec.name.toLowerCase()));
    expect(all).toHaveLength(45);
    expect(new Set(all).size).toBe(45);
    expect(all).not.toContain('emily smith');
    expect(all).not.toContain('james miller');
    for (const name of all) expect(names.has(name)).toBe(true);
  });

  it('are settled in code: each persona call is told its name', async () => {
    const model = new ScriptedModel(factoryScript());
    const { personas } = await new TinyPersonFactory(model).create({
      count: 4,
      description: 'nurses in Lagos who commute by bus',
    });
    const prompts = model.prompts('factory.persona');
    for (const { spec } of personas) expect(prompts.some((prompt) => prompt.endsWith(`Name: ${spec.name}`))).toBe(true);
  });
});

describe('failures', () => {
  it('replaces a failed persona with a fresh combination, never returning fewer people', async () => {
    const failed: string[] = [];
    const model = new ScriptedModel(
      factoryScript({
        'factory.persona': (request, call) => {
          if (call === 1 || call === 3) {
            failed.push((request.hints!.combination as Combination).name);
            throw new ModelBehaviorError('model.invalid', 'junk after retries');
          }
          return undefined;
        },
      }),
    );
    const names = new NameRegistry();
    const result = await new TinyPersonFactory(model, { names }).create({ count: 6, description: 'US parents' });
    expect(result.personas).toHaveLength(6);
    expect(result.calls).toBe(1 + 6 + 2);
    const made = result.personas.map((p) => p.spec.name);
    for (const name of failed) {
      expect(made).not.toContain(name);
      expect(names.has(name)).toBe(false);
    }
  });

  it('throws ModelBehaviorError saying how many were made when replacements keep failing', async () => {
    const names = new NameRegistry();
    const model = new ScriptedModel(
      factoryScript({
        'factory.persona': (request) => {
          if ((request.hints!.combination as Combination).name && model.calls('factory.persona').length > 3)
            throw new ModelBehaviorError('model.invalid', 'junk');
          return undefined;
        },
      }),
    );
    const error = await new TinyPersonFactory(model, { names, concurrency: 1 })
      .create({ count: 5, description: 'US parents' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ModelBehaviorError);
    expect(error.code).toBe('factory.persona_failed');
    expect(error.message).toMatch(/Made 3 of 5/);
    expect(names.size).toBe(0);
  });

  it('is cancelled by the signal: CancelledError, no further calls started', async () => {
    const controller = new AbortController();
    const model = new ScriptedModel(factoryScript(), { delayMs: 5 });
    const factory = new TinyPersonFactory(model, { concurrency: 2 });
    const promise = factory.create({
      count: 20,
      description: 'US parents',
      signal: controller.signal,
      onProgress: (done) => done === 3 && controller.abort(),
    });
    await expect(promise).rejects.toBeInstanceOf(CancelledError);
    const started = model.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(model.requests.length).toBe(started);
    expect(started).toBeLessThan(2 + 20);
  });

  it('does not call the model at all when already cancelled', async () => {
    const model = new ScriptedModel(factoryScript());
    const controller = new AbortController();
    controller.abort();
    await expect(
      new TinyPersonFactory(model).create({ count: 3, description: 'US parents', signal: controller.signal }),
    ).rejects.toBeInstanceOf(CancelledError);
    expect(model.requests.length).toBe(0);
  });
});
