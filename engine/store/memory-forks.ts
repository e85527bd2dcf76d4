import type { WorldEvent } from '../agent/events.js';
import type { ForkRequest, WorldCheckpoint, WorldForkRecord } from './fork-rows.js';
import { checkpointMissing } from './fork-errors.js';
import { cloneJson, compact } from './json.js';
import type { PersonaMemory, StepCommit } from './memory-rows.js';

/** A checkpoint as the in-memory store keeps it: the public part plus the cores and world state. */
export interface CheckpointRow extends WorldCheckpoint {
  cores: Record<string, Record<string, unknown>>;
  worldState: Record<string, unknown>;
}

/** What the in-memory fork logic needs from `MemoryStore`. */
export interface ForkTables {
  worldState(worldId: string): Record<string, unknown> | undefined;
  nextSeq(worldId: string): number;
  events(worldId: string): WorldEvent[];
  memories(worldId: string): PersonaMemory[];
  /** Every persona's core in the world (no rows), for a checkpoint. */
  cores(worldId: string): Record<string, Record<string, unknown>>;
  createWorld(parentWorldId: string, request: ForkRequest): string;
  writeWorld(
    worldId: string,
    copy: { events: WorldEvent[]; memories: PersonaMemory[]; state?: Record<string, unknown> },
  ): void;
}

/** The rows of a persona's memory that existed when its core was taken (counters are exact positions). */
export function memoryAt(memory: PersonaMemory, core: Record<string, unknown>): PersonaMemory {
  const counters = core as { episodic?: { total?: number }; semantic?: { total?: number } };
  const episodes = counters.episodic?.total ?? 0;
  const semantic = counters.semantic?.total ?? 0;
  return {
    personaId: memory.personaId,
    core: cloneJson(core),
    episodes: memory.episodes.filter((row) => row.ordinal < episodes),
    semantic: memory.semantic.filter((row) => row.ordinal < semantic),
  };
}

/**
 * Checkpoints and forks for `MemoryStore`, with the same semantics as the Prisma repository: a
 * checkpoint after every commit, a fork copying the parent's rows at one of them.
 */
export class MemoryForks {
  private readonly checkpoints = new Map<string, CheckpointRow[]>();
  private readonly forks: WorldForkRecord[] = [];

  constructor(private readonly tables: ForkTables) {}

  /** Called at the end of every step commit. */
  record(worldId: string, commit: StepCommit, fromSeq: number): void {
    const list = this.checkpoints.get(worldId) ?? [];
    const cores = this.tables.cores(worldId);
    list.push({
      number: list.length + 1,
      fromSeq,
      lastSeq: this.tables.nextSeq(worldId) - 1,
      threadKeys: [...new Set(commit.events.flatMap((event) => (event.threadKey ? [event.threadKey] : [])))],
      createdAt: new Date().toISOString(),
      cores: cloneJson(cores),
      worldState: cloneJson(commit.worldState),
    });
    this.checkpoints.set(worldId, list);
  }

  list(worldId: string): WorldCheckpoint[] {
    return (this.checkpoints.get(worldId) ?? []).map(
      ({ cores: _cores, worldState: _state, ...checkpoint }) => cloneJson(checkpoint) as WorldCheckpoint,
    );
  }

  fork(tenantId: string, request: ForkRequest): WorldForkRecord {
    const existing = this.forks.find((fork) => fork.tenantId === tenantId && fork.key === request.key);
    if (existing) return cloneJson(existing);
    const parent = request.parentWorldId;
    const copy = this.snapshot(parent, request.checkpoint);
    const wanted = request.personaIds && new Set(request.personaIds);
    const memories = copy.memories.filter((memory) => !wanted || wanted.has(memory.personaId));
    const worldId = this.tables.createWorld(parent, request);
    this.tables.writeWorld(worldId, { events: copy.events, memories, state: copy.state });
    const record: WorldForkRecord = compact({
      worldId,
      tenantId,
      key: request.key,
      parentWorldId: parent,
      channelKey: request.channelKey,
      parentThreadKey: request.parentThreadKey,
      checkpoint: request.checkpoint,
      stimulus: request.stimulus,
      label: request.label,
      personaIds: request.personaIds,
      createdAt: new Date().toISOString(),
    });
    this.forks.push(record);
    this.record(worldId, { worldId, events: [], memories: [], worldState: copy.state ?? {} }, 1 + copy.lastSeq);
    return cloneJson(record);
  }

  setThread(tenantId: string, worldId: string, threadKey: string): boolean {
    const fork = this.forks.find((entry) => entry.tenantId === tenantId && entry.worldId === worldId);
    if (fork) fork.threadKey = threadKey;
    return Boolean(fork);
  }

  byThread(tenantId: string, channelKey: string, threadKey: string): WorldForkRecord | undefined {
    return cloneJson(
      this.forks.find(
        (fork) => fork.tenantId === tenantId && fork.channelKey === channelKey && fork.threadKey === threadKey,
      ),
    );
  }

  byWorld(tenantId: string, worldId: string): WorldForkRecord | undefined {
    return cloneJson(this.forks.find((fork) => fork.tenantId === tenantId && fork.worldId === worldId));
  }

  children(tenantId: string, parentWorldId: string): WorldForkRecord[] {
    return cloneJson(this.forks.filter((fork) => fork.tenantId === tenantId && fork.parentWorldId === parentWorldId));
  }

  /** Forgets the checkpoints and forks of deleted worlds. */
  drop(worldId: string): void {
    this.checkpoints.delete(worldId);
    for (let i = this.forks.length - 1; i >= 0; i--) if (this.forks[i].worldId === worldId) this.forks.splice(i, 1);
  }

  private snapshot(worldId: string, checkpoint: number | undefined) {
    const memories = this.tables.memories(worldId);
    if (checkpoint === undefined) {
      return {
        memories,
        events: this.tables.events(worldId),
        state: this.tables.worldState(worldId),
        lastSeq: this.tables.nextSeq(worldId) - 1,
      };
    }
    if (checkpoint === 0) return { memories: [], events: [], state: undefined, lastSeq: 0 };
    const list = this.checkpoints.get(worldId) ?? [];
    const row = list[checkpoint - 1];
    if (!row) throw checkpointMissing(checkpoint, list.length);
    return {
      memories: memories.flatMap((memory) =>
        row.cores[memory.personaId] ? [memoryAt(memory, row.cores[memory.personaId])] : [],
      ),
      events: this.tables.events(worldId).filter((event) => (event.seq ?? 0) <= row.lastSeq),
      state: cloneJson(row.worldState),
      lastSeq: row.lastSeq,
    };
  }
}
