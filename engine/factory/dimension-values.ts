import { occupationTitle, type PersonaSpec } from '../agent/persona-spec.js';

/**
 * Reads a persona's value on a dimension (age band, gender, region, …), for alignment and profiles.
 * Built-in dimensions understand the usual persona fields; anything else is a spec path
 * (`occupation.title`, `marital_status`).
 */

export const BUILT_IN_DIMENSIONS = ['age_band', 'gender', 'nationality', 'country', 'region', 'occupation'] as const;

const STATE_REGIONS: Record<string, string> = {};
for (const [region, states] of Object.entries({
  Northeast: 'Connecticut Maine Massachusetts New_Hampshire Rhode_Island Vermont New_Jersey New_York Pennsylvania',
  Midwest: 'Illinois Indiana Michigan Ohio Wisconsin Iowa Kansas Minnesota Missouri Nebraska North_Dakota South_Dakota',
  South:
    'Delaware Florida Georgia Maryland North_Carolina South_Carolina Virginia West_Virginia Alabama Kentucky Mississippi Tennessee Arkansas Louisiana Oklahoma Texas',
  West: 'Arizona Colorado Idaho Montana Nevada New_Mexico Utah Wyoming Alaska California Hawaii Oregon Washington',
})) {
  for (const state of states.split(' ')) STATE_REGIONS[state.replace(/_/g, ' ').toLowerCase()] = region;
}

/** An age band parsed from a label: "18-34", "55+", "under 18", "<25". */
export function parseAgeBand(label: string): [number, number] | undefined {
  const text = label.trim().toLowerCase();
  let match = /^(\d+)\s*(?:-|–|to)\s*(\d+)$/.exec(text);
  if (match) return [Number(match[1]), Number(match[2])];
  match = /^(\d+)\s*(?:\+|or (?:more|older|over)|and (?:over|older))$/.exec(text);
  if (match) return [Number(match[1]), Infinity];
  match = /^(?:under|<|below)\s*(\d+)$/.exec(text);
  if (match) return [0, Number(match[1]) - 1];
  return undefined;
}

export const DEFAULT_AGE_BANDS = ['18-24', '25-34', '35-44', '45-54', '55-64', '65+'];

/** The persona's age as a number, if it has one. */
export function ageOf(spec: PersonaSpec): number | undefined {
  const age = typeof spec.age === 'number' ? spec.age : Number.parseInt(String(spec.age ?? ''), 10);
  return Number.isFinite(age) ? age : undefined;
}

function normalizeGender(text: string): string {
  const lower = text.trim().toLowerCase();
  if (/^(f|female|woman|women|girl)$/.test(lower)) return 'female';
  if (/^(m|male|man|men|boy)$/.test(lower)) return 'male';
  return lower;
}

function residenceText(spec: PersonaSpec): string {
  const residence = spec.residence;
  if (!residence) return '';
  return typeof residence === 'string'
    ? residence
    : Object.values(residence)
        .filter((value) => typeof value === 'string')
        .join(', ');
}

/** Census region (US) of a residence naming a state, or an explicit `region` field. */
export function regionOf(spec: PersonaSpec): string | undefined {
  const explicit =
    (spec as Record<string, unknown>).region ??
    (typeof spec.residence === 'object' ? (spec.residence as Record<string, unknown>).region : undefined);
  if (typeof explicit === 'string') return explicit;
  const parts = residenceText(spec)
    .split(',')
    .map((part) => part.trim().toLowerCase());
  return parts.map((part) => STATE_REGIONS[part]).find(Boolean);
}

/** The value at a dotted path of the spec, as text. */
export function valueAtPath(spec: PersonaSpec, path: string): string | undefined {
  let node: unknown = spec;
  for (const key of path.split('.'))
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  if (node === undefined || node === null) return undefined;
  return typeof node === 'object' ? JSON.stringify(node) : String(node);
}

/** The raw value of a persona on a dimension (no target categories involved), for profiles. */
export function rawValue(spec: PersonaSpec, dimension: string): string | undefined {
  switch (dimension) {
    case 'age_band': {
      const age = ageOf(spec);
      if (age === undefined) return undefined;
      return (
        DEFAULT_AGE_BANDS.find((label) => {
          const [low, high] = parseAgeBand(label)!;
          return age >= low && age <= high;
        }) ?? (age < 18 ? 'under 18' : undefined)
      );
    }
    case 'gender': {
      const gender = spec.gender ? normalizeGender(spec.gender) : undefined;
      return gender ? gender[0].toUpperCase() + gender.slice(1) : undefined;
    }
    case 'occupation':
      return occupationTitle(spec);
    case 'region':
      return regionOf(spec);
    case 'country':
      return residenceText(spec).split(',').pop()?.trim() || undefined;
    default:
      return valueAtPath(spec, dimension);
  }
}

/**
 * The target category a persona falls into on a dimension, or undefined when none fits.
 *
 * @example
 *   categoryOf({ name: 'A', age: 40 }, 'age_band', ['18-34', '35-54', '55+']); // '35-54'
 */
export function categoryOf(spec: PersonaSpec, dimension: string, categories: string[]): string | undefined {
  if (dimension === 'age_band') {
    const age = ageOf(spec);
    if (age === undefined) return undefined;
    return categories.find((label) => {
      const band = parseAgeBand(label);
      return band !== undefined && age >= band[0] && age <= band[1];
    });
  }
  if (dimension === 'gender') {
    const gender = spec.gender ? normalizeGender(spec.gender) : undefined;
    return categories.find((label) => normalizeGender(label) === gender);
  }
  const texts =
    dimension === 'nationality' || dimension === 'country' || dimension === 'region'
      ? [spec.nationality, residenceText(spec), regionOf(spec), valueAtPath(spec, dimension)]
      : [rawValue(spec, dimension)];
  const lowered = texts.filter((text): text is string => Boolean(text)).map((text) => text.toLowerCase());
  const exact = categories.find((label) => lowered.includes(label.toLowerCase()));
  if (exact) return exact;
  // Whole words in any script: `\b` only knows ASCII letters, so "Perú" or "Île-de-France" would never match.
  return categories.find((label) =>
    lowered.some((text) =>
      new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(label.toLowerCase())}(?![\\p{L}\\p{N}_])`, 'u').test(text),
    ),
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
