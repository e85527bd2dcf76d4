import type { WorldEvent } from '../events.js';

/** One episodic entry: a world event plus its position in the agent's whole life. */
export interface EpisodicEntry extends WorldEvent {
  /** 0-based position among every entry this agent ever stored (survives trimming). */
  ordinal: number;
}

/** Bounds of episodic memory in RAM. */
export interface EpisodicOptions {
  /** Earliest entries kept forever (TinyTroupe's fixed prefix). Default 10. */
  prefixSize?: number;
  /** Entries kept in RAM in total; older non-prefix entries are dropped (they live on in the store). Default 400. */
  maxInMemory?: number;
}

/** Serialized episodic memory. */
export interface EpisodicState {
  entries: EpisodicEntry[];
  total: number;
  consolidatedThrough: number;
  newSince: number;
}

/**
 * Episodic memory: everything the agent perceived and did, in order. Bounded in RAM (a fixed
 * prefix plus a rolling tail); the full history is the world's event log in the store.
 *
 * @example
 *   const memory = new EpisodicMemory({ prefixSize: 10, maxInMemory: 400 });
 *   memory.add({ agent: 'Ada', kind: 'stimulus', type: 'CONVERSATION', content: 'Hi', counterpart: 'Bo' });
 */
export class EpisodicMemory {
  readonly prefixSize: number;
  readonly maxInMemory: number;
  private entries: EpisodicEntry[] = [];
  private total = 0;
  /** Entries with an ordinal below this were consolidated into semantic memory. */
  private consolidatedThrough = 0;
  /** Stimuli with an ordinal at or above this arrived since the last turn. */
  private newSince = 0;

  constructor(options: EpisodicOptions = {}) {
    this.prefixSize = options.prefixSize ?? 10;
    this.maxInMemory = Math.max(this.prefixSize + 1, options.maxInMemory ?? 400);
  }

  /** Appends an event and returns the stored entry. */
  add(event: WorldEvent): EpisodicEntry {
    const entry: EpisodicEntry = { ...event, ordinal: this.total++ };
    this.entries.push(entry);
    if (this.entries.length > this.maxInMemory) {
      const firstTail = this.entries.findIndex((candidate) => candidate.ordinal >= this.prefixSize);
      this.entries.splice(firstTail, 1);
    }
    return entry;
  }

  /** Every entry still in RAM, in order. */
  all(): readonly EpisodicEntry[] {
    return this.entries;
  }

  /** How many entries were ever stored. */
  get size(): number {
    return this.total;
  }

  /** Entries dropped from RAM (still in the store's event log). */
  get dropped(): number {
    return this.total - this.entries.length;
  }

  /** Entries not yet consolidated into semantic memory. */
  unconsolidated(): EpisodicEntry[] {
    return this.entries.filter((entry) => entry.ordinal >= this.consolidatedThrough);
  }

  markConsolidated(throughOrdinal: number): void {
    this.consolidatedThrough = Math.max(this.consolidatedThrough, throughOrdinal + 1);
  }

  /** Stimuli perceived since the last turn began committing. */
  newStimuli(): EpisodicEntry[] {
    return this.entries.filter((entry) => entry.kind === 'stimulus' && entry.ordinal >= this.newSince);
  }

  /** Everything before the new stimuli (the agent's remembered past, including its own actions). */
  past(): EpisodicEntry[] {
    return this.entries.filter((entry) => !(entry.kind === 'stimulus' && entry.ordinal >= this.newSince));
  }

  /** Marks the current stimuli as seen (called when a turn commits). */
  markSeen(): void {
    this.newSince = this.total;
  }

  /**
   * The first `firstN` and last `lastN` entries of a list, and how many lie between. With `step` > 1 the
   * tail's start moves `step` entries at a time (the tail holds `lastN` to `lastN + step - 1` entries), so
   * between moves the window only grows at its end and a provider's prompt cache keeps serving its start.
   */
  static window<T>(
    list: readonly T[],
    firstN: number,
    lastN: number,
    step = 1,
  ): { head: T[]; tail: T[]; omitted: number } {
    if (list.length <= firstN + lastN) return { head: [...list], tail: [], omitted: 0 };
    const overflow = list.length - firstN - lastN;
    const omitted = Math.floor(overflow / step) * step;
    if (omitted === 0) return { head: [...list], tail: [], omitted: 0 };
    return { head: list.slice(0, firstN), tail: list.slice(firstN + omitted), omitted };
  }

  toState(): EpisodicState {
    return {
      entries: this.entries.map((entry) => ({ ...entry })),
      total: this.total,
      consolidatedThrough: this.consolidatedThrough,
      newSince: this.newSince,
    };
  }

  static fromState(state: EpisodicState, options: EpisodicOptions = {}): EpisodicMemory {
    const memory = new EpisodicMemory(options);
    memory.entries = state.entries.map((entry) => ({ ...entry }));
    memory.total = state.total;
    memory.consolidatedThrough = state.consolidatedThrough;
    memory.newSince = state.newSince;
    return memory;
  }
}
