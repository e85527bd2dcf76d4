import type { WorldEvent } from '../agent/events.js';

/**
 * A persona's memory in one world, as the store keeps it: a small core (cognitive state,
 * counters, faculties — everything of `TinyPerson.toState()` except the spec and the memories)
 * and the memories themselves as rows. The spec is never part of it: it belongs to the panel.
 *
 * @example
 *   const [ada] = await store.loadMemories('T1', world.id, { prefix: 10, recent: 390, semantic: 500 });
 *   ada.episodes.length; // only the window the agent keeps in RAM, not the whole history
 */
export interface PersonaMemory {
  personaId: string;
  /** The agent state without `spec`, `episodic.entries` and `semantic.items` (opaque to the store). */
  core: Record<string, unknown>;
  /** Episodic entries in ordinal order (`ordinal` is their position in the persona's whole life). */
  episodes: EpisodeRow[];
  /** Consolidated memories in ordinal order. */
  semantic: SemanticRow[];
}

/** One episodic memory: a world event as this persona lived it, with its lifelong position. */
export interface EpisodeRow extends WorldEvent {
  ordinal: number;
}

/** One consolidated memory with its embedding (kept as Float32 binary by the database store). */
export interface SemanticRow {
  ordinal: number;
  content: string;
  createdAt?: string;
  from?: number;
  to?: number;
  vector?: number[];
}

/** What one step changed in a persona's memory: only what is new, never the whole history. */
export interface PersonaMemoryDelta {
  personaId: string;
  core: Record<string, unknown>;
  newEpisodes: EpisodeRow[];
  newSemantic: SemanticRow[];
  /** Embeddings computed this step for memories stored earlier without one. */
  vectors: { ordinal: number; vector: number[] }[];
}

/** How much memory a job loads per persona: the fixed prefix, the recent tail, the latest consolidated memories. */
export interface MemoryWindow {
  prefix: number;
  recent: number;
  semantic: number;
}

/**
 * Everything one world step persists, written in one transaction: the transcript events, every
 * persona's memory delta, the world's state and (optionally) the job's result, e.g. its
 * `committed` mark, so that a crash leaves either all of it or none of it.
 */
export interface StepCommit {
  worldId: string;
  events: WorldEvent[];
  memories: PersonaMemoryDelta[];
  worldState: Record<string, unknown>;
  job?: { id: string; result: Record<string, unknown> };
}

/** Picks the rows a window keeps from a persona's ordered episodes (prefix + recent tail). */
export function inWindow<T extends { ordinal: number }>(rows: T[], total: number, window: MemoryWindow): T[] {
  const tailFrom = total - window.recent;
  return rows.filter((row) => row.ordinal < window.prefix || row.ordinal >= tailFrom);
}
