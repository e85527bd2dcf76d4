import type { CallAttribution } from '../../engine/llm/port.js';
import { z } from 'zod';
import type { KeyValueStore } from '../../engine/store/ports.js';
import type { WorldIntervention, WorldView } from '../../engine/world/world-port.js';
import type { Conversation } from '../reply.js';

/** An `/intervene` rule as stored for a channel: plain data, turned into an Intervention per step. */
export const StoredIntervention = z.object({
  id: z.string(),
  condition: z.string(),
  thought: z.string(),
  createdBy: z.string().optional(),
});
export type StoredIntervention = z.infer<typeof StoredIntervention>;

/** Loads the interventions that apply to a channel's world for one job. */
/** Builds a job's interventions; their judge calls are metered to `attribution` (the tenant and the job). */
export type InterventionLoader = (
  conversation: Conversation,
  world: WorldView,
  attribution?: CallAttribution,
) => Promise<WorldIntervention[]>;

export const interventionsKey = (channelKey: string) => `interventions:${channelKey}`;

/** The stored rules of a channel (invalid entries are skipped). */
export async function listStoredInterventions(
  store: KeyValueStore,
  conversation: Conversation,
): Promise<StoredIntervention[]> {
  const raw = await store.getValue(conversation.tenantId, interventionsKey(conversation.channelKey));
  const parsed = z.array(StoredIntervention).safeParse(raw ?? []);
  return parsed.success ? parsed.data : [];
}

/** Adds a rule to a channel. */
export async function addStoredIntervention(
  store: KeyValueStore,
  conversation: Conversation,
  rule: StoredIntervention,
): Promise<StoredIntervention[]> {
  const rules = [...(await listStoredInterventions(store, conversation)), rule];
  await store.setValue(conversation.tenantId, interventionsKey(conversation.channelKey), rules);
  return rules;
}
