import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PersonaSpecSchema, type PersonaSpec } from '../../../engine/agent/persona-spec.js';
import { UserInputError } from '../../../engine/errors.js';
import {
  analyzePoll,
  answerSchemaFor,
  ageBand,
  compareSegments,
  parsePoll,
  runPoll,
  segmentOf,
  type PollPersona,
} from '../../../engine/extraction/index.js';
import { pollAnswer } from '../../doubles/poll-script.js';
import { ScriptedModel } from '../../doubles/scripted-model.js';

const pollModel = () => new ScriptedModel({ 'poll.answer': pollAnswer });
import { HAS_TINYTROUPE, NEEDS_TINYTROUPE, TINYTROUPE_DIR } from '../../fixtures/tinytroupe.js';

const loadSpec = (file: string) =>
  PersonaSpecSchema.parse(JSON.parse(readFileSync(path.join(TINYTROUPE_DIR, file), 'utf8')).persona);

function panel(): PollPersona[] {
  const lisa = loadSpec('Lisa.agent.json');
  const oscar = loadSpec('Oscar.agent.json');
  const made: PersonaSpec[] = Array.from({ length: 18 }, (_, index) => ({
    name: `Person ${index + 1}`,
    age: 19 + index * 3,
    gender: index % 2 ? 'Female' : 'Male',
    nationality: index % 3 ? 'American' : 'Canadian',
    occupation: { title: index % 2 ? 'Nurse' : 'Software engineer' },
    preferences:
      index % 2
        ? { likes: ['Cooking fresh vegetables at home.'], dislikes: ['Packaging waste.'] }
        : { likes: ['Fast delivery apps.'], dislikes: ['Cooking at home.'] },
  }));
  return [lisa, oscar, ...made].map((spec, index) => ({ id: `p${index + 1}`, name: spec.name, spec }));
}

describe('poll definitions', () => {
  it('explains what is wrong and shows a correct poll', () => {
    expect(() => parsePoll({ kind: 'single-choice', question: 'Which name?', options: ['Nova'] })).toThrow(
      UserInputError,
    );
    try {
      parsePoll({ kind: 'single-choice', question: 'Which name?', options: ['Nova'] });
    } catch (error) {
      expect(error).toMatchObject({
        code: 'poll.invalid',
        example: expect.stringContaining("options: ['Nova', 'Orbit']"),
      });
      expect((error as Error).message).toMatch(/single-choice.*at least 2 options/);
    }
    expect(() => parsePoll({ kind: 'ranking', question: 'Rank these' })).toThrow(/unknown poll kind "ranking"/);
    expect(() => parsePoll({ kind: 'numeric', question: 'How much?', min: 10, max: 5 })).toThrow(
      /min must be below max/,
    );
    expect(() => parsePoll({ kind: 'likert', question: 'Agree?', points: 4 })).toThrow(UserInputError);
    expect(parsePoll({ kind: 'likert', question: 'Agree?' })).toMatchObject({
      points: 5,
      labels: { low: 'Strongly disagree' },
    });
  });

  it('builds answer schemas that only accept valid answers', () => {
    const choice = answerSchemaFor(
      parsePoll({ kind: 'single-choice', question: 'Which name?', options: ['Nova', 'Orbit'] }),
    );
    expect(choice.safeParse({ choice: 'Nova', reason: 'short' }).success).toBe(true);
    expect(choice.safeParse({ choice: 'Other', reason: 'short' }).success).toBe(false);
    const likert = answerSchemaFor(parsePoll({ kind: 'likert', question: 'Agree?', points: 7 }));
    expect(likert.safeParse({ rating: 7, reason: 'r' }).success).toBe(true);
    expect(likert.safeParse({ rating: 8, reason: 'r' }).success).toBe(false);
    const numeric = answerSchemaFor(parsePoll({ kind: 'numeric', question: 'How much?', min: 0, max: 50 }));
    expect(numeric.safeParse({ value: 51, reason: 'r' }).success).toBe(false);
  });
});

