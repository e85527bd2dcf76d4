/**
 * Fork lineage and step checkpoints, as the store keeps them.
 *
 * A checkpoint is written with every step commit: the small core of every persona of the world and
 * the world's state right after the commit, and the last event seq it covers. Episodic and
 * consolidated memories are append-only rows numbered by ordinal, so a core's counters
 * (`episodic.total`, `semantic.total`) say exactly which rows existed at that point: a fork at a
 * checkpoint copies those rows and nothing later.
 *
 * @example
 *   const [first] = await store.listCheckpoints('T1', world.id); // { number: 1, fromSeq: 1, lastSeq: 6, threadKeys: ['1700.1'] }
 */
export interface WorldCheckpoint {
  /** 1, 2, 3 … in commit order within the world. */
  number: number;
  /** First event seq of the commit (its `lastSeq + 1` when the commit had no events). */
  fromSeq: number;
  /** Last event seq of the world when the commit finished. */
  lastSeq: number;
  /** Threads whose events the commit wrote. */
  threadKeys: string[];
  createdAt: string;
}

/**
 * A world forked from another world: its own world id (same panel, same personas), seeded with the
 * parent's memories, events and state at a checkpoint (or as they were when forked). A fork lives in
 * the parent's platform channel and owns one thread there; commands in that thread act on the fork's
 * world, never on the parent's.
 */
export interface WorldForkRecord {
  /** The fork's own world. */
  worldId: string;
  tenantId: string;
  /** Idempotency key (the job that forked), so a resumed job finds its fork instead of forking twice. */
  key: string;
  parentWorldId: string;
  /** The platform channel the parent world is seated in (and the fork's thread is posted in). */
  channelKey: string;
  /** The parent thread the fork was made from, if any. */
  parentThreadKey?: string;
  /** The fork's thread, once its header is posted. */
  threadKey?: string;
  /** Parent checkpoint copied; absent: the parent as it was when forked (every row up to then). */
  checkpoint?: number;
  /** The changed stimulus the fork was made for. */
  stimulus: string;
  /** Arm label of an experiment (`A`, `B`), if any. */
  label?: string;
  /** The personas seated in this fork (an experiment arm); absent: the whole panel. */
  personaIds?: string[];
  createdAt: string;
}

/** What `forkWorld` needs: where to fork from and why. */
export interface ForkRequest {
  key: string;
  parentWorldId: string;
  channelKey: string;
  parentThreadKey?: string;
  /** A checkpoint number of the parent; 0 is the empty world (before any step); absent: now. */
  checkpoint?: number;
  stimulus: string;
  label?: string;
  /** Only these personas take part in the fork, and only their memories are copied (an experiment arm); default everyone. */
  personaIds?: string[];
}
