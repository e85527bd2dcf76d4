import { z } from 'zod';

/**
 * Persona spec schema, as tolerant as TinyTroupe (which has no schema at all): `name` is required;
 * the fields Troupe reads are checked only against the shapes TinyTroupe's own files use (the
 * examples and the October-2025 paper populations: `big_five` traits as words, numbers or objects,
 * `health` and `style` as text or objects, `relationships` as `{name, description}`,
 * `{relation, details}` items or one object, `skills` as a list or an object, an occupation
 * description as text or a list, `null` for anything unknown); every other field is kept as it came
 * (`z.looseObject`), so load → save → load changes nothing.
 *
 * @example
 *   const spec = PersonaSpecSchema.parse({ name: 'Ada', age: 41, occupation: { title: 'Nurse' } });
 */
const text = z.string();
const nothing = z.null();
const object = z.looseObject({});
/** A list of free items (TinyTroupe lists are mostly text, sometimes small objects). */
const items = z.array(z.unknown());
const textList = z.array(text);
const textOrList = z.union([text, items, nothing]);
const textOrObject = z.union([text, object, nothing]);

export const OccupationSchema = z.union([
  text,
  nothing,
  z.looseObject({
    title: z.union([text, nothing]).optional(),
    organization: z.union([text, nothing]).optional(),
    description: textOrList.optional(),
  }),
]);

/** One Big Five trait: words (`"High. Curious."`), a score (`82`) or an object (`{score, description}`). */
const BigFiveTrait = z.union([text, z.number(), object, nothing]);

export const BigFiveSchema = z.looseObject({
  openness: BigFiveTrait.optional(),
  conscientiousness: BigFiveTrait.optional(),
  extraversion: BigFiveTrait.optional(),
  agreeableness: BigFiveTrait.optional(),
  neuroticism: BigFiveTrait.optional(),
});

const Relationship = z.union([
  text,
  z.looseObject({
    name: z.union([text, nothing]).optional(),
    relation: z.union([text, nothing]).optional(),
    description: z.union([text, nothing]).optional(),
    details: z.unknown().optional(),
  }),
]);

export const PersonaSpecSchema = z.looseObject({
  name: z.string().trim().min(1, 'a persona needs a name'),
  age: z.union([z.number().min(0).max(150), text, nothing]).optional(),
  gender: z.union([text, nothing]).optional(),
  nationality: z.union([text, nothing]).optional(),
  residence: textOrObject.optional(),
  education: z.union([text, object, items, nothing]).optional(),
  long_term_goals: textList.optional(),
  occupation: OccupationSchema.optional(),
  style: textOrObject.optional(),
  personality: z.looseObject({ traits: textList.optional(), big_five: BigFiveSchema.optional() }).optional(),
  preferences: z
    .looseObject({ interests: textList.optional(), likes: textList.optional(), dislikes: textList.optional() })
    .optional(),
  skills: z.union([items, object]).optional(),
  beliefs: textList.optional(),
  // Routines come as {morning: [...], workday: [...]} or as a list; other groups (shopping, …) are kept as they came.
  behaviors: z
    .looseObject({
      general: textList.optional(),
      routines: z.union([textList, z.record(z.string(), textList)]).optional(),
    })
    .optional(),
  health: textOrObject.optional(),
  relationships: z.union([z.array(Relationship), object]).optional(),
  other_facts: textList.optional(),
});

/** A persona description (the `persona` object of a TinyTroupe agent file). */
export type PersonaSpec = z.infer<typeof PersonaSpecSchema>;

/** A TinyTroupe agent file: `{type: "TinyPerson", persona, ...saved state}`. */
export const AgentFileSchema = z.looseObject({
  type: z.literal('TinyPerson'),
  persona: PersonaSpecSchema,
});
export type AgentFile = z.infer<typeof AgentFileSchema>;

/** A TinyTroupe fragment file: `{type: "Fragment", persona: {...subset}}`. */
export const FragmentFileSchema = z.looseObject({
  type: z.literal('Fragment'),
  persona: z.looseObject({}),
});
export type FragmentFile = z.infer<typeof FragmentFileSchema>;

/** The occupation title, whichever form the spec uses. */
export function occupationTitle(spec: PersonaSpec): string | undefined {
  const occupation = spec.occupation;
  if (occupation === undefined || occupation === null) return undefined;
  return typeof occupation === 'string' ? occupation : (occupation.title ?? undefined);
}

/**
 * A field that may be text or a list, as a list of strings (non-text items are written as JSON).
 *
 * @example
 *   textItems('Loves trains.'); // ['Loves trains.']
 */
export function textItems(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') return value.trim() ? [value] : [];
  if (Array.isArray(value))
    return value
      .filter((item) => item !== null && item !== undefined)
      .map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
  if (typeof value === 'object') return Object.entries(value).map(([key, inner]) => `${key}: ${describeLoose(inner)}`);
  return [String(value)];
}

/**
 * A field that may be text or an object (`style`, `health`), as one line of text.
 *
 * @example
 *   looseText({ physical: 'Fit', mental: 'Calm' }); // 'physical: Fit; mental: Calm'
 */
export function looseText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const line = describeLoose(value);
  return line ? line : undefined;
}

function describeLoose(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.map(describeLoose).filter(Boolean).join('; ');
  return Object.entries(value as Record<string, unknown>)
    .map(([key, inner]) => [key, describeLoose(inner)] as const)
    .filter(([, inner]) => inner)
    .map(([key, inner]) => `${key}: ${inner}`)
    .join('; ');
}

/**
 * A Big Five trait's level, whichever shape the file uses: words (`"High. Curious."`), a 0–100
 * score (`82`) or an object with a `score`/`level`/`value` (`{"score": 0.3}` reads 0–1 as a share).
 *
 * @example
 *   bigFiveLevel(82); // 'high'
 */
export function bigFiveLevel(value: unknown): 'high' | 'medium' | 'low' | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') {
    const score = value <= 1 ? value * 100 : value <= 10 ? value * 10 : value;
    return score >= 60 ? 'high' : score <= 40 ? 'low' : 'medium';
  }
  if (typeof value === 'string') {
    const words = value.trim().toLowerCase();
    if (/^(very )?high/.test(words)) return 'high';
    if (/^(very )?low/.test(words)) return 'low';
    if (/^(medium|moderate|average|mid)/.test(words)) return 'medium';
    const number = Number.parseFloat(words);
    return Number.isFinite(number) ? bigFiveLevel(number) : undefined;
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const key of ['level', 'score', 'value', 'rating', 'description'])
      if (record[key] !== undefined) return bigFiveLevel(record[key]);
  }
  return undefined;
}
