import { describe, expect, it } from 'vitest';
import { Normalizer, TinyEnricher } from '../../../engine/extraction/index.js';
import { UserInputError } from '../../../engine/errors.js';
import { ScriptedModel, offlineModel } from './fixtures.js';

const THEMES = [
  'The price is too high for a student budget.',
  'Honestly the price would stop me, it costs more than groceries.',
  'Delivery times are unreliable where I live, delivery is often late.',
  'I need delivery on weekends, weekday delivery does not work.',
  'The recipes look boring and repetitive.',
  'Recipes with fewer steps would help, the recipes take too long.',
];

describe('Normalizer', () => {
  it('proposes at most N categories and maps every answer to one of them, by keyword', async () => {
    const result = await new Normalizer({ model: offlineModel() }).normalize({
      answers: THEMES,
      categories: 4,
      question: 'What would stop you from subscribing?',
    });
    const names = result.categories.map((category) => category.name);
    expect(names.length).toBeLessThanOrEqual(4);
    expect(names).toEqual(expect.arrayContaining(['Price', 'Delivery', 'Recipe']));
    expect(result.assignments.map((assignment) => assignment.category)).toEqual([
      'Price',
      'Price',
      'Delivery',
      'Delivery',
      'Recipe',
      'Recipe',
    ]);
    expect(result.assignments.map((assignment) => assignment.id)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(result.calls).toBe(2);
  });

  it('batches 50 answers so no prompt holds them all, merging the proposals', async () => {
    const answers = Array.from(
      { length: 50 },
      (_, index) =>
        `${THEMES[index % THEMES.length]} Answer number ${index + 1} adds a few more words so it takes some room.`,
    );
    const model = new ScriptedModel();
    const result = await new Normalizer({ model, batchTokens: 200 }).normalize({ answers, categories: 4 });
    expect(result.assignments).toHaveLength(50);
    const batches = model.calls.filter((call) => call.task === 'extraction.normalize');
    // propose per batch + one merge + assign per batch.
    expect(batches.length).toBeGreaterThan(5);
    expect(result.calls).toBe(batches.length);
    const names = new Set(result.categories.map((category) => category.name));
    for (const assignment of result.assignments) expect(names.has(assignment.category)).toBe(true);
    expect(result.categories.length).toBeLessThanOrEqual(4);
  });

  it('rejects an impossible number of categories', async () => {
    await expect(
      new Normalizer({ model: offlineModel() }).normalize({ answers: THEMES, categories: 0 }),
    ).rejects.toBeInstanceOf(UserInputError);
  });
});

describe('TinyEnricher', () => {
  it('expands a paragraph into a longer brief that keeps the original and covers the requirements', async () => {
    const idea =
      'A meal kit with reusable boxes that the courier collects. Families can pause deliveries when they travel.';
    const result = await new TinyEnricher({
      model: offlineModel(),
      now: () => new Date('2025-03-01T00:00:00Z'),
    }).enrich({ content: idea, requirements: 'a one-page brief with target users, risks and next steps' });
    expect(result.content.length).toBeGreaterThan(idea.length * 3);
    expect(result.content).toContain(idea);
    expect(result.content).toMatch(/target users/i);
    expect(result.provenance).toMatchObject({ synthetic: true, generatedAt: '2025-03-01T00:00:00.000Z' });
  });

  it('asks for both content and requirements', async () => {
    await expect(
      new TinyEnricher({ model: offlineModel() }).enrich({ content: ' ', requirements: 'x' }),
    ).rejects.toMatchObject({ code: 'enrich.empty' });
  });
});
