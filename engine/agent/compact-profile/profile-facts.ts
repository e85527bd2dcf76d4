import type { PersonaSpec } from '../persona-spec.js';

/** Every text and number of a spec, lower-cased, in one string: what a profile's facts are checked against. */
export function specText(spec: PersonaSpec): string {
  const parts: string[] = [];
  const walk = (value: unknown, key?: string): void => {
    if (value === null || value === undefined) return;
    if (key) parts.push(key.replace(/_/g, ' '));
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') parts.push(String(value));
    else if (Array.isArray(value)) for (const item of value) walk(item);
    else if (typeof value === 'object') for (const [inner, item] of Object.entries(value)) walk(item, inner);
  };
  walk(spec);
  return parts.join(' \n ').toLowerCase();
}

/** Capitalised words a sentence does not start with: names, places, organisations, brands. */
const PROPER = /(?<![.!?:]\s|^|\n|"|“)\b[A-Z][\p{L}'’-]+(?:\s+[A-Z][\p{L}'’-]+)*/gu;
/** Numbers (ages, years, amounts). */
const NUMBER = /\d[\d,.]*\d|\d/g;

/**
 * The facts in a profile that the spec does not contain: numbers and proper names (each word of a
 * multi-word name on its own) absent from every field of the spec. A profile that names none of these is
 * grounded in the spec; one that does invented something.
 *
 * @example unsupportedFacts('Ada, 41, works at Utrecht hospital and loves Paris.', ada) // ['Paris']
 */
export function unsupportedFacts(profile: string, spec: PersonaSpec): string[] {
  const known = specText(spec);
  const missing = new Set<string>();
  for (const match of profile.match(NUMBER) ?? []) {
    const digits = match.replace(/,/g, '');
    if (!known.includes(digits) && !known.includes(match)) missing.add(match);
  }
  for (const match of profile.match(PROPER) ?? []) {
    for (const word of match.split(/\s+/)) {
      const bare = word.replace(/['’]s$/, '').toLowerCase();
      if (bare.length > 1 && !known.includes(bare)) missing.add(word.replace(/['’]s$/, ''));
    }
  }
  return [...missing];
}
