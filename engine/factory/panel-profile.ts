import type { PersonaSpec } from '../agent/persona-spec.js';
import { DEFAULT_AGE_BANDS, rawValue, valueAtPath } from './dimension-values.js';

/** One row of a profile table. */
export interface ProfileRow {
  value: string;
  count: number;
  share: number;
  /** Share with alignment weights, when weights were given. */
  weightedShare?: number;
}

/** The distribution of a panel over one dimension. */
export interface ProfileDimension {
  dimension: string;
  rows: ProfileRow[];
}

const BIG_FIVE = ['openness', 'conscientiousness', 'extraversion', 'agreeableness', 'neuroticism'];
export const DEFAULT_PROFILE_DIMENSIONS = [
  'age_band',
  'gender',
  'nationality',
  'country',
  'occupation',
  ...BIG_FIVE.map((trait) => `big_five.${trait}`),
];
const LEVEL_ORDER = ['High', 'Medium', 'Low'];

/** A Big Five level parsed from text such as "High. Very curious." */
function bigFiveLevel(spec: PersonaSpec, trait: string): string | undefined {
  const text = valueAtPath(spec, `personality.big_five.${trait}`);
  const match = text ? /^\s*(very high|high|medium|moderate|average|low|very low)\b/i.exec(text) : null;
  if (!match) return undefined;
  const word = match[1].toLowerCase();
  return word.includes('high') ? 'High' : word.includes('low') ? 'Low' : 'Medium';
}

function dimensionValue(spec: PersonaSpec, dimension: string): string | undefined {
  if (dimension.startsWith('big_five.')) return bigFiveLevel(spec, dimension.slice('big_five.'.length));
  return rawValue(spec, dimension);
}

function order(dimension: string, values: string[]): string[] {
  if (dimension === 'age_band')
    return values.sort((a, b) => (DEFAULT_AGE_BANDS.indexOf(a) + 1 || 99) - (DEFAULT_AGE_BANDS.indexOf(b) + 1 || 99));
  if (dimension.startsWith('big_five.')) return values.sort((a, b) => LEVEL_ORDER.indexOf(a) - LEVEL_ORDER.indexOf(b));
  return values;
}

/**
 * The panel's distribution over its dimensions, as data the chat layer renders as a table or chart.
 * Rows are ordered naturally (age bands, High→Low) or by count; personas without a value are "unknown".
 *
 * @example
 *   profilePanel(personas.map((p) => p.spec), { weights: report.weights });
 *   // [{ dimension: 'gender', rows: [{ value: 'Female', count: 11, share: 0.55, weightedShare: 0.5 }, …] }, …]
 */
export function profilePanel(
  specs: PersonaSpec[],
  options: { dimensions?: string[]; weights?: number[] } = {},
): ProfileDimension[] {
  const dimensions = options.dimensions ?? DEFAULT_PROFILE_DIMENSIONS;
  const weights = options.weights;
  const totalWeight = weights ? weights.reduce((sum, weight) => sum + weight, 0) : 0;
  return dimensions
    .map((dimension) => {
      const tally = new Map<string, { count: number; weight: number }>();
      specs.forEach((spec, index) => {
        const value = dimensionValue(spec, dimension) ?? 'unknown';
        const entry = tally.get(value) ?? { count: 0, weight: 0 };
        entry.count += 1;
        entry.weight += weights?.[index] ?? 0;
        tally.set(value, entry);
      });
      const byCount = [...tally.keys()].sort((a, b) => tally.get(b)!.count - tally.get(a)!.count || a.localeCompare(b));
      const rows = order(dimension, byCount).map((value) => {
        const { count, weight } = tally.get(value)!;
        const row: ProfileRow = { value, count, share: specs.length ? count / specs.length : 0 };
        if (weights) row.weightedShare = totalWeight > 0 ? weight / totalWeight : 0;
        return row;
      });
      return { dimension, rows };
    })
    .filter((profile) => profile.rows.some((row) => row.value !== 'unknown'));
}
