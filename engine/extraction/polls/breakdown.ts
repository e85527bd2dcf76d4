import { UserInputError } from '../../errors.js';
import { occupationTitle, type PersonaSpec } from '../../agent/persona-spec.js';
import type { PollAnswer } from './ask.js';
import { aggregatePoll, type AggregateOptions, type PollResults } from './aggregate.js';
import type { PollDefinition } from './definition.js';

/**
 * A persona dimension to segment by: `age-band` (from age), `gender`, `nationality`, `occupation`,
 * or any spec path such as `{ path: 'residence' }` or `{ path: 'personality.big_five.openness' }`.
 */
export type Dimension = 'age-band' | 'gender' | 'nationality' | 'occupation' | { path: string; label?: string };

/** Results for one segment. */
export interface SegmentResults {
  segment: string;
  n: number;
  results: PollResults;
}

/** A poll broken down by a dimension, segments in a stable order (age bands ascending, others by name). */
export interface Breakdown {
  dimension: string;
  segments: SegmentResults[];
}

const AGE_BANDS: [number, number, string][] = [
  [0, 17, 'under 18'],
  [18, 24, '18-24'],
  [25, 34, '25-34'],
  [35, 44, '35-44'],
  [45, 54, '45-54'],
  [55, 64, '55-64'],
  [65, 200, '65+'],
];

/** The age band of an age (number or numeric string), or `unknown`. */
export function ageBand(age: unknown): string {
  const value = typeof age === 'number' ? age : typeof age === 'string' ? Number.parseInt(age, 10) : Number.NaN;
  if (!Number.isFinite(value)) return 'unknown';
  return AGE_BANDS.find(([low, high]) => value >= low && value <= high)?.[2] ?? 'unknown';
}

/** The label of a dimension, e.g. `age band`, `residence`. */
export function dimensionLabel(dimension: Dimension): string {
  if (typeof dimension !== 'string') return dimension.label ?? dimension.path;
  return dimension === 'age-band' ? 'age band' : dimension;
}

/** The segment a persona falls in. */
export function segmentOf(spec: PersonaSpec, dimension: Dimension): string {
  switch (dimension) {
    case 'age-band':
      return ageBand(spec.age);
    case 'occupation':
      return occupationTitle(spec) ?? 'unknown';
    case 'gender':
    case 'nationality':
      return typeof spec[dimension] === 'string' && spec[dimension] ? String(spec[dimension]) : 'unknown';
    default: {
      if (!dimension.path.trim())
        throw new UserInputError('poll.dimension', 'A breakdown path cannot be empty.', "{ path: 'residence' }");
      let value: unknown = spec;
      for (const key of dimension.path.split('.'))
        value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
      if (value === undefined || value === null || value === '') return 'unknown';
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
  }
}

function segmentOrder(dimension: Dimension): (a: string, b: string) => number {
  if (dimension === 'age-band') {
    const order = [...AGE_BANDS.map(([, , label]) => label), 'unknown'];
    return (a, b) => order.indexOf(a) - order.indexOf(b);
  }
  return (a, b) => (a === 'unknown' ? 1 : b === 'unknown' ? -1 : a.localeCompare(b));
}

/**
 * Aggregates a poll separately for each segment of a persona dimension.
 *
 * @example
 *   breakdownPoll(poll, answers, specsById, 'age-band').segments.map((s) => [s.segment, s.results.scale?.mean]);
 */
export function breakdownPoll(
  poll: PollDefinition,
  answers: readonly PollAnswer[],
  specs: ReadonlyMap<string, PersonaSpec> | Record<string, PersonaSpec>,
  dimension: Dimension,
  options: AggregateOptions = {},
): Breakdown {
  const lookup = specs instanceof Map ? specs : new Map(Object.entries(specs));
  const groups = new Map<string, PollAnswer[]>();
  for (const answer of answers) {
    const spec = lookup.get(answer.personaId);
    const segment = spec ? segmentOf(spec, dimension) : 'unknown';
    groups.set(segment, [...(groups.get(segment) ?? []), answer]);
  }
  const segments = [...groups.keys()].sort(segmentOrder(dimension)).map((segment) => {
    const group = groups.get(segment) ?? [];
    return { segment, n: group.length, results: aggregatePoll(poll, group, { ...options, failures: 0 }) };
  });
  return { dimension: dimensionLabel(dimension), segments };
}

/** The answers of one segment. */
export function answersInSegment(
  answers: readonly PollAnswer[],
  specs: ReadonlyMap<string, PersonaSpec> | Record<string, PersonaSpec>,
  dimension: Dimension,
  segment: string,
): PollAnswer[] {
  const lookup = specs instanceof Map ? specs : new Map(Object.entries(specs));
  return answers.filter((answer) => {
    const spec = lookup.get(answer.personaId);
    return (spec ? segmentOf(spec, dimension) : 'unknown') === segment;
  });
}
