/** What one persona's memory looks like before a job, as far as the cost of its next turns depends on it. */
export interface MemorySnapshot {
  /** Tokens of the act prompt it would send now (persona, directives, memory window, pending stimuli). */
  promptTokens: number;
  /** Episodic entries ever stored. */
  entries: number;
  /** Entries with an ordinal below this are consolidated. */
  consolidatedThrough: number;
  /** Stimuli waiting for its next turn (entries at or above this ordinal that are stimuli). */
  pendingStimuli: number;
  /** Consolidated memories it has (the prompt shows the latest `consolidatedInPrompt`). */
  semantic: number;
  /** Average tokens of one rendered entry in its memory (what one more answer in the window costs). */
  entryTokens: number;
  memory: { firstN: number; lastN: number; consolidateAfter: number; consolidatedInPrompt: number };
}

/** The shape of a job's conversation: who acts in each step, and who hears each answer. */
export interface TurnPlan {
  steps: number;
  /** Personas that act in every step. */
  actors: number;
  /** Personas in the world (they all hear a broadcast answer). */
  listeners: number;
  /** Entries the facilitator adds before the first step (the question or the topic). */
  opening: number;
}

/** The calls and tokens of the act and consolidation calls of a job. */
export interface TurnProjection {
  calls: number;
  inputTokens: number;
  outputTokens: number;
}

/** A persona seated for the first time: its prompt has no memory yet (measured on the engine's act prompt). */
export const FRESH_PERSONA: MemorySnapshot = {
  promptTokens: 1050,
  entries: 0,
  consolidatedThrough: 0,
  pendingStimuli: 0,
  semantic: 0,
  entryTokens: 60,
  memory: { firstN: 10, lastN: 20, consolidateAfter: 10, consolidatedInPrompt: 6 },
};

/** Output of one act call (the actions and the cognitive state JSON) as real models write it. */
const ACT_OUTPUT = 250;
/** Own actions a persona stores per turn (a TALK, often a THINK before it). */
const OWN_ENTRIES_PER_TURN = 1.5;
/** Consolidation: the fixed instructions, and up to six short memories back. */
const CONSOLIDATE_PROMPT = 200;
const CONSOLIDATE_OUTPUT = 200;
/** One consolidated memory line in the act prompt. */
const MEMORY_LINE = 25;

/** Entries the act prompt shows for a memory of `entries` with `fresh` of them new stimuli. */
function visible(entries: number, fresh: number, memory: MemorySnapshot['memory']): number {
  return Math.min(entries - fresh, memory.firstN + memory.lastN) + fresh;
}

/**
 * Projects the act and consolidation calls of one persona through a job, following the engine's own memory
 * rules rather than an average: its prompt starts at today's size and grows by the entries each step adds
 * (the opening, the others' answers, its own actions) until the window (`firstN` + `lastN`) is full; a
 * consolidation call is counted whenever more than `consolidateAfter` entries have left the window
 * unconsolidated. So a first ask on a fresh panel costs what its short prompts cost, and a long-running
 * channel what its full windows and consolidations cost.
 *
 * @example
 *   projectPersona(FRESH_PERSONA, { steps: 1, actors: 8, listeners: 8, opening: 1 }) // { calls: 1, inputTokens: 1110, … }
 */
export function projectPersona(snapshot: MemorySnapshot, plan: TurnPlan): TurnProjection {
  const { memory, entryTokens } = snapshot;
  let entries = snapshot.entries;
  let fresh = snapshot.pendingStimuli;
  let consolidatedThrough = snapshot.consolidatedThrough;
  let semantic = snapshot.semantic;
  const baseVisible = visible(entries, fresh, memory);
  const baseShown = Math.min(semantic, memory.consolidatedInPrompt);
  const projection: TurnProjection = { calls: 0, inputTokens: 0, outputTokens: 0 };
  const othersPerStep = Math.max(0, Math.min(plan.actors, plan.listeners) - 1);
  for (let step = 1; step <= plan.steps; step++) {
    const arriving = step === 1 ? plan.opening : othersPerStep;
    entries += arriving;
    fresh += arriving;
    const firstInTail = Math.max(0, entries - fresh - memory.lastN);
    const pending = Math.max(0, Math.min(firstInTail, entries - fresh) - Math.max(consolidatedThrough, memory.firstN));
    if (pending > memory.consolidateAfter) {
      projection.calls++;
      projection.inputTokens += CONSOLIDATE_PROMPT + pending * entryTokens;
      projection.outputTokens += CONSOLIDATE_OUTPUT;
      consolidatedThrough = firstInTail;
      semantic += 6;
    }
    const growth = visible(entries, fresh, memory) - baseVisible;
    const shown = Math.min(semantic, memory.consolidatedInPrompt) - baseShown;
    projection.calls++;
    projection.inputTokens += snapshot.promptTokens + growth * entryTokens + shown * MEMORY_LINE;
    projection.outputTokens += ACT_OUTPUT;
    entries += OWN_ENTRIES_PER_TURN;
    fresh = 0;
  }
  return projection;
}

/**
 * The act and consolidation calls of every acting persona through a job (see `projectPersona`).
 *
 * @example
 *   projectTurns(Array(8).fill(FRESH_PERSONA), { steps: 3, actors: 8, listeners: 8, opening: 1 })
 */
export function projectTurns(snapshots: readonly MemorySnapshot[], plan: TurnPlan): TurnProjection {
  const total: TurnProjection = { calls: 0, inputTokens: 0, outputTokens: 0 };
  for (const snapshot of snapshots) {
    const one = projectPersona(snapshot, plan);
    total.calls += one.calls;
    total.inputTokens += Math.round(one.inputTokens);
    total.outputTokens += one.outputTokens;
  }
  return total;
}

/** Projections added together (e.g. an experiment's two arms and its two summaries). */
export function sumProjections(...parts: readonly TurnProjection[]): TurnProjection {
  return parts.reduce(
    (total, part) => ({
      calls: total.calls + part.calls,
      inputTokens: total.inputTokens + part.inputTokens,
      outputTokens: total.outputTokens + part.outputTokens,
    }),
    { calls: 0, inputTokens: 0, outputTokens: 0 },
  );
}
