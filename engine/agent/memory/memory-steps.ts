import type { CallAttribution, LanguageModel, Usage } from '../../llm/port.js';
import type { PersonaSpec } from '../persona-spec.js';
import { renderEntry } from '../prompt/memory.js';
import { bm25Rank } from './bm25.js';
import { consolidate } from './consolidation.js';
import type { EpisodicMemory } from './episodic.js';
import type { RetrievedMemory, SemanticMemory } from './semantic.js';

/** The memories of one agent, as the turn steps see them. */
export interface AgentMemories {
  episodic: EpisodicMemory;
  semantic: SemanticMemory;
}

/**
 * Consolidates past entries that have left the prompt's view, once more than `after` of them are
 * waiting. Entries still shown verbatim — the fixed prefix (`visiblePrefix`), the recent window
 * (`visibleTail`) and the new stimuli — are not consolidated yet: summarising what the model can
 * still read would only cost a call. Returns the call's usage, if a call was made.
 */
export async function consolidatePending(
  memories: AgentMemories,
  model: LanguageModel,
  spec: PersonaSpec,
  options: {
    after: number;
    visiblePrefix?: number;
    visibleTail?: number;
    maxEntryChars: number;
    simTime?: string;
    signal?: AbortSignal;
    attribution?: CallAttribution;
  },
): Promise<Usage | undefined> {
  const past = memories.episodic.past();
  const tail = options.visibleTail ?? 0;
  // A window longer than the past shows all of it, so the tail then starts at the first entry.
  const firstInTail = tail > 0 && past.length > 0 ? past[Math.max(0, past.length - tail)].ordinal : Infinity;
  const fresh = memories.episodic.newStimuli().map((entry) => entry.ordinal);
  const firstVisible = Math.min(firstInTail, fresh.length ? Math.min(...fresh) : Infinity);
  const pending = memories.episodic
    .unconsolidated()
    .filter((entry) => entry.ordinal >= (options.visiblePrefix ?? 0) && entry.ordinal < firstVisible);
  if (pending.length <= options.after) return undefined;
  const result = await consolidate(model, spec, pending, options);
  const from = pending[0].ordinal;
  const to = pending[pending.length - 1].ordinal;
  for (const content of result.memories) memories.semantic.add({ content, from, to, createdAt: options.simTime });
  memories.episodic.markConsolidated(to);
  return result.usage;
}

/** Semantic memories relevant to the new stimuli, leaving out those the memory section already shows. */
export async function retrieveForStimuli(
  memories: AgentMemories,
  options: { topK: number; shownLatest: number; signal?: AbortSignal },
): Promise<RetrievedMemory[]> {
  const query = memories.episodic
    .newStimuli()
    .map((entry) => entry.content)
    .join(' ');
  const shown = new Set(memories.semantic.latest(options.shownLatest).map((item) => item.content));
  const found = await memories.semantic.retrieve(query, options.topK + shown.size, options.signal);
  return found.filter((memory) => !shown.has(memory.content)).slice(0, options.topK);
}

/** Semantic memories first, then matching episodic entries still in RAM (for RECALL). */
export async function recallMemories(
  memories: AgentMemories,
  selfName: string,
  query: string,
  options: { limit: number; maxEntryChars: number; signal?: AbortSignal },
): Promise<RetrievedMemory[]> {
  const semantic = await memories.semantic.retrieve(query, options.limit, options.signal);
  const lines = memories.episodic.all().map((entry) => renderEntry(entry, selfName, options.maxEntryChars));
  const episodic = bm25Rank(lines, query, options.limit).map(({ index, score }) => ({ content: lines[index], score }));
  return [...semantic, ...episodic].slice(0, options.limit);
}
