import { z } from 'zod';

/**
 * Persona spec schema, compatible with TinyTroupe `.agent.json` files.
 * Known fields are validated; any other field (e.g. `projects`) is kept through load → save → load
 * (`z.looseObject`). Fields are optional except `name`, because real files omit many of them.
 *
 * @example
 *   const spec = PersonaSpecSchema.parse({ name: 'Ada', age: 41, occupation: { title: 'Nurse' } });
 */
const text = z.string();
const textList = z.array(z.string());

export const OccupationSchema = z.union([
  z.string(),
  z.looseObject({ title: text.optional(), organization: text.optional(), description: text.optional() }),
]);

export const BigFiveSchema = z.looseObject({
  openness: text.optional(),
  conscientiousness: text.optional(),
  extraversion: text.optional(),
  agreeableness: text.optional(),
  neuroticism: text.optional(),
});

export const PersonaSpecSchema = z.looseObject({
  name: z.string().min(1, 'a persona needs a name'),
  age: z.union([z.number().int().min(0).max(130), z.string()]).optional(),
  gender: text.optional(),
  nationality: text.optional(),
  residence: z.union([text, z.looseObject({})]).optional(),
  education: z.union([text, z.looseObject({})]).optional(),
  long_term_goals: textList.optional(),
  occupation: OccupationSchema.optional(),
  style: text.optional(),
  personality: z.looseObject({ traits: textList.optional(), big_five: BigFiveSchema.optional() }).optional(),
  preferences: z
    .looseObject({ interests: textList.optional(), likes: textList.optional(), dislikes: textList.optional() })
    .optional(),
  skills: textList.optional(),
  beliefs: textList.optional(),
  // TinyTroupe's own examples write routines as {morning: [...], workday: [...]}, others as a list.
  behaviors: z
    .looseObject({
      general: textList.optional(),
      routines: z.union([textList, z.record(z.string(), textList)]).optional(),
    })
    .optional(),
  health: text.optional(),
  relationships: z.array(z.looseObject({ name: text, description: text.optional() })).optional(),
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
  if (occupation === undefined) return undefined;
  return typeof occupation === 'string' ? occupation : occupation.title;
}
