import { z } from 'zod';
import { ConfigError } from '../errors.js';

/**
 * The persisted part of a world: clock, step count, who can reach whom, when interventions fired,
 * and (for a social network) the relations. Agents and the transcript are stored separately.
 */
export const WorldStateSchema = z.object({
  version: z.literal(1),
  name: z.string(),
  time: z.string(),
  stepCount: z.number().int().min(0),
  accessibility: z.record(z.string(), z.array(z.string())),
  interventionFires: z.array(z.object({ intervention: z.string(), step: z.number().int(), time: z.string() })),
  relations: z.array(z.object({ a: z.string(), b: z.string(), name: z.string() })).optional(),
});
export type WorldState = z.infer<typeof WorldStateSchema>;

/** Validates a stored world state; a bad record is a deployment problem, not the user's. */
export function parseWorldState(state: unknown): WorldState {
  const parsed = WorldStateSchema.safeParse(state);
  if (!parsed.success) {
    throw new ConfigError('world.state', `stored world state is not valid: ${parsed.error.message}`);
  }
  return parsed.data;
}
