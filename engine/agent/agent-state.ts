import { z } from 'zod';
import { PersonaSpecSchema } from './persona-spec.js';

const EntrySchema = z.object({
  ordinal: z.number().int(),
  agent: z.string(),
  kind: z.enum(['stimulus', 'action']),
  type: z.string(),
  content: z.string(),
  counterpart: z.string().optional(),
  threadKey: z.string().optional(),
  simTime: z.string().optional(),
  seq: z.number().optional(),
  createdAt: z.string().optional(),
});

/**
 * A persona's whole saved state (`TinyPerson.toState()`), validated when restored.
 *
 * @example
 *   const agent = TinyPerson.fromState(AgentStateSchema.parse(json), { model });
 */
export const AgentStateSchema = z.object({
  version: z.literal(1),
  spec: PersonaSpecSchema,
  cognitiveState: z.object({
    goals: z.string(),
    context: z.array(z.string()),
    attention: z.string(),
    emotions: z.string(),
    location: z.string().optional(),
  }),
  accessibleAgents: z.array(z.string()),
  episodic: z.object({
    entries: z.array(EntrySchema),
    total: z.number().int(),
    consolidatedThrough: z.number().int(),
    newSince: z.number().int(),
  }),
  semantic: z.object({
    items: z.array(
      z.object({
        content: z.string(),
        createdAt: z.string().optional(),
        from: z.number().optional(),
        to: z.number().optional(),
        vector: z.array(z.number()).optional(),
        ordinal: z.number().int().optional(),
      }),
    ),
    total: z.number().int().optional(),
  }),
  retrieved: z.array(z.object({ content: z.string(), score: z.number() })).default([]),
  lastActions: z.record(z.string(), z.string()).default({}),
  artifacts: z
    .array(z.object({ title: z.string(), content: z.string(), author: z.string(), createdAt: z.string() }))
    .default([]),
  faculties: z.array(z.object({ name: z.string(), state: z.record(z.string(), z.unknown()) })).default([]),
  correction: z
    .object({
      checks: z.number(),
      failures: z.number(),
      regenerations: z.number(),
      exhausted: z.number(),
      extraTokens: z.number(),
    })
    .optional(),
  /** Memory bounds the agent ran with (used on restore unless overridden). */
  memoryOptions: z.record(z.string(), z.number()).optional(),
  usage: z.object({ calls: z.number(), inputTokens: z.number(), outputTokens: z.number() }).optional(),
});
export type AgentState = z.infer<typeof AgentStateSchema>;
