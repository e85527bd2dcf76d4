import type { CompletionRequest } from '../../port.js';
import type { SeededRandom } from '../../../util/random.js';
import { givenNameGender, nameTableFor } from '../../../factory/name-tables.js';
import type { PersonaOutput } from '../../../factory/schemas.js';
import type { Combination } from '../../../factory/types.js';
import { placeFor, readCues } from './description-cues.js';
import * as data from './persona-data.js';

const REGION_CITIES: Record<string, string[]> = {
  northeast: ['Boston, Massachusetts', 'Philadelphia, Pennsylvania', 'Hartford, Connecticut'],
  midwest: ['Columbus, Ohio', 'Minneapolis, Minnesota', 'Chicago, Illinois'],
  south: ['Austin, Texas', 'Atlanta, Georgia', 'Tampa, Florida', 'Raleigh, North Carolina'],
  west: ['Phoenix, Arizona', 'Denver, Colorado', 'San Diego, California', 'Portland, Oregon'],
};
const FIVE = ['openness', 'conscientiousness', 'extraversion', 'agreeableness', 'neuroticism'] as const;
const LEVEL_TEXT: Record<string, string[]> = {
  openness: [
    'Low. Prefers the familiar and proven.',
    'Medium. Open to new ideas once they are explained.',
    'High. Curious, loves new ideas and places.',
  ],
  conscientiousness: [
    'Low. Spontaneous; deadlines feel flexible.',
    'Medium. Organised when it matters.',
    'High. Reliable, tidy and always on time.',
  ],
  extraversion: [
    'Low. Recharges alone and avoids crowds.',
    'Medium. Sociable in small groups.',
    'High. Energised by people and conversation.',
  ],
  agreeableness: [
    'Low. Competitive and hard to persuade.',
    'Medium. Friendly but stands their ground.',
    'High. Trusting, kind and cooperative.',
  ],
  neuroticism: [
    'Low. Calm and rarely stressed.',
    'Medium. Worries when money or family are at stake.',
    'High. Anxious and easily stressed.',
  ],
};

/** Age from a value like "34", "30-39", "65+" or "25-54"; otherwise from the fallback range. */
function ageFrom(value: string | undefined, fallback: [number, number], rng: SeededRandom): number {
  const range = value ? /(\d+)\s*[-–]\s*(\d+)/.exec(value) : null;
  if (range) return rng.int(Number(range[1]), Number(range[2]));
  const plus = value ? /(\d+)\s*\+/.exec(value) : null;
  if (plus) return rng.int(Number(plus[1]), Number(plus[1]) + 17);
  const single = value ? /^\s*(\d+)\s*$/.exec(value) : null;
  return single ? Number(single[1]) : rng.int(fallback[0], fallback[1]);
}

function pickSome<T>(rng: SeededRandom, items: readonly T[], count: number): T[] {
  return rng.shuffle(items).slice(0, count);
}

