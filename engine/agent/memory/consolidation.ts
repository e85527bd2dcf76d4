import type { CallAttribution, LanguageModel, Usage } from '../../llm/port.js';
import type { PersonaSpec } from '../persona-spec.js';
import { AGENT_TASKS, ConsolidationSchema } from '../act-schema.js';
import type { EpisodicEntry } from './episodic.js';
import { renderEntry } from '../prompt/memory.js';
import { personaCacheKey } from '../../llm/prompt-prefix.js';

const CONSOLIDATION_PROMPT = `You help a simulated person keep a long-term memory.
Read the recent events (what they perceived and what they did) and write at most 6 short memories,
in the first person, as that person would remember them ("I told Ana that …", "Bo asked me …").
Keep names, numbers, opinions and decisions; drop greetings and filler. Do not invent events.
Answer as JSON: {"memories": ["…", "…"]}.`;

/**
 * Turns unconsolidated episodic entries into at most six first-person memories (one
 * `agent.consolidate` call).
 *
 * @example
 *   const { memories } = await consolidate(model, spec, memory.unconsolidated());
 */
export async function consolidate(
  model: LanguageModel,
  spec: PersonaSpec,
  entries: readonly EpisodicEntry[],
  options: { signal?: AbortSignal; attribution?: CallAttribution; maxEntryChars?: number } = {},
): Promise<{ memories: string[]; usage: Usage }> {
  const events = entries.map((entry) => renderEntry(entry, spec.name, options.maxEntryChars ?? 600)).join('\n');
  const result = await model.complete({
    task: AGENT_TASKS.consolidate,
    schema: ConsolidationSchema,
    temperature: 0.2,
    promptCacheKey: personaCacheKey(AGENT_TASKS.consolidate, spec.name),
    signal: options.signal,
    attribution: options.attribution,
    messages: [
      { role: 'system', content: CONSOLIDATION_PROMPT },
      { role: 'user', content: `Person: ${spec.name}\n\nRecent events:\n${events}` },
    ],
    hints: {
      persona: spec,
      entries: entries.map(({ kind, type, content, counterpart }) => ({ kind, type, content, counterpart })),
    },
  });
  return { memories: result.value.memories.map((memory) => memory.trim()).filter(Boolean), usage: result.usage };
}