describe.runIf(HAS_TINYTROUPE)(`runPoll ${NEEDS_TINYTROUPE}`, () => {
  it("every persona answers concurrently from its own prompt, with progress, each answer kept as that persona's", async () => {
    const personas = panel();
    const progress: number[] = [];
    const run = await runPoll({
      personas,
      poll: {
        kind: 'single-choice',
        question: 'How would you rather get dinner on a weekday?',
        options: ['Cooking fresh vegetables at home', 'A fast delivery app'],
      },
      model: pollModel(),
      onProgress: ({ done }) => progress.push(done),
    });
    expect(run.answers).toHaveLength(20);
    expect(run.failures).toEqual([]);
    expect(progress.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    // The scripted model picks the option the persona's prompt mentions: even-numbered made-up personas like cooking.
    const cooks = run.answers.filter(
      (answer) => Number(answer.personaId.slice(1)) > 2 && Number(answer.personaId.slice(1)) % 2 === 0,
    );
    const deliverers = run.answers.filter(
      (answer) => Number(answer.personaId.slice(1)) > 2 && Number(answer.personaId.slice(1)) % 2 === 1,
    );
    const share = (list: typeof cooks, option: string) =>
      list.filter((answer) => answer.value === option).length / list.length;
    expect(share(cooks, 'Cooking fresh vegetables at home')).toBe(1);
    expect(share(deliverers, 'Cooking fresh vegetables at home')).toBe(0);
    for (const answer of run.answers)
      expect(answer.reason).toBe(`${answer.personaName} answers from their own prompt.`);
    expect(run.provenance.synthetic).toBe(true);
  });

  it('sends a real model everything it needs: persona first, then the poll and the memory summary', async () => {
    const model = pollModel();
    const [lisa] = panel();
    await runPoll({
      personas: [{ ...lisa, memorySummary: 'We discussed meal kits.' }],
      poll: { kind: 'single-choice', question: 'Which name?', options: ['Nova', 'Orbit'] },
      model,
    });
    const [system, user] = model.requests[0].messages;
    expect(system.content).toContain('You are Lisa Carter');
    expect(system.content).toContain('"occupation":{"title":"Data Scientist"');
    expect(user.content).toBe(
      'What you have heard and said in this channel so far:\nWe discussed meal kits.\n\nPoll question: Which name?\nChoose exactly one option:\n- Nova\n- Orbit\nGive a short reason in your own voice (one or two sentences).',
    );
  });

  it('keeps answers in panel order whatever the concurrency', async () => {
    const input = { personas: panel(), poll: { kind: 'likert', question: 'I enjoy trying new delivery apps.' } };
    const first = await runPoll({ ...input, model: pollModel() });
    const second = await runPoll({ ...input, model: pollModel(), concurrency: 3 });
    expect(first.answers.map((answer) => answer.personaId)).toEqual(input.personas.map((persona) => persona.id));
    expect(second.answers).toEqual(first.answers);
  });

  it('reports a persona whose answer is invalid instead of failing the whole poll', async () => {
    const personas = panel();
    const model = new ScriptedModel({
      'poll.answer': (request) =>
        request.hints?.personaName === personas[1].name ? { answer: 'maybe', reason: 'x' } : pollAnswer(request),
    });
    const run = await runPoll({ personas, poll: { kind: 'yes-no', question: 'Would you try a meal kit?' }, model });
    expect(run.failures.map((failure) => failure.personaName)).toEqual([personas[1].name]);
    expect(run.answers).toHaveLength(19);
    expect(aggregateWarnings(await analyzePoll(run))).toContain('failed-answers');
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      runPoll({
        personas: panel(),
        poll: { kind: 'yes-no', question: 'Would you try it?' },
        model: pollModel(),
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ kind: 'cancelled' });
  });
});

function aggregateWarnings(analysis: Awaited<ReturnType<typeof analyzePoll>>): string[] {
  return analysis.results.warnings.map((warning) => warning.code);
}

describe.runIf(HAS_TINYTROUPE)(`analyzePoll: breakdowns, open-ended and segment comparison ${NEEDS_TINYTROUPE}`, () => {
  it('breaks results down by age band, gender and any spec path', async () => {
    const personas = panel();
    const specs = Object.fromEntries(personas.map((persona) => [persona.id, persona.spec]));
    const run = await runPoll({
      personas,
      poll: { kind: 'likert', question: 'I enjoy trying new delivery apps.' },
      model: pollModel(),
    });
    const { breakdown, results } = await analyzePoll(run, { specs, breakdownBy: 'age-band' });
    expect(breakdown?.dimension).toBe('age band');
    expect(breakdown?.segments.map((segment) => segment.segment)).toEqual([
      '18-24',
      '25-34',
      '35-44',
      '45-54',
      '55-64',
      '65+',
    ]);
    expect(breakdown?.segments.reduce((sum, segment) => sum + segment.n, 0)).toBe(results.n);
    expect(ageBand('41')).toBe('35-44');
    expect(ageBand(undefined)).toBe('unknown');
    expect(segmentOf(personas[0].spec, { path: 'personality.big_five.openness' })).toMatch(/High/);
    expect(segmentOf(personas[0].spec, 'occupation')).toBe('Data Scientist');
    const byGender = await analyzePoll(run, { specs, breakdownBy: 'gender' });
    expect(byGender.breakdown?.segments.map((segment) => segment.segment)).toEqual(['Female', 'Male']);
  });

  it('normalises open-ended answers into categories and counts them', async () => {
    const personas = panel();
    const run = await runPoll({
      personas,
      poll: { kind: 'open-ended', question: 'What would make you cook at home more often?', categories: 4 },
      model: pollModel(),
    });
    const categories = ['Time', 'Money', 'Skills'];
    const normalizer = new ScriptedModel({
      'extraction.normalize': (request) =>
        request.hints?.stage === 'assign'
          ? { categories: (request.hints.texts as string[]).map((_, index) => categories[index % 3]) }
          : { categories: categories.map((name) => ({ name, description: name })) },
    });
    const analysis = await analyzePoll(run, { model: normalizer });
    expect(analysis.categories?.map((category) => category.name)).toEqual(categories);
    expect(analysis.results.options.map((tally) => tally.count)).toEqual([7, 7, 6]);
    expect(analysis.results.options.map((tally) => tally.option)).toEqual(
      analysis.categories?.map((category) => category.name),
    );
    expect(analysis.results.options.reduce((sum, tally) => sum + tally.count, 0)).toBe(20);
    await expect(analyzePoll(run)).rejects.toMatchObject({ code: 'poll.model_needed' });
  });

  it('compares two segments of one run', async () => {
    const personas = panel();
    const specs = Object.fromEntries(personas.map((persona) => [persona.id, persona.spec]));
    const run = await runPoll({
      personas,
      poll: { kind: 'yes-no', question: 'Would you use fast delivery apps for dinner?' },
      model: pollModel(),
    });
    const comparison = compareSegments(run, specs, 'gender', ['Female', 'Male']);
    expect(comparison.test).toBe('chi-square');
    expect(comparison.groups.map((group) => group.n)).toEqual([10, 10]);
    expect(comparison.pValue).toBeGreaterThanOrEqual(0);
    expect(comparison.pValue).toBeLessThanOrEqual(1);
  });
});
