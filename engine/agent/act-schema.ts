import { z } from 'zod';
import { ActionSchema } from './events.js';

/** The cognitive state the model returns with every turn (TinyTroupe's `cognitive_state`). */
export const CognitiveStateOutputSchema = z.object({
  goals: z.string(),
  context: z.array(z.string()),
  attention: z.string(),
  emotions: z.string(),
});

/**
 * The output contract of one `agent.act` call: the actions of the turn in order, then the
 * updated cognitive state.
 *
 * @example
 *   ActTurnSchema.parse({ actions: [{ type: 'TALK', content: 'Hi', target: 'Ana' }, { type: 'DONE' }],
 *     cognitive_state: { goals: 'help', context: [], attention: 'Ana', emotions: 'calm' } });
 */
export const ActTurnSchema = z.object({
  actions: z.array(ActionSchema).min(1),
  cognitive_state: CognitiveStateOutputSchema,
});
export type ActTurn = z.infer<typeof ActTurnSchema>;

/**
 * `ActTurnSchema` with the action `type` closed to the actions this persona's faculties allow, so
 * the schema sent to the provider is an enum (structured output then cannot invent an action).
 *
 * @example model.complete({ task: 'agent.act', schema: ActTurnSchema, providerSchema: actTurnSchemaFor(['TALK', 'DONE']), messages })
 */
export function actTurnSchemaFor(actionTypes: readonly string[]): z.ZodType {
  if (actionTypes.length === 0) return ActTurnSchema;
  const [first, ...rest] = [...new Set(actionTypes)];
  return z.object({
    actions: z.array(ActionSchema.extend({ type: z.enum([first, ...rest]) })).min(1),
    cognitive_state: CognitiveStateOutputSchema,
  });
}

/** The output contract of one `agent.consolidate` call: at most six first-person memories. */
export const ConsolidationSchema = z.object({
  memories: z.array(z.string().min(1)).max(6),
});
export type Consolidation = z.infer<typeof ConsolidationSchema>;

/** Task names this module sends to the model. */
export const AGENT_TASKS = {
  act: 'agent.act',
  /** A turn regenerated after action correction rejected it: metered apart, so correction's cost shows. */
  regenerate: 'correction.regenerate',
  consolidate: 'agent.consolidate',
} as const;
