import { countTokens } from '../../llm/tokens.js';
import type { PersonaSpec } from '../persona-spec.js';

const flat = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number'
    ? String(value).replace(/\s+/g, ' ').trim()
    : Array.isArray(value)
      ? value.map(flat).filter(Boolean).join('; ')
      : value && typeof value === 'object'
        ? Object.entries(value as Record<string, unknown>)
            .map(([key, inner]) => {
              const text = flat(inner);
              return text ? `${key.replace(/_/g, ' ')}: ${text}` : '';
            })
            .filter(Boolean)
            .join('; ')
        : '';

/** The fields a profile keeps first, in order of how much they shape answers. */
const FIELDS = [
  'age',
  'gender',
  'nationality',
  'residence',
  'education',
  'occupation',
  'personality',
  'style',
  'beliefs',
  'preferences',
  'likes',
  'dislikes',
  'long_term_goals',
  'big_five',
  'other_facts',
  'behaviors',
];

/**
 * A profile cut from the spec's own words, field by field, up to `maxTokens`: the fallback when a written
 * profile keeps inventing, and the demo model's answer. It cannot invent anything: every phrase is the spec's.
 *
 * @example extractiveProfile({ name: 'Ada', age: 41, occupation: { title: 'Nurse' } }) // 'Ada. Age: 41. Occupation: title: Nurse.'
 */
export function extractiveProfile(spec: PersonaSpec, maxTokens = 350): string {
  const lines = [`${spec.name}.`];
  let used = countTokens(lines[0]);
  for (const field of FIELDS) {
    const text = flat((spec as Record<string, unknown>)[field]);
    if (!text) continue;
    let line = `${field.charAt(0).toUpperCase()}${field.slice(1).replace(/_/g, ' ')}: ${text}.`;
    let tokens = countTokens(line);
    if (used + tokens > maxTokens) {
      const room = maxTokens - used;
      if (room < 12) break;
      line = `${line.slice(0, Math.floor(room * 3.5)).trimEnd()}…`;
      tokens = countTokens(line);
    }
    lines.push(line);
    used += tokens;
  }
  return lines.join(' ');
}
