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
  return {
    name: spec.name,
    firstName: spec.name.split(/\s+/)[0],
    age: spec.age === undefined ? undefined : String(spec.age),
    occupation: title ? jobTitle(title) : undefined,
    organization: occupation?.organization,
    place: residence ?? (typeof spec.nationality === 'string' ? spec.nationality : undefined),
    likes: list(preferences.likes).map(phrase),
    interests: list(preferences.interests).map(phrase),
    dislikes: list(preferences.dislikes).map(phrase),
    beliefs: list(spec.beliefs).map(phrase),
    goals: list(spec.long_term_goals).map(phrase),
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
