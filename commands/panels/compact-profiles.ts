import { writeCompactProfile } from '../../engine/agent/compact-profile/write-profile.js';
import type { CompactProfileTask } from '../../engine/agent/compact-profile/tasks.js';
import type { PersonaSpec } from '../../engine/agent/persona-spec.js';
import { mapLimit } from '../../engine/extraction/concurrency.js';
import type { CallAttribution, LanguageModel } from '../../engine/llm/port.js';

/**
 * Personas about to be saved, each with its compact profile written once (when any task reads profiles,
 * `LLM_COMPACT_PROFILE`), checked against its own spec. Without such a task, no call is made.
 *
 * @example
 *   await store.addPersonas(tenantId, panel.id, await withCompactProfiles(model, made, ['judge'], attribution));
 */
export async function withCompactProfiles<P extends { spec: PersonaSpec }>(
  model: LanguageModel,
  personas: readonly P[],
  tasks: readonly CompactProfileTask[] | undefined,
  attribution: CallAttribution,
  signal?: AbortSignal,
): Promise<(P & { profile?: string })[]> {
  if (!tasks?.length) return [...personas];
  return mapLimit(
    personas,
    8,
    async (persona) => ({
      ...persona,
      profile: (await writeCompactProfile(model, persona.spec, { attribution, signal })).profile,
    }),
    signal,
  );
}
