import { occupationTitle, type PersonaSpec } from '../persona-spec.js';

/** The persona traits the offline responder weaves into answers. */
export interface PersonaFacts {
  name: string;
  firstName: string;
  age?: string;
  occupation?: string;
  organization?: string;
  place?: string;
  likes: string[];
  interests: string[];
  dislikes: string[];
  beliefs: string[];
  goals: string[];
  /** Daily routines and habits in the first person ("I have lectures in the morning"). */
  routines: string[];
  habits: string[];
  skills: string[];
  /** "Financial situation: …" from other_facts, lower-cased ("getting by"), when present. */
  finances?: string;
  /** The occupation's description in the first person ("I study full time and work part time in a café"). */
  workNote?: string;
  style: string;
  /** 'warm', 'blunt' or 'plain', read from style and personality. */
  tone: 'warm' | 'blunt' | 'plain';
  /** True when the persona reads as wary (high neuroticism, low agreeableness, skeptical traits). */
  wary: boolean;
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.trim().length > 0) : [];
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * A persona phrase usable mid-sentence: trailing period dropped, second person turned into first
 * person (TinyTroupe files say "You are …"), first letter lower-cased unless it starts a name.
 */
export function phrase(text: string): string {
  let result = text.trim().replace(/[.!]+$/, '');
  result = result
    .replace(/^You are\b/, 'I am')
    .replace(/^You\b/, 'I')
    .replace(/\byour\b/gi, 'my')
    .replace(/\byourself\b/gi, 'myself')
    .replace(/\byou are\b/gi, 'I am')
    .replace(/\byou (?=(can|cannot|can't|could|will|would|have|do|don't|need|want|like|love|know|get|use)\b)/gi, 'I ')
    .replace(/\byou\b/gi, 'me');
  if (/^[A-Z][a-z]/.test(result) && !/^I\b/.test(result)) {
    const firstWord = result.split(/\s+/)[0];
    const isCommonWord = !/[A-Z].*[A-Z]/.test(firstWord);
    if (isCommonWord) result = result.charAt(0).toLowerCase() + result.slice(1);
  }
  return result;
}

/** Reads the facts from a spec, tolerating any TinyTroupe-compatible shape. */
export function readPersonaFacts(spec: PersonaSpec): PersonaFacts {
  const preferences = record(spec.preferences);
  const personality = record(spec.personality);
  const bigFive = record(personality.big_five);
  const occupation = typeof spec.occupation === 'object' ? spec.occupation : undefined;
  const residence = typeof spec.residence === 'string' ? spec.residence : undefined;
  const style = typeof spec.style === 'string' ? spec.style : '';
  const traits = list(personality.traits).join(' ').toLowerCase();
  const styleText = `${style} ${traits}`.toLowerCase();
  const tone = /blunt|direct|terse|dry|sarcas|gruff|no-nonsense/.test(styleText)
    ? 'blunt'
    : /warm|friendly|chatty|cheerful|gentle|kind|enthusias/.test(styleText)
      ? 'warm'
      : 'plain';
  const neuroticism = String(bigFive.neuroticism ?? '').toLowerCase();
  const agreeableness = String(bigFive.agreeableness ?? '').toLowerCase();
  const wary = /^high/.test(neuroticism) || /^low/.test(agreeableness) || /skeptic|cautious|suspicious|distrust|frugal/.test(styleText);
  const title = occupationTitle(spec);
  const behaviors = record(spec.behaviors);
  const routines = Array.isArray(behaviors.routines) ? list(behaviors.routines) : Object.values(record(behaviors.routines)).flatMap(list);
  const finances = list(spec.other_facts)
    .map((fact) => fact.match(/^financial situation:\s*(.+)$/i)?.[1])
    .find((value): value is string => value !== undefined);
  return {
    name: spec.name,
    firstName: spec.name.split(/\s+/)[0],
    age: spec.age === undefined ? undefined : String(spec.age),
    occupation: title ? jobTitle(title) : undefined,
    // "Formerly at a ferry line" does not read after "at"; keep only plain organisation names.
    organization: occupation?.organization && !/^(formerly|previously|retired|ex-)\b|\bat\b/i.test(occupation.organization) ? occupation.organization : undefined,
    place: residence ?? (typeof spec.nationality === 'string' ? spec.nationality : undefined),
    likes: list(preferences.likes).map(phrase),
    interests: list(preferences.interests).map(phrase),
    dislikes: list(preferences.dislikes).map(phrase),
    beliefs: list(spec.beliefs).map(phrase),
    goals: list(spec.long_term_goals).map(phrase),
    routines: routines.map(firstPerson),
    habits: list(behaviors.general).map(firstPerson),
    skills: list(spec.skills).map(phrase),
    finances: finances ? phrase(finances).toLowerCase() : undefined,
    workNote: occupation?.description ? firstPerson(occupation.description.split(/[;:]/)[0]) : undefined,
    style,
    tone,
    wary,
  };
}

/** "Data Scientist" → "data scientist"; acronyms ("UX", "NHS") keep their case. */
export function jobTitle(title: string): string {
  return title
    .trim()
    .replace(/[.!]+$/, '')
    .split(/\s+/)
    .map((word) => (/^[A-Z][a-z'-]*$/.test(word) ? word.toLowerCase() : word))
    .join(' ');
}

const IRREGULAR: Record<string, string> = { has: 'have', does: 'do', goes: 'go', is: 'am' };
/** Routine lines that start with a noun, not a verb ("Lectures in the morning"). */
const NOUN_STARTS = new Set(['lectures', 'classes', 'shifts', 'meetings', 'seminars', 'lessons', 'practice', 'training', 'weekends', 'mornings', 'evenings']);

function baseVerb(word: string): string | undefined {
  const lower = word.toLowerCase();
  if (IRREGULAR[lower]) return IRREGULAR[lower];
  if (/ies$/.test(lower)) return `${lower.slice(0, -3)}y`;
  if (/(sh|ch|x|ss|o)es$/.test(lower)) return lower.slice(0, -2);
  return /[^s]s$/.test(lower) ? lower.slice(0, -1) : undefined;
}

/**
 * A third-person habit as a first-person clause: "Cooks in bulk on Sundays." → "I cook in bulk on
 * Sundays"; "Lectures in the morning, shifts in the evening." → "I have lectures in the morning, …".
 */
export function firstPerson(text: string): string {
  const clean = phrase(text).replace(/\btheir\b/gi, 'my').replace(/\bthemselves\b/gi, 'myself').replace(/\bthey\b/gi, 'I');
  if (/^I\b/.test(clean)) return clean;
  const [first, ...rest] = clean.split(/\s+/);
  const verb = NOUN_STARTS.has(first.toLowerCase()) ? undefined : baseVerb(first);
  if (!verb || !rest.length) return `I have ${clean.charAt(0).toLowerCase()}${clean.slice(1)}`;
  // "… and checks the news" follows the first verb into the first person.
  const tail = rest.join(' ').replace(/(,\s*(?:and|or|then)|\band|\bthen|\bor|,)\s+([a-z]+)\b/g, (match, joiner: string, next: string) => (baseVerb(next) && /s$/.test(next) ? `${joiner} ${baseVerb(next)}` : match));
  return `I ${verb} ${tail}`;
}
