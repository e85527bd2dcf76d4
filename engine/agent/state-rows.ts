import type { EpisodeRow, PersonaMemory, PersonaMemoryDelta, SemanticRow } from '../store/memory-rows.js';
import type { AgentState } from './agent-state.js';
import type { PersonaSpec } from './persona-spec.js';

/** What a persona's memory in the store already holds, so a commit writes only what is new. */
export interface MemoryBaseline {
  /** Episodic entries stored (the next ordinal to write). */
  episodes: number;
  /** Consolidated memories stored (the next ordinal to write). */
  semantic: number;
  /** Ordinals of stored memories that already have their embedding. */
  vectored: Set<number>;
}

/** Nothing stored yet: a persona seated in a new world. */
export const emptyBaseline = (): MemoryBaseline => ({ episodes: 0, semantic: 0, vectored: new Set() });

/** The baseline of memory loaded from the store. */
export function baselineOf(memory: PersonaMemory): MemoryBaseline {
  const core = memory.core as { episodic?: { total?: number }; semantic?: { total?: number } };
  return {
    episodes: core.episodic?.total ?? 0,
    semantic: core.semantic?.total ?? 0,
    vectored: new Set(memory.semantic.filter((row) => row.vector).map((row) => row.ordinal)),
  };
}

/**
 * Rebuilds the state `TinyPerson.fromState` takes from the panel's spec and a world's memory rows.
 *
 * @example
 *   const agent = TinyPerson.fromState(joinAgentState(record.spec, memory), { model });
 */
export function joinAgentState(spec: PersonaSpec, memory: PersonaMemory): Record<string, unknown> {
  const core = memory.core as Record<string, Record<string, unknown> | undefined>;
  return {
    ...core,
    spec,
    episodic: { ...core.episodic, entries: memory.episodes },
    semantic: { ...core.semantic, items: memory.semantic },
  };
}

/**
 * Splits an agent's state into the delta a commit writes: the core (small, rewritten), the
 * episodic entries and consolidated memories added since `baseline`, and embeddings computed
 * for memories stored earlier. Also returns the baseline after the commit.
 */
export function splitAgentState(
  personaId: string,
  state: AgentState,
  baseline: MemoryBaseline,
): { delta: PersonaMemoryDelta; next: MemoryBaseline } {
  const { spec: _spec, episodic, semantic, ...rest } = state;
  const { entries, ...counters } = episodic;
  const items = semantic.items.map((item, index) => ({ ...item, ordinal: item.ordinal ?? index }));
  const total = semantic.total ?? items.length;
  const newEpisodes: EpisodeRow[] = entries.filter((entry) => entry.ordinal >= baseline.episodes);
  const newSemantic: SemanticRow[] = items.filter((item) => item.ordinal >= baseline.semantic);
  const vectors = items
    .filter((item) => item.ordinal < baseline.semantic && item.vector && !baseline.vectored.has(item.ordinal))
    .map((item) => ({ ordinal: item.ordinal, vector: item.vector as number[] }));
  const vectored = new Set(baseline.vectored);
  for (const item of items) if (item.vector) vectored.add(item.ordinal);
  return {
    delta: {
      personaId,
      core: { ...rest, episodic: counters, semantic: { total } },
      newEpisodes,
      newSemantic,
      vectors,
    },
    next: {
      episodes: Math.max(baseline.episodes, counters.total),
      semantic: Math.max(baseline.semantic, total),
      vectored,
    },
  };
}
