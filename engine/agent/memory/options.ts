/** Memory bounds and consolidation settings. */
export interface MemoryOptions {
  /** Earliest episodic entries always shown (default 10). */
  firstN?: number;
  /** Latest episodic entries shown (default 20). */
  lastN?: number;
  /** Cap on one entry's length in the prompt (default 600 characters). */
  maxEntryChars?: number;
  /** Episodic entries kept in RAM (default 400; the full log lives in the store). */
  maxInMemory?: number;
  /** Consolidate when more unconsolidated entries than this exist (default 10). */
  consolidateAfter?: number;
  /** Consolidated memories shown in the memory section (default 6). */
  consolidatedInPrompt?: number;
  /** Memories retrieved into the cognitive state (default 4). */
  retrieveTopK?: number;
  /** Semantic memories kept (default 500). */
  maxSemantic?: number;
}

/** The options with their defaults filled in. */
export function resolveMemoryOptions(memory: MemoryOptions = {}): Required<MemoryOptions> {
  return {
    firstN: memory.firstN ?? 10,
    lastN: memory.lastN ?? 20,
    maxEntryChars: memory.maxEntryChars ?? 600,
    maxInMemory: memory.maxInMemory ?? 400,
    consolidateAfter: memory.consolidateAfter ?? 10,
    consolidatedInPrompt: memory.consolidatedInPrompt ?? 6,
    retrieveTopK: memory.retrieveTopK ?? 4,
    maxSemantic: memory.maxSemantic ?? 500,
  };
}
