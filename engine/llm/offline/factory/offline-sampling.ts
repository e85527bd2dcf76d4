import type { CompletionRequest } from '../../port.js';
import type { SeededRandom } from '../../../util/random.js';
import type { DimensionsOutput, PlanOutput } from '../../../factory/schemas.js';
import type { SamplingDimension } from '../../../factory/types.js';
import { demographyCountry, demographyDimensions } from './demography-dimensions.js';
import { placeFor, readCues } from './description-cues.js';
import { BELIEF_STANCES, PERSONALITY_TYPES, TASTES, VARIED_OCCUPATIONS } from './persona-data.js';

type Dimension = DimensionsOutput['dimensions'][number];

const values = (name: string, description: string, list: string[]): Dimension => ({
  name,
  description,
  values: list,
  range: null,
  distribution: [],
});
const shares = (name: string, description: string, map: Record<string, number>): Dimension => ({
  name,
  description,
  values: [],
  range: null,
  distribution: Object.entries(map).map(([value, proportion]) => ({ value, proportion })),
});

/** Offline `factory.dimensions`: follows the description's cues, or the demography document's distributions. */
export function offlineDimensions(request: CompletionRequest<unknown>): DimensionsOutput {
  const hints = request.hints ?? {};
  const description = String(hints.description ?? '');
  const demography = hints.demography as { title?: string; content?: Record<string, unknown> } | undefined;
  const fromDocument = demography?.content ? demographyDimensions(demography.content) : [];
  const country = demography?.content ? demographyCountry(demography.content, demography.title) : undefined;
  const cues = readCues(`${description} ${country ?? ''}`);
  const place = country ? placeFor(country) : cues.place;
  const dimensions: Dimension[] = [...fromDocument];
  const has = (name: string) =>
    dimensions.some((dimension) => dimension.name === name || (name === 'age' && dimension.name === 'age_band'));
  const push = (dimension: Dimension) => !has(dimension.name) && dimensions.push(dimension);

  push({
    name: 'age',
    description: 'age in years',
    values: [],
    range: { min: cues.ageRange[0], max: cues.ageRange[1] },
    distribution: [],
  });
  push(
    shares(
      'gender',
      'gender',
      cues.gender
        ? { [cues.gender]: 1 }
        : cues.occupation === 'Nurse'
          ? { Female: 0.75, Male: 0.25 }
          : { Female: 0.5, Male: 0.5 },
    ),
  );
  push(values('nationality', 'nationality', [place.nationality]));
  push(values('location', 'city of residence', country ? place.cities : cues.cities));
  const occupations = cues.parent
    ? VARIED_OCCUPATIONS.filter((title) => title !== 'Student' && title !== 'Retired')
    : VARIED_OCCUPATIONS;
  push(values('occupation', 'occupation', cues.occupation ? [cues.occupation] : occupations));
  if (cues.parent)
    push(
      values('family', 'children at home', [
        'Parent of one child',
        'Parent of two children',
        'Parent of three children',
        'Single parent of one child',
        'Single parent of two children',
      ]),
    );
  if (cues.commute) push(values('commute', 'how they get to work', [`Commutes by ${cues.commute}`]));
  push(
    values(
      'personality',
      'temperament',
      PERSONALITY_TYPES.map((type) => type.label),
    ),
  );
  push(values('beliefs', 'outlook on society and politics', BELIEF_STANCES));
  push(
    shares('finances', 'financial situation', {
      'Struggling to make ends meet': 0.2,
      'Getting by': 0.35,
      Comfortable: 0.35,
      'Well-off': 0.1,
    }),
  );
  push(values('tastes', 'what they enjoy', TASTES));
  push(values('culture', 'cultural background', place.cultures));
  return { dimensions };
}

/**
 * One value of a dimension per group, stratified rather than drawn independently, so even a panel
 * of four covers the dimension the way a real sampling plan would: shares are allocated by largest
 * remainder, listed values are all used before any repeats, and age ranges are spread across the
 * span. The allocation is then shuffled so dimensions do not line up with each other.
 */
function stratifiedValues(dimension: SamplingDimension, groups: number, rng: SeededRandom): string[] {
  if (dimension.distribution) {
    const entries = Object.entries(dimension.distribution).filter(([, share]) => share > 0);
    const total = entries.reduce((sum, [, share]) => sum + share, 0) || 1;
    const exact = entries.map(([value, share]) => ({ value, exact: (share / total) * groups }));
    const counts = exact.map((entry) => Math.floor(entry.exact));
    const order = exact
      .map((entry, index) => ({ index, rest: entry.exact - counts[index] + rng.next() * 1e-6 }))
      .sort((a, b) => b.rest - a.rest);
    for (let i = 0; counts.reduce((sum, count) => sum + count, 0) < groups; i++)
      counts[order[i % order.length].index] += 1;
    return rng.shuffle(exact.flatMap((entry, index) => Array<string>(counts[index]).fill(entry.value)));
  }
  if (dimension.range) {
    const [min, max] = dimension.range;
    const width = Math.min(9, max - min);
    const span = max - width - min;
    return rng.shuffle(
      Array.from({ length: groups }, (_, index) => {
        const low = min + Math.floor(((index + rng.next()) / groups) * (span + 1));
        return `${low}-${low + width}`;
      }),
    );
  }
  if (!dimension.values?.length) return Array<string>(groups).fill('unspecified');
  const cycle: string[] = [];
  while (cycle.length < groups) cycle.push(...rng.shuffle(dimension.values));
  return cycle.slice(0, groups);
}

/** Offline `factory.plan`: sub-populations sampled from the dimensions, quantities summing to N. */
export function offlinePlan(request: CompletionRequest<unknown>, rng: SeededRandom): PlanOutput {
  const hints = request.hints ?? {};
  const dimensions = (hints.dimensions ?? []) as SamplingDimension[];
  const count = Number(hints.count ?? 1);
  // Offline personas vary only as much as their combinations do, so small panels get one
  // combination per person (a real model adds variety itself); large ones keep sub-populations.
  const groups = Math.min(count, Math.max(2, count <= 24 ? count : Math.ceil(count * 0.6)));
  const columns = dimensions.map((dimension) => stratifiedValues(dimension, groups, rng));
  const plan = Array.from({ length: groups }, (_, index) => {
    const sampled = dimensions.map((dimension, column) => ({
      dimension: dimension.name,
      value: columns[column][index],
    }));
    const pick = (pattern: RegExp) => sampled.find((entry) => pattern.test(entry.dimension))?.value;
    const summary = [pick(/^gender/), pick(/^age/), pick(/nation|ethnic/), pick(/^occupation/), pick(/family|commute/)]
      .filter(Boolean)
      .join(', ');
    const quantity = Math.floor(count / groups) + (index < count % groups ? 1 : 0);
    return { subpopulation_description: summary || `group ${index + 1}`, sampled_values: sampled, quantity };
  });
  return { plan };
}
