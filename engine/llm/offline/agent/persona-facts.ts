import { bigFiveLevel, looseText, occupationTitle, textItems, type PersonaSpec } from '../../../agent/persona-spec.js';

/** The persona traits the offline responder weaves into answers. */
export interface PersonaFacts {
  name: string;
  firstName: string;
  age?: string;
  occupation?: string;
  organization?: string;
  place?: string;
  /** Where the persona lives (a residence object's values joined), for its currency. */
  residence?: string;
  nationality?: string;
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
  /** Big Five openness as a level, when stated ("High. Curious…" → 'high'). */
  openness?: 'high' | 'medium' | 'low';
  /** Money level from finances or income fields: -2 struggling … +2 well-off, 0 when unknown. */
  money: number;
  /** A family fact usable mid-sentence ("single parent of two children"), when present. */
  family?: string;
  /** Personality traits in the first person ("I distrust marketing and want to see the numbers"). */
  traits: string[];
}

function list(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string' && item.trim().length > 0)
    : [];
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
  if (/^[A-Z][a-z]/.test(result) && !/^I\b/.test(result) && !startsWithProperNoun(result))
    result = result.charAt(0).toLowerCase() + result.slice(1);
  return result;
}

/** Words that keep their capital mid-sentence: days, months, holidays, peoples and languages. */
const PROPER_NOUNS =
  /^(mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|january|february|march|april|may|june|july|august|september|october|november|december|christmas|easter|thanksgiving|halloween|hanukkah|ramadan|diwali|eid|passover|lent|god|bible|quran|american|british|english|french|spanish|italian|mexican|chinese|japanese|indian|korean|thai|german|dutch|irish|scottish|welsh|african|european|asian|latin|canadian|brazilian|nigerian|filipino|vietnamese|greek|turkish|polish|swedish|norwegian|danish)('s)?$/i;

/**
 * True when a text starts with a proper noun that must keep its capital: a known one ("Sunday
 * family meals"), a mixed-case word or acronym ("YouTube", "NHS"), or a capitalised pair ("New York").
 */
export function startsWithProperNoun(text: string): boolean {
  const [first = '', second = ''] = text.trim().split(/\s+/);
  const word = first.replace(/[^\p{L}']/gu, '');
  return (
    /^I$/.test(word) ||
    PROPER_NOUNS.test(word) ||
    /[A-Z].*[A-Z]/.test(word) ||
    (/^[A-Z]/.test(word) && /^[A-Z][a-z]/.test(second))
  );
}

const MONEY_LEVELS: [RegExp, number][] = [
  [/struggl|ends meet|paycheck to paycheck|in debt|hard up|poor|low[- ]income|unemployed|tight/i, -2],
  [/getting by|modest|careful|middle[- ]income|average/i, -1],
  [/well[- ]off|wealthy|affluent|rich|high[- ]income|very comfortable/i, 2],
  [/comfortable|secure|stable|good income|no money worries/i, 1],
];

/** -2 (struggling) … +2 (well-off) from a finances or income text; 0 when it says nothing clear. */
function moneyLevel(text: string | undefined): number {
  if (!text) return 0;
  const found = MONEY_LEVELS.find(([pattern]) => pattern.test(text));
  if (found) return found[1];
  const figure = text.replace(/[,\s]/g, '').match(/(\d+(?:\.\d+)?)(k?)/i);
  const amount = figure ? Number(figure[1]) * (figure[2] ? 1000 : 1) : NaN;
  if (!Number.isFinite(amount) || amount < 1000) return 0;
  return amount < 30000 ? -2 : amount < 55000 ? -1 : amount < 120000 ? 1 : 2;
}

/** Reads the facts from a spec, tolerating any TinyTroupe-compatible shape. */
export function readPersonaFacts(spec: PersonaSpec): PersonaFacts {
  const preferences = record(spec.preferences);
  const personality = record(spec.personality);
  const bigFive = record(personality.big_five);
  const occupation = typeof spec.occupation === 'object' ? spec.occupation : undefined;
  const residence = typeof spec.residence === 'string' ? spec.residence : undefined;
  const style = looseText(spec.style) ?? '';
  const traits = list(personality.traits).join(' ').toLowerCase();
  const styleText = `${style} ${traits}`.toLowerCase();
  const tone = /blunt|direct|terse|dry|sarcas|gruff|no-nonsense/.test(styleText)
    ? 'blunt'
    : /warm|friendly|chatty|cheerful|gentle|kind|enthusias/.test(styleText)
      ? 'warm'
      : 'plain';
  const wary =
    bigFiveLevel(bigFive.neuroticism) === 'high' ||
    bigFiveLevel(bigFive.agreeableness) === 'low' ||
    /skeptic|cautious|suspicious|distrust|frugal/.test(styleText);
  const title = occupationTitle(spec);
  const behaviors = record(spec.behaviors);
  const routines = Array.isArray(behaviors.routines)
    ? list(behaviors.routines)
    : Object.values(record(behaviors.routines)).flatMap(list);
  const otherFacts = list(spec.other_facts);
  const finances = otherFacts
    .map((fact) => fact.match(/^financial situation:\s*(.+)$/i)?.[1])
    .find((value): value is string => value !== undefined);
  const loose = spec as Record<string, unknown>;
  const incomeField = ['income', 'household_income', 'salary', 'finances', 'financial_situation']
    .map((key) => loose[key])
    .find((value) => typeof value === 'string' || typeof value === 'number');
  const incomeFact = otherFacts.find((fact) => /\b(income|salary|earns?)\b/i.test(fact));
  const family = otherFacts.find(
    (fact) =>
      /\b(parent|children|kids|married|mother|father|mum|mom|dad|grandchildren)\b/i.test(fact) && !/:/.test(fact),
  );
  return {
    name: spec.name,
    firstName: spec.name.split(/\s+/)[0],
    age: spec.age === undefined ? undefined : String(spec.age),
    occupation: title ? jobTitle(title) : undefined,
    // "Formerly at a ferry line" does not read after "at"; keep only plain organisation names.
    organization:
      occupation?.organization && !/^(formerly|previously|retired|ex-)\b|\bat\b/i.test(occupation.organization)
        ? occupation.organization
        : undefined,
    place: residence ?? (typeof spec.nationality === 'string' ? spec.nationality : undefined),
    residence:
      residence ??
      (spec.residence && typeof spec.residence === 'object'
        ? Object.values(spec.residence)
            .filter((value) => typeof value === 'string')
            .join(', ') || undefined
        : undefined),
    nationality: typeof spec.nationality === 'string' ? spec.nationality : undefined,
    likes: list(preferences.likes).map(phrase),
    interests: list(preferences.interests).map(phrase),
    dislikes: list(preferences.dislikes).map(phrase),
    beliefs: list(spec.beliefs).map(phrase),
    goals: list(spec.long_term_goals).map(phrase),
    routines: routines.map(firstPerson),
    habits: list(behaviors.general).map(firstPerson),
    skills: list(spec.skills).map(phrase),
    finances: finances ? phrase(finances).toLowerCase() : undefined,
    workNote: occupation?.description
      ? firstPerson(textItems(occupation.description).join(' ').split(/[;:]/)[0])
      : undefined,
    style,
    tone,
    wary,
    openness: bigFiveLevel(bigFive.openness),
    money:
      moneyLevel(finances) ||
      moneyLevel(incomeField === undefined ? undefined : String(incomeField)) ||
      moneyLevel(incomeFact),
    family: family ? phrase(family) : undefined,
    traits: list(personality.traits).map(phrase),
  };
}

/** "Data Scientist" → "data scientist"; acronyms ("UX", "NHS") keep their case. */
export function jobTitle(title: string): string {
  // "Retired" is an adjective, not a job title: "as a retired" reads wrong, "as a retiree" does not.
  if (/^retired\.?$/i.test(title.trim())) return 'retiree';
  return title
    .trim()
    .replace(/[.!]+$/, '')
    .split(/\s+/)
    .map((word) => (/^[A-Z][a-z'-]*$/.test(word) ? word.toLowerCase() : word))
    .join(' ');
}

const IRREGULAR: Record<string, string> = { has: 'have', does: 'do', goes: 'go', is: 'am' };
/** Routine lines that start with a noun, not a verb ("Lectures in the morning"). */
const NOUN_STARTS = new Set([
  'lectures',
  'classes',
  'shifts',
  'meetings',
  'seminars',
  'lessons',
  'practice',
  'training',
  'weekends',
  'mornings',
  'evenings',
]);

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
function firstPerson(text: string): string {
  const clean = phrase(text)
    .replace(/\btheir\b/gi, 'my')
    .replace(/\bthemselves\b/gi, 'myself')
    .replace(/\bthey\b/gi, 'I');
  if (/^I\b/.test(clean)) return clean;
  const [first, ...rest] = clean.split(/\s+/);
  const verb = NOUN_STARTS.has(first.toLowerCase()) ? undefined : baseVerb(first);
  if (!verb || !rest.length) return `I have ${clean.charAt(0).toLowerCase()}${clean.slice(1)}`;
  // "… and checks the news" follows the first verb into the first person.
  const tail = rest
    .join(' ')
    .replace(/(,\s*(?:and|or|then)|\band|\bthen|\bor|,)\s+([a-z]+)\b/g, (match, joiner: string, next: string) =>
      baseVerb(next) && /s$/.test(next) ? `${joiner} ${baseVerb(next)}` : match,
    );
  return `I ${verb} ${tail}`;
}
