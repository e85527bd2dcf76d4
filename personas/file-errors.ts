import type { z } from 'zod';
import { formatPath } from '../engine/agent/format-issues.js';

const LIST_OF_TEXT = (key: string, sample: string) => `a list of text, e.g. "${key}": ["${sample}"]`;

/** The shape each field Troupe reads may take, in words, with an example (the same words for every error). */
const FIELD_SHAPES: Record<string, string> = {
  type: 'the word "TinyPerson" for an agent or "Fragment" for a fragment, e.g. "type": "TinyPerson"',
  persona: 'an object holding the persona, e.g. "persona": {"name": "Ada Quist", "age": 41}',
  name: 'non-empty text, e.g. "name": "Ada Quist"',
  age: 'a number or text, e.g. "age": 41',
  gender: 'text, e.g. "gender": "Female"',
  nationality: 'text, e.g. "nationality": "Norwegian"',
  residence: 'text or an object, e.g. "residence": "Bergen, Norway"',
  education: 'text, a list or an object, e.g. "education": "BSc Nursing, University of Bergen"',
  occupation: 'text or an object, e.g. "occupation": {"title": "Nurse", "organization": "Haukeland hospital"}',
  'occupation.title': 'text, e.g. "title": "Nurse"',
  'occupation.organization': 'text, e.g. "organization": "Haukeland hospital"',
  'occupation.description': 'text or a list, e.g. "description": "Runs the night shift."',
  style: 'text or an object, e.g. "style": "Warm, unhurried, asks questions back."',
  personality: 'an object, e.g. "personality": {"traits": ["Patient"], "big_five": {"openness": "High"}}',
  'personality.traits': LIST_OF_TEXT('traits', 'Patient'),
  'personality.big_five': 'an object of the five traits, e.g. "big_five": {"openness": "High", "neuroticism": 35}',
  big_five_trait: 'words, a score or an object, e.g. "openness": "High. Curious." or "openness": 82',
  preferences: 'an object, e.g. "preferences": {"interests": ["Sailing"], "likes": ["Coffee"], "dislikes": ["Noise"]}',
  'preferences.interests': LIST_OF_TEXT('interests', 'Sailing'),
  'preferences.likes': LIST_OF_TEXT('likes', 'Coffee'),
  'preferences.dislikes': LIST_OF_TEXT('dislikes', 'Noise'),
  skills: 'a list or an object, e.g. "skills": ["Triage"]',
  beliefs: LIST_OF_TEXT('beliefs', 'Public transport matters.'),
  long_term_goals: LIST_OF_TEXT('long_term_goals', 'Open a clinic.'),
  other_facts: LIST_OF_TEXT('other_facts', 'Grew up on an island.'),
  behaviors:
    'an object, e.g. "behaviors": {"general": ["Cycles to work."], "routines": {"morning": ["Coffee at six."]}}',
  'behaviors.general': LIST_OF_TEXT('general', 'Cycles to work.'),
  'behaviors.routines': 'a list of text or an object of lists, e.g. "routines": {"morning": ["Coffee at six."]}',
  health: 'text or an object, e.g. "health": "Fit; mild asthma."',
  relationships: 'a list of people or an object, e.g. "relationships": [{"name": "Bo", "description": "Her brother."}]',
  relationship: 'text or a person, e.g. {"name": "Bo", "relation": "brother", "description": "Lives nearby."}',
};

const BIG_FIVE = new Set(['openness', 'conscientiousness', 'extraversion', 'agreeableness', 'neuroticism']);

function shapeKey(path: readonly PropertyKey[]): string | undefined {
  const keys = path.filter((key) => typeof key === 'string') as string[];
  const inPersona = keys[0] === 'persona' ? keys.slice(1) : keys;
  if (inPersona[0] === 'relationships' && path.some((key) => typeof key === 'number')) return 'relationship';
  if (inPersona[0] === 'personality' && inPersona[1] === 'big_five' && BIG_FIVE.has(inPersona[2] ?? ''))
    return 'big_five_trait';
  const nested = inPersona.slice(0, 2).join('.');
  if (FIELD_SHAPES[nested]) return nested;
  if (keys.length === 1 && keys[0] === 'persona') return 'persona';
  if (keys.length === 1 && keys[0] === 'type') return 'type';
  return FIELD_SHAPES[inPersona[0] ?? ''] ? inPersona[0] : undefined;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describeActual(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list (${value.length} item${value.length === 1 ? '' : 's'})`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return value.trim() ? `the text "${shown}"` : 'empty text';
  }
  return `${typeof value === 'number' ? 'the number' : ''} ${String(value)}`.trim();
}

/** The deepest path an issue points at (a union's failing branch reaches further than the union itself). */
function issuePath(issue: z.core.$ZodIssue): readonly PropertyKey[] {
  if (issue.code !== 'invalid_union') return issue.path;
  const deeper = issue.errors
    .flat()
    .filter((inner) => inner.path.length > 0)
    .sort((a, b) => b.path.length - a.path.length)[0];
  return deeper && !/^\d+$/.test(String(deeper.path[0])) ? [...issue.path, ...deeper.path] : issue.path;
}

/**
 * Zod issues about a persona or fragment file, in words: the file, the field, what it should be
 * (with an example) and what it is — never a raw issue dump.
 *
 * @example
 *   describeFileIssues(error, data, 'Bob.agent.json');
 *   // 'Bob.agent.json: persona.age should be a number or text, e.g. "age": 41; it is true.'
 */
export function describeFileIssues(error: z.ZodError, data: unknown, source: string): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const issue of error.issues) {
    const path = issue.path.length ? issue.path : [];
    const fieldPath = formatPath(path) || 'the document';
    if (seen.has(fieldPath)) continue;
    seen.add(fieldPath);
    const key = shapeKey(issuePath(issue)) ?? shapeKey(path);
    const actual = describeActual(valueAt(data, path));
    const shape = key
      ? FIELD_SHAPES[key]
      : issue.code === 'invalid_type'
        ? `${issue.expected === 'array' ? 'a list' : issue.expected}`
        : issue.message;
    lines.push(`${fieldPath} should be ${shape}; it is ${actual}`);
    if (lines.length === 3) break;
  }
  const more = error.issues.length > lines.length ? ` (and ${error.issues.length - lines.length} more)` : '';
  return `${source}: ${lines.join('. ')}${more}.`;
}
