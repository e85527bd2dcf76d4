import { SeededRandom, hashString } from '../util/random.js';
import { nameTableFor } from './name-tables.js';
import type { NameRegistry } from './name-registry.js';

const CULTURE_KEYS = /nation|ethnic|race|country|location|city|region|culture|resid|origin|heritage/i;
const GENDER_KEYS = /gender|sex/i;
const INITIALS = 'ABCDEFGHJKLMNPRSTW';

/** The gender a combination asks for, when it says. */
export function genderOf(values: Record<string, string>): 'female' | 'male' | undefined {
  const entry = Object.entries(values).find(([key]) => GENDER_KEYS.test(key));
  if (!entry) return undefined;
  if (
    /\b(female|woman|women|girls?|f|mothers?|moms?|wife|wives|daughters?|grandmothers?|lady|ladies)\b/i.test(entry[1])
  )
    return 'female';
  if (/\b(male|man|men|boys?|m|fathers?|dads?|husbands?|sons?|grandfathers?|gentlemen)\b/i.test(entry[1]))
    return 'male';
  return undefined;
}

/**
 * A plausible, culture-aware full name for one combination, reserved in the registry so it is unique
 * in the panel and the tenant. Deterministic for a given seed, slot and registry content.
 *
 * @example
 *   settleName({ nationality: 'Nigerian', gender: 'Female' }, 'nurses in Lagos', registry, 7, 0);
 *   // e.g. 'Ngozi Okafor'
 */
export function settleName(
  values: Record<string, string>,
  populationText: string,
  registry: NameRegistry,
  seed: number,
  slot: number,
): string {
  const cultureText = Object.entries(values)
    .filter(([key]) => CULTURE_KEYS.test(key))
    .map(([, value]) => value)
    .join(' ');
  const table = nameTableFor(`${cultureText} ${populationText}`);
  const rng = new SeededRandom(hashString(`${seed}|name|${slot}`));
  const gender = genderOf(values) ?? (rng.next() < 0.5 ? 'female' : 'male');
  const given = table[gender];
  const name = registry.reserveFirst((attempt) => {
    const first = rng.pick(given);
    const last = rng.pick(table.family);
    // First try names whose given and family names are both new in the tenant, so a panel never
    // reads like a family reunion; an empty candidate is simply refused by the registry.
    if (attempt < 60 && (registry.usesPart(first) || registry.usesPart(last))) return '';
    // Past the plain combinations (large panels in one culture), add a middle initial.
    return attempt < 150 ? `${first} ${last}` : `${first} ${rng.pick([...INITIALS])}. ${last}`;
  }, 2000);
  if (name) return name;
  // Astronomically unlikely; a numbered suffix still keeps the name unique.
  return registry.reserveFirst((attempt) => `${rng.pick(given)} ${rng.pick(table.family)} ${attempt + 2}`, 100000)!;
}
