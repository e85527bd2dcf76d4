import { resolveMemoryOptions } from '../../engine/agent/memory/options.js';
import { renderEntry } from '../../engine/agent/prompt/memory.js';
import type { TinyPerson } from '../../engine/agent/tiny-person.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import { countMessageTokens, countTokens } from '../../engine/llm/tokens.js';
import type { Store } from '../../engine/store/ports.js';
import type { Conversation } from '../reply.js';
import { FRESH_PERSONA, type MemorySnapshot } from '../jobs/turn-estimate.js';
import { PanelSession } from './panel-session.js';

/** Entries sampled for the average size of one more entry in a persona's window. */
const SAMPLE = 30;

/** One persona's memory as the turn estimate needs it: its act prompt now and where its memory stands. */
export function memorySnapshot(agent: TinyPerson): MemorySnapshot {
  const state = agent.toState();
  const options = resolveMemoryOptions(state.memoryOptions);
  const { episodic } = state;
  const recent = episodic.entries.slice(-SAMPLE);
  const entryTokens = recent.length
    ? recent.reduce((sum, entry) => sum + 2 + countTokens(renderEntry(entry, agent.name, options.maxEntryChars)), 0) /
      recent.length
    : FRESH_PERSONA.entryTokens;
  return {
    promptTokens: countMessageTokens(agent.buildPrompt()),
    entries: episodic.total,
    consolidatedThrough: episodic.consolidatedThrough,
    pendingStimuli: episodic.entries.filter((entry) => entry.kind === 'stimulus' && entry.ordinal >= episodic.newSince)
      .length,
    semantic: state.semantic.items.length,
    entryTokens,
    memory: {
      firstN: options.firstN,
      lastN: options.lastN,
      consolidateAfter: options.consolidateAfter,
      consolidatedInPrompt: options.consolidatedInPrompt,
    },
  };
}

/**
 * The memory snapshots of the personas seated in a channel, by name (for the estimate of an ask or a
 * brainstorm); a panel still being created gives `count` fresh personas.
 *
 * @example
 *   const snapshots = await seatedSnapshots({ store, model }, conversation, 8);
 */
export async function seatedSnapshots(
  deps: { store: Store; model: LanguageModel },
  conversation: Conversation,
  count: number,
): Promise<Map<string, MemorySnapshot>> {
  if (!(await deps.store.getWorld(conversation.tenantId, conversation.channelKey)))
    return new Map(Array.from({ length: count }, (_, at) => [`persona ${at + 1}`, FRESH_PERSONA]));
  const session = await PanelSession.open(deps, conversation);
  return new Map(session.agents.map((agent) => [agent.name, memorySnapshot(agent)]));
}
