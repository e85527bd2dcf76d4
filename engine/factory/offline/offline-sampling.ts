import type { CompletionRequest } from '../../llm/port.js';
import type { SeededRandom } from '../../util/random.js';
import type { DimensionsOutput, PlanOutput } from '../schemas.js';
import type { SamplingDimension } from '../types.js';
import { demographyCountry, demographyDimensions } from './demography-dimensions.js';
import { placeFor, readCues } from './description-cues.js';
import { BELIEF_STANCES, PERSONALITY_TYPES, TASTES, VARIED_OCCUPATIONS } from './persona-data.js';

type Dimension = DimensionsOutput['dimensions'][number];

const values = (name: string, description: string, list: string[]): Dimension => ({ name, description, values: list, range: null, distribution: [] });
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
  const demography = hints.demography as { content?: Record<string, unknown> } | undefined;
  const fromDocument = demography?.content ? demographyDimensions(demography.content) : [];
  const country = demography?.content ? demographyCountry(demography.content) : undefined;
  const cues = readCues(`${description} ${country ?? ''}`);
  const place = country ? placeFor(country) : cues.place;
  const dimensions: Dimension[] = [...fromDocument];
  const has = (name: string) => dimensions.some((dimension) => dimension.name === name || (name === 'age' && dimension.name === 'age_band'));
  const push = (dimension: Dimension) => !has(dimension.name) && dimensions.push(dimension);

  push({ name: 'age', description: 'age in years', values: [], range: { min: cues.ageRange[0], max: cues.ageRange[1] }, distribution: [] });
  push(shares('gender', 'gender', cues.occupation === 'Nurse' ? { Female: 0.75, Male: 0.25 } : { Female: 0.5, Male: 0.5 }));
  push(values('nationality', 'nationality', [place.nationality]));
  push(values('location', 'city of residence', cues.city ? [cues.city] : place.cities));
  const occupations = cues.parent ? VARIED_OCCUPATIONS.filter((title) => title !== 'Student' && title !== 'Retired') : VARIED_OCCUPATIONS;
  push(values('occupation', 'occupation', cues.occupation ? [cues.occupation] : occupations));
  if (cues.parent) push(values('family', 'children at home', ['Parent of one child', 'Parent of two children', 'Parent of three children', 'Single parent of one child', 'Single parent of two children']));
  if (cues.commute) push(values('commute', 'how they get to work', [`Commutes by ${cues.commute}`]));
  push(values('personality', 'temperament', PERSONALITY_TYPES.map((type) => type.label)));
  push(values('beliefs', 'outlook on society and politics', BELIEF_STANCES));
  push(shares('finances', 'financial situation', { 'Struggling to make ends meet': 0.2, 'Getting by': 0.35, Comfortable: 0.35, 'Well-off': 0.1 }));
  push(values('tastes', 'what they enjoy', TASTES));
  push(values('culture', 'cultural background', place.cultures));
  return { dimensions };
}

function sampleDimension(dimension: SamplingDimension, rng: SeededRandom): string {
  if (dimension.distribution) {
    const entries = Object.entries(dimension.distribution);
    const total = entries.reduce((sum, [, share]) => sum + share, 0);
    let ticket = rng.next() * total;
    return (entries.find(([, share]) => (ticket -= share) < 0) ?? entries[entries.length - 1])[0];
  }
  if (dimension.range) {
    const [min, max] = dimension.range;
    const width = Math.min(9, max - min);
    const low = rng.int(min, max - width);
    return `${low}-${low + width}`;
  }
  return dimension.values?.length ? rng.pick(dimension.values) : 'unspecified';
}

/** Offline `factory.plan`: sub-populations sampled from the dimensions, quantities summing to N. */
export function offlinePlan(request: CompletionRequest<unknown>, rng: SeededRandom): PlanOutput {
  const hints = request.hints ?? {};
  const dimensions = (hints.dimensions ?? []) as SamplingDimension[];
  const count = Number(hints.count ?? 1);
  // Offline personas vary only as much as their combinations do, so small panels get one
  // combination per person (a real model adds variety itself); large ones keep sub-populations.
  const groups = Math.min(count, Math.max(2, count <= 24 ? count : Math.ceil(count * 0.6)));
  const plan = Array.from({ length: groups }, (_, index) => {
    const sampled = dimensions.map((dimension) => ({ dimension: dimension.name, value: sampleDimension(dimension, rng) }));
    const pick = (pattern: RegExp) => sampled.find((entry) => pattern.test(entry.dimension))?.value;
    const summary = [pick(/^gender/), pick(/^age/), pick(/nation|ethnic/), pick(/^occupation/), pick(/family|commute/)].filter(Boolean).join(', ');
    const quantity = Math.floor(count / groups) + (index < count % groups ? 1 : 0);
    return { subpopulation_description: summary || `group ${index + 1}`, sampled_values: sampled, quantity };
  });
  return { plan };
}
