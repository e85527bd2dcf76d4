import type { Combination, SamplingDimension } from '../../engine/factory/index.js';
import type { CompletionRequest } from '../../engine/llm/port.js';
import type { ScriptedAnswer } from './scripted-model.js';

/** A factory task's scripted answer; `undefined` falls back to the script's plain default. */
export type FactoryOverride = (request: CompletionRequest<unknown>, callIndex: number) => unknown;

/** The factory's four tasks. */
export type FactoryTask = 'factory.sampling' | 'factory.dimensions' | 'factory.plan' | 'factory.persona';

const DIMENSIONS = [
  {
    name: 'gender',
    description: 'gender',
    values: [],
    range: null,
    distribution: [
      { value: 'Female', proportion: 0.5 },
      { value: 'Male', proportion: 0.5 },
    ],
  },
  { name: 'age', description: 'age in years', values: [], range: { min: 25, max: 60 }, distribution: [] },
  { name: 'occupation', description: 'job', values: ['Teacher', 'Nurse'], range: null, distribution: [] },
];

/**
 * Scripted answers for the factory's tasks, plain and predictable so engine tests assert what the factory does
 * (planning, names, retries, progress), not what a model writes: two sub-populations (women teachers aged 30, men
 * nurses aged 45) split N between them, and a complete persona for every combination, named as the factory asked.
 * Pass overrides per task; an override that returns `undefined` gets the default answer.
 *
 * @example
 *   const model = new ScriptedModel(factoryScript({ 'factory.persona': (_, i) => (i === 1 ? junk : undefined) }));
 */
export function factoryScript(
  overrides: Partial<Record<FactoryTask, FactoryOverride>> = {},
): Record<FactoryTask, ScriptedAnswer> {
  const withDefault =
    (task: FactoryTask, fallback: ScriptedAnswer): ScriptedAnswer =>
    (request, callIndex) =>
      overrides[task]?.(request, callIndex) ?? fallback(request, callIndex);
  return {
    'factory.sampling': withDefault('factory.sampling', (request) => ({
      dimensions: DIMENSIONS,
      plan: twoGroups(countOf(request), [
        { gender: 'Female', age: '30', occupation: 'Teacher' },
        { gender: 'Male', age: '45', occupation: 'Nurse' },
      ]),
    })),
    'factory.dimensions': withDefault('factory.dimensions', () => ({ dimensions: DIMENSIONS })),
    'factory.plan': withDefault('factory.plan', (request) => {
      const dimensions = (request.hints?.dimensions ?? []) as SamplingDimension[];
      return { plan: twoGroups(countOf(request), [valuesOf(dimensions, 0), valuesOf(dimensions, 1)]) };
    }),
    'factory.persona': withDefault('factory.persona', (request) =>
      scriptedPersona(request.hints?.combination as Combination | undefined),
    ),
  };
}

/** A complete `factory.persona` answer for one combination. */
export function scriptedPersona(combination?: Combination) {
  const values = combination?.sampled_values ?? {};
  const age = Number.parseInt(values.age ?? '', 10);
  return {
    name: combination?.name ?? 'Alex Doe',
    age: Number.isFinite(age) ? age : 35,
    gender: values.gender ?? 'Female',
    nationality: 'Testlandic',
    residence: 'Testville',
    education: 'College',
    long_term_goals: ['stay healthy'],
    occupation: { title: values.occupation ?? 'Clerk', organization: 'A company', description: 'Does the work.' },
    style: 'Plain.',
    personality: {
      traits: ['calm', 'curious', 'kind'],
      big_five: {
        openness: 'High.',
        conscientiousness: 'Medium.',
        extraversion: 'Low.',
        agreeableness: 'High.',
        neuroticism: 'Low.',
      },
    },
    preferences: { interests: ['reading', 'walking'], likes: ['tea', 'quiet'], dislikes: ['noise', 'queues'] },
    skills: ['cooking', 'budgeting'],
    beliefs: ['hard work pays', 'family first'],
    behaviors: { general: ['plans ahead', 'reads labels'], routines: ['walks daily', 'cooks on Sundays'] },
    health: 'Good.',
    relationships: [{ name: 'Sam', description: 'Child, 8.' }],
    other_facts: ['likes maps', 'owns a bike'],
  };
}

function countOf(request: CompletionRequest<unknown>): number {
  return Number(request.hints?.count ?? 1);
}

function twoGroups(count: number, groups: Record<string, string>[]) {
  const first = Math.ceil(count / 2);
  return groups
    .map((values, index) => ({
      subpopulation_description: `group ${index + 1}`,
      sampled_values: Object.entries(values).map(([dimension, value]) => ({ dimension, value })),
      quantity: index === 0 ? first : count - first,
    }))
    .filter((row) => row.quantity > 0);
}

function valuesOf(dimensions: SamplingDimension[], pick: number): Record<string, string> {
  const values: Record<string, string> = {};
  for (const dimension of dimensions) {
    const options = dimension.values?.length
      ? dimension.values
      : dimension.distribution
        ? Object.keys(dimension.distribution)
        : dimension.range
          ? dimension.range.map(String)
          : ['any'];
    values[dimension.name] = options[pick % options.length] ?? 'any';
  }
  return values;
}
