import type { CallAttribution } from '../../engine/llm/port.js';
import { z } from 'zod';
import type { KeyValueStore } from '../../engine/store/ports.js';
import type { WorldIntervention, WorldView } from '../../engine/world/world-port.js';
import { UserInputError } from '../../engine/errors.js';
import { MAX_INTERVENTIONS } from '../grammar/limits.js';
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

/** Adds a rule to a channel; refused once the channel holds `MAX_INTERVENTIONS`. */
export async function addStoredIntervention(
  store: KeyValueStore,
  conversation: Conversation,
  rule: StoredIntervention,
): Promise<StoredIntervention[]> {
  const existing = await listStoredInterventions(store, conversation);
  if (existing.length >= MAX_INTERVENTIONS) {
    throw new UserInputError(
      'intervene.too_many',
      `This channel already has ${existing.length} intervention rules, the most it may hold (${MAX_INTERVENTIONS}). Remove one first.`,
      '/intervene remove 1',
    );
  }
  const rules = [...existing, rule];
  await store.setValue(conversation.tenantId, interventionsKey(conversation.channelKey), rules);
  return rules;
}

/** Removes rule number `index` (1-based, as `/intervene list` numbers them) and returns it. */
export async function removeStoredIntervention(
  store: KeyValueStore,
  conversation: Conversation,
  index: number,
): Promise<StoredIntervention> {
  const rules = await listStoredInterventions(store, conversation);
  const removed = rules[index - 1];
  if (!removed) {
    throw new UserInputError(
      'intervene.no_rule',
      rules.length
        ? `There is no rule ${index}; this channel has ${rules.length} (see /intervene list).`
        : 'This channel has no intervention rules.',
      rules.length
        ? `/intervene remove ${rules.length}`
        : '/intervene when "the discussion is only about price" then "I should think about quality too"',
    );
  }
  await store.setValue(
    conversation.tenantId,
    interventionsKey(conversation.channelKey),
    rules.filter((_, at) => at !== index - 1),
  );
  return removed;
}