/** Offline `factory.persona`: a rich, consistent persona for the combination and its settled name. */
export function offlinePersona(request: CompletionRequest<unknown>, rng: SeededRandom): PersonaOutput {
  const hints = request.hints ?? {};
  const combination = hints.combination as Combination;
  const description = String(hints.description ?? '');
  const values = combination.sampled_values;
  const find = (pattern: RegExp) => Object.entries(values).find(([key]) => pattern.test(key))?.[1];
  const cues = readCues(`${description} ${combination.subpopulation_description}`);
  const nationality = find(/nation/) ?? cues.place.nationality;
  const place = find(/nation/) ? placeFor(nationality) : cues.place;
  const region = find(/region/);
  const location =
    find(/location|city|resid/) ??
    cues.city ??
    (region && REGION_CITIES[region.toLowerCase()]
      ? rng.pick(REGION_CITIES[region.toLowerCase()])
      : rng.pick(place === cues.place ? cues.cities : place.cities));
  const residence = `${location}${location.includes(place.country) ? '' : `, ${place.country}`}`;
  const age = ageFrom(find(/^age/), cues.ageRange, rng);
  // The factory settled the name first (from the description's gender cue); the gender must match it.
  const gender = find(/gender|sex/) ?? cues.gender ?? givenNameGender(combination.name) ?? rng.pick(['Female', 'Male']);
  const female = /^f|wom/i.test(gender);
  const occupationTitle =
    age >= 67 && !cues.occupation
      ? 'Retired'
      : (find(/occupation|job|profession/) ??
        cues.occupation ??
        // A working-age persona is not "Retired", and a parent is not a student.
        rng.pick(
          data.VARIED_OCCUPATIONS.filter(
            (title) => (title !== 'Retired' || age >= 60) && (title !== 'Student' || !cues.parent),
          ),
        ));
  const job = data.occupationProfile(occupationTitle);
  const personality =
    data.PERSONALITY_TYPES.find((type) => type.label === find(/personality|temperament/)) ??
    rng.pick(data.PERSONALITY_TYPES);
  const stance = find(/belief|politic|outlook/) ?? rng.pick(data.BELIEF_STANCES);
  const taste = find(/taste|interest|hobb/) ?? rng.pick(data.TASTES);
  const culture = find(/culture|ethnic/) ?? rng.pick(place.cultures);
  const finances = find(/financ|income/) ?? 'Getting by';
  const family = find(/famil|children|parent/) ?? (cues.parent ? 'Parent of two children' : undefined);
  const commute = find(/commut/) ?? (cues.commute ? `Commutes by ${cues.commute}` : undefined);
  const [first, ...rest] = combination.name.split(' ');
  const familyName = rest[rest.length - 1] ?? first;
  const names = nameTableFor(`${culture} ${nationality}`);

  const bigFive = Object.fromEntries(
    FIVE.map((trait, index) => {
      let level = 'LMH'.indexOf(personality.leaning[index]);
      if (rng.next() < 0.25) level = Math.max(0, Math.min(2, level + rng.pick([-1, 1])));
      return [trait, LEVEL_TEXT[trait][level]];
    }),
  ) as PersonaOutput['personality']['big_five'];

  const organization = occupationTitle === 'Retired' ? '' : rng.pick(job.organizations);
  const relationships: PersonaOutput['relationships'] = [];
  const person = (given: string[], family: string) => {
    const candidates = given.filter((name) => name !== first);
    return `${rng.pick(candidates.length ? candidates : given)} ${family}`;
  };
  const married = family
    ? !/single/i.test(family) && rng.next() < 0.85
    : /^married/i.test(find(/marital/) ?? '') || rng.next() < 0.4;
  if (married)
    relationships.push({
      name: person(female ? names.male : names.female, familyName),
      description: `${female ? 'Husband' : 'Wife'}; together for ${Math.max(1, age - 24 - rng.int(0, 5))} years.`,
    });
  const childCount = family
    ? Math.max(1, ['one', 'two', 'three'].findIndex((word) => family.includes(word)) + 1)
    : age > 30 && rng.next() < 0.3
      ? 1
      : 0;
  for (let child = 0; child < childCount; child++) {
    const childAge = rng.int(Math.max(1, age - 45), Math.max(2, Math.min(age - 20, 30)));
    relationships.push({
      name: person(rng.next() < 0.5 ? names.female : names.male, familyName),
      description: `Child, ${childAge} years old.`,
    });
  }
  relationships.push({
    name: person(names.female.concat(names.male), rng.pick(names.family)),
    description:
      occupationTitle === 'Retired'
        ? 'Old friend from their working years.'
        : `Colleague at ${organization}; they cover for each other.`,
  });

  const routines = [
    `Wakes at ${rng.int(5, 7)}:${rng.pick(['00', '15', '30', '45'])} and ${rng.pick(['checks the news', 'makes tea', 'stretches', 'prays', 'makes coffee'])}.`,
    job.routine,
  ];
  if (commute)
    routines.push(
      `${commute} to ${occupationTitle === 'Retired' ? 'town' : 'work'}; about ${rng.int(20, 75)} minutes each way.`,
    );
  if (childCount) routines.push('Does the school run and helps with homework in the evening.');
  const requirements = (hints.requirements as string[] | undefined) ?? [];

  return {
    name: combination.name,
    age,
    gender,
    nationality,
    residence,
    education: job.education,
    long_term_goals: [childCount ? data.GOALS[1] : rng.pick(data.GOALS), rng.pick(data.GOALS)].filter(
      (goal, index, all) => all.indexOf(goal) === index,
    ),
    occupation: { title: occupationTitle, organization, description: job.description },
    style: personality.style,
    personality: { traits: [...personality.traits, `You are ${personality.label.toLowerCase()}.`], big_five: bigFive },
    preferences: {
      interests: [taste, rng.pick(data.TASTES.filter((item) => item !== taste))],
      likes: pickSome(rng, data.LIKES, 3),
      dislikes: pickSome(rng, data.DISLIKES, 3),
    },
    skills: pickSome(rng, job.skills, 3),
    // A stance outside the table (e.g. from a demography document) keeps its label in other_facts.
    beliefs: (data.BELIEF_STATEMENTS[stance] ?? data.BELIEF_STATEMENTS['Pragmatic centrist']).slice(0, 2),
    behaviors: {
      general: [...pickSome(rng, data.GENERAL_BEHAVIORS, 2), ...(commute ? [`${commute}.`] : [])],
      routines,
    },
    health: rng.pick(data.HEALTH),
    relationships,
    other_facts: [
      `Describes their outlook as: ${stance}.`,
      `Financial situation: ${finances}.`,
      `Cultural background: ${culture}.`,
      ...(family ? [`${family}.`] : []),
      ...Object.entries(values)
        .filter(([key]) => /marital|religio|urban|politic|income|ethnic/.test(key))
        .map(([key, value]) => `${key.replace(/_/g, ' ')}: ${value}.`),
      ...requirements.map((requirement) => `Also: ${requirement}.`),
    ],
  };
}
