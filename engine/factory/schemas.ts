import { z } from 'zod';
import { nameSet } from '../util/closed-sets.js';

/**
 * LLM output contracts of the factory. Maps are expressed as arrays of `{key, value}` pairs and
 * optional parts as `nullable`, so the schemas also work with providers in strict JSON-schema mode
 * (which reject free-form `additionalProperties`).
 */

/** One weighted value of a categorical dimension. */
export const ProportionSchema = z.object({ value: z.string().min(1), proportion: z.number().min(0) });

/** One sampling dimension as the model returns it (task `factory.dimensions`). */
export const DimensionOutputSchema = z.object({
  name: z.string().min(1),
  description: z.string(),
  /** Plain list of possible values (used when neither range nor distribution is given). */
  values: z.array(z.string()),
  /** Numeric range, e.g. ages 25–60. */
  range: z.object({ min: z.number(), max: z.number() }).nullable(),
  /** Values with their proportions in the population. */
  distribution: z.array(ProportionSchema),
});

export const DimensionsOutputSchema = z.object({ dimensions: z.array(DimensionOutputSchema).min(1) });
export type DimensionsOutput = z.infer<typeof DimensionsOutputSchema>;

/** One sub-population of the plan (task `factory.plan`). */
export const SubpopulationOutputSchema = z.object({
  subpopulation_description: z.string().min(1),
  sampled_values: z.array(z.object({ dimension: z.string().min(1), value: z.string() })),
  quantity: z.number().int(),
});

export const PlanOutputSchema = z.object({ plan: z.array(SubpopulationOutputSchema).min(1) });
export type PlanOutput = z.infer<typeof PlanOutputSchema>;

/**
 * `PlanOutputSchema` as sent to the provider once the dimensions are known (task `factory.plan`): every
 * sampled value's `dimension` is an enum of the dimension names.
 *
 * @example planSchemaFor(['age', 'gender'])
 */
export function planSchemaFor(dimensions: readonly string[]): z.ZodType {
  return z.object({
    plan: z
      .array(
        SubpopulationOutputSchema.extend({
          sampled_values: z.array(z.object({ dimension: nameSet(dimensions), value: z.string() })),
        }),
      )
      .min(1),
  });
}

/** Dimensions and plan in one answer (task `factory.sampling`): one round trip less per panel. */
export const SamplingOutputSchema = z.object({
  dimensions: DimensionsOutputSchema.shape.dimensions,
  plan: PlanOutputSchema.shape.plan,
});
export type SamplingOutput = z.infer<typeof SamplingOutputSchema>;

const list = (min: number) => z.array(z.string().min(1)).min(min);
const level = z.string().min(1);

/**
 * The persona the model must write (task `factory.persona`): every field required, so each persona
 * has the depth the TinyTroupe paper argues for. The result is then checked with `PersonaSpecSchema`.
 */
export const PersonaOutputSchema = z.object({
  name: z.string().min(1),
  age: z.number().int().min(0).max(120),
  gender: z.string().min(1),
  nationality: z.string().min(1),
  residence: z.string().min(1),
  education: z.string().min(1),
  long_term_goals: list(1),
  occupation: z.object({ title: z.string().min(1), organization: z.string(), description: z.string().min(1) }),
  style: z.string().min(1),
  personality: z.object({
    traits: list(3),
    big_five: z.object({
      openness: level,
      conscientiousness: level,
      extraversion: level,
      agreeableness: level,
      neuroticism: level,
    }),
  }),
  preferences: z.object({ interests: list(2), likes: list(2), dislikes: list(2) }),
  skills: list(2),
  beliefs: list(2),
  behaviors: z.object({ general: list(2), routines: list(2) }),
  health: z.string().min(1),
  relationships: z.array(z.object({ name: z.string().min(1), description: z.string().min(1) })).min(1),
  other_facts: list(2),
});
export type PersonaOutput = z.infer<typeof PersonaOutputSchema>;

/**
 * A demography document (TinyTroupe `information/populations/*.json`).
 *
 * @example
 *   DemographySchema.parse(JSON.parse(fs.readFileSync('usa.json', 'utf8')));
 */
export const DemographySchema = z.looseObject({
  title: z.string().min(1),
  description: z.string().default(''),
  source: z.string().default(''),
  content: z.record(z.string(), z.unknown()),
});
export type Demography = z.infer<typeof DemographySchema>;
