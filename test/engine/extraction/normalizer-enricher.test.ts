import { describe, expect, it } from 'vitest';
import { Normalizer, TinyEnricher } from '../../../engine/extraction/index.js';
import { UserInputError } from '../../../engine/errors.js';
import type { CompletionRequest } from '../../../engine/llm/port.js';
import { ScriptedModel } from '../../doubles/scripted-model.js';

const CATEGORIES = ['Price', 'Delivery', 'Recipe'];

/** A scripted normaliser: proposes up to three categories, assigns each answer to the first whose name it contains. */
function normalizeAnswer(request: CompletionRequest<unknown>) {
  const hints = request.hints as { stage: string; texts: string[]; max: number; categories: { name: string }[] };
  if (hints.stage !== 'assign')
    return {
      categories: CATEGORIES.slice(0, hints.max).map((name) => ({ name, description: `answers about ${name}` })),
    };
  const names = hints.categories.map((category) => category.name);
  return {
    categories: hints.texts.map(
      (text) => names.find((name) => text.toLowerCase().includes(name.toLowerCase())) ?? names[0],
    ),
  };
}

const normalizeModel = () => new ScriptedModel({ 'extraction.normalize': normalizeAnswer });

const THEMES = [
  'The price is too high for a student budget.',
  'Honestly the price would stop me, it costs more than groceries.',
  'Delivery times are unreliable where I live, delivery is often late.',
  'I need delivery on weekends, weekday delivery does not work.',
  'The recipes look boring and repetitive.',
  'Recipes with fewer steps would help, the recipes take too long.',
];

describe('Normalizer', () => {
  it('proposes at most N categories and lets the model assign answers only to those', async () => {
    const model = normalizeModel();
    const result = await new Normalizer({ model }).normalize({
      answers: THEMES,
      categories: 2,
      question: 'What would stop you from subscribing?',
    });
    expect(result.categories.map((category) => category.name)).toEqual(['Price', 'Delivery']);
    // The model may propose at most N, and may assign only those, one per answer.
    const propose = model.calls('extraction.normalize')[0];
    expect(propose.schema.safeParse(normalizeAnswer({ ...propose, hints: { ...propose.hints, max: 3 } })).success).toBe(
      false,
    );
    const assign = model.calls('extraction.normalize').at(-1)!;
    expect(assign.schema.safeParse({ categories: Array(6).fill('Recipe') }).success).toBe(false);
    expect(assign.schema.safeParse({ categories: Array(5).fill('Price') }).success).toBe(false);
    expect(assign.messages[1].content).toContain('What would stop you from subscribing?');
  });

  it('maps every answer to one of the categories, in order, keeping the answer ids', async () => {
    const result = await new Normalizer({ model: normalizeModel() }).normalize({ answers: THEMES, categories: 4 });
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
    const model = normalizeModel();
    const result = await new Normalizer({ model, batchTokens: 200 }).normalize({ answers, categories: 4 });
    expect(result.assignments).toHaveLength(50);
    const batches = model.calls('extraction.normalize');
    // propose per batch + one merge + assign per batch.
    expect(batches.length).toBeGreaterThan(5);
    expect(result.calls).toBe(batches.length);
    const names = new Set(result.categories.map((category) => category.name));
    for (const assignment of result.assignments) expect(names.has(assignment.category)).toBe(true);
    expect(result.categories.length).toBeLessThanOrEqual(4);
  });

  it('rejects an impossible number of categories', async () => {
    await expect(
      new Normalizer({ model: normalizeModel() }).normalize({ answers: THEMES, categories: 0 }),
    ).rejects.toBeInstanceOf(UserInputError);
  });
});

describe('TinyEnricher', () => {
  it('asks the model to expand the content to the requirements and labels the result synthetic', async () => {
    const idea =
      'A meal kit with reusable boxes that the courier collects. Families can pause deliveries when they travel.';
    const model = new ScriptedModel({ 'extraction.enrich': { content: 'The expanded brief.' } });
    const result = await new TinyEnricher({ model, now: () => new Date('2025-03-01T00:00:00Z') }).enrich({
      content: idea,
      requirements: 'a one-page brief with target users, risks and next steps',
    });
    expect(result.content).toBe('The expanded brief.');
    const prompt = model.prompts('extraction.enrich')[0];
    expect(prompt).toContain(idea);
    expect(prompt).toContain('Requirements: a one-page brief with target users, risks and next steps');
    expect(result.provenance).toMatchObject({ synthetic: true, generatedAt: '2025-03-01T00:00:00.000Z' });
  });

  it('asks for both content and requirements', async () => {
    await expect(
      new TinyEnricher({ model: new ScriptedModel({}) }).enrich({ content: ' ', requirements: 'x' }),
    ).rejects.toMatchObject({ code: 'enrich.empty' });
  });
});
