import type { DimensionsOutput } from '../../../factory/schemas.js';

type Dimension = DimensionsOutput['dimensions'][number];

/** Sections whose percentages overlap or are opinions, not population shares. */
const SKIPPED = /public opinions|educational attainment|employment status|personality traits/i;
const NAMES: [RegExp, string][] = [
  [/age distribution$/i, 'age_band'],
  [/gender/i, 'gender'],
  [/nationalit/i, 'nationality'],
  [/racial|ethnic/i, 'ethnicity'],
  [/income\/distribution$/i, 'finances'],
  [/regions$/i, 'region'],
  [/geographic distribution$/i, 'urbanicity'],
  [/marital/i, 'marital_status'],
  [/political/i, 'political_affiliation'],
  [/interests and hobbies$/i, 'tastes'],
];

const PERCENT = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/;

function snake(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

function asDistribution(shares: [string, number][]): Dimension['distribution'] {
  const total = shares.reduce((sum, [, share]) => sum + share, 0) || 1;
  return shares.map(([value, share]) => ({ value, proportion: Math.round((share / total) * 1000) / 1000 }));
}

/** Age bands for adult panels: bands entirely under 18 are dropped, "15-24" becomes "18-24". */
function adultBands(shares: [string, number][]): [string, number][] {
  return shares.flatMap(([label, share]): [string, number][] => {
    const match = /^(\d+)\s*[-–]\s*(\d+)$/.exec(label.trim());
    if (!match) return [[label, share]];
    const [low, high] = [Number(match[1]), Number(match[2])];
    if (high < 18) return [];
    return [[`${Math.max(18, low)}-${high}`, share]];
  });
}

function percentLeaves(node: Record<string, unknown>, skipTotal: boolean): [string, number][] {
  const leaves: [string, number][] = [];
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string' && PERCENT.test(value) && !(skipTotal && /^total$/i.test(key)))
      leaves.push([key, Number(PERCENT.exec(value)![1])]);
    else if (skipTotal && value && typeof value === 'object' && !Array.isArray(value))
      leaves.push(...percentLeaves(value as Record<string, unknown>, true));
  }
  return leaves;
}

/**
 * The distributions a TinyTroupe demography document states, as sampling dimensions: every map of
 * percentages becomes a distribution (religion flattened, occupations weighted by employment).
 */
export function demographyDimensions(content: Record<string, unknown>): Dimension[] {
  const dimensions: Dimension[] = [];
  const add = (name: string, description: string, shares: [string, number][]) => {
    if (shares.length >= 2 && !dimensions.some((dimension) => dimension.name === name)) {
      dimensions.push({ name, description, values: [], range: null, distribution: asDistribution(shares) });
    }
  };
  const walk = (node: Record<string, unknown>, path: string) => {
    if (SKIPPED.test(path)) return;
    if (/religio/i.test(path)) return add('religion', 'religious affiliation', percentLeaves(node, true));
    if (/occupation/i.test(path)) {
      const shares = Object.entries(node).flatMap(([key, value]): [string, number][] => {
        const employment = /([\d.]+)\s*million/i.exec(String((value as Record<string, unknown>)?.Employment ?? ''));
        return employment ? [[key, Number(employment[1])]] : [];
      });
      return add('occupation', 'occupation group, weighted by employment', shares);
    }
    const shares = percentLeaves(node, false);
    if (shares.length >= 2) {
      const name = NAMES.find(([pattern]) => pattern.test(path))?.[1] ?? snake(path.split('/').pop() ?? 'dimension');
      add(name, `from "${path.slice(1)}"`, name === 'age_band' ? adultBands(shares) : shares);
    }
    for (const [key, value] of Object.entries(node)) {
      if (value && typeof value === 'object' && !Array.isArray(value))
        walk(value as Record<string, unknown>, `${path}/${key}`);
    }
  };
  walk(content, '');
  return dimensions;
}

/** The country a demography document is about: its `Country`, else its title ("China Population Information"). */
export function demographyCountry(content: Record<string, unknown>, title = ''): string | undefined {
  const demographics = content.Demographics as Record<string, unknown> | undefined;
  const country = demographics?.Country ?? content.Country;
  if (typeof country === 'string') return country;
  return /^(.+?)\s+(population|demograph)/i.exec(title)?.[1];
}
