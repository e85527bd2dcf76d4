import type { CallAttribution, LanguageModel } from '../../llm/port.js';
import { bm25Rank, cosine } from './bm25.js';

/** One consolidated memory (first person, e.g. "I told Bo I dislike subscriptions."). */
export interface SemanticMemoryItem {
  content: string;
  /** Simulated time when it was consolidated (ISO), if a clock was set. */
  createdAt?: string;
  /** Ordinals of the episodic entries it summarizes. */
  from?: number;
  to?: number;
  /** Embedding, once computed (kept so a restored agent does not re-embed). */
  vector?: number[];
  /** 0-based position among every memory this agent ever consolidated (stable, survives the cap). */
  ordinal?: number;
}

/** A retrieved memory and how relevant it was. */
export interface RetrievedMemory {
  content: string;
  score: number;
}

/** Serialized semantic memory. */
export interface SemanticState {
  items: SemanticMemoryItem[];
  /** How many memories were ever added (the next ordinal). */
  total?: number;
}

/**
 * Semantic memory: consolidated memories with retrieval. Uses the model's embeddings (cosine)
 * when it offers `embed`, BM25 otherwise, so it works with every provider.
 *
 * @example
 *   const memory = new SemanticMemory({ model });
 *   memory.add({ content: 'I prefer trains to planes.' });
 *   await memory.retrieve('how do you travel?', 3);
 */
export class SemanticMemory {
  private items: SemanticMemoryItem[] = [];
  private total = 0;
  private readonly model?: Pick<LanguageModel, 'embed'>;
  /** Who the embedding requests are billed to (the persona's tenant and job). */
  private readonly attribution?: CallAttribution;
  readonly maxItems: number;

  constructor(
    options: {
      model?: Pick<LanguageModel, 'embed'>;
      maxItems?: number;
      state?: SemanticState;
      attribution?: CallAttribution;
    } = {},
  ) {
    this.model = options.model;
    this.attribution = options.attribution;
    this.maxItems = options.maxItems ?? 500;
    if (options.state) {
      const { items } = options.state;
      const highest = Math.max(-1, ...items.map((item) => item.ordinal ?? -1));
      this.total = Math.max(options.state.total ?? 0, highest + 1, items.length);
      // Memories saved before ordinals existed get the positions they would have had.
      this.items = items.map((item, index) => ({
        ...item,
        ordinal: item.ordinal ?? this.total - items.length + index,
      }));
    }
  }

  add(item: SemanticMemoryItem): void {
    this.items.push({ ...item, ordinal: this.total++ });
    if (this.items.length > this.maxItems) this.items.splice(0, this.items.length - this.maxItems);
  }

  all(): readonly SemanticMemoryItem[] {
    return this.items;
  }

  /** The most recent consolidated memories. */
  latest(count: number): SemanticMemoryItem[] {
    return count > 0 ? this.items.slice(-count) : [];
  }

  /** Set when the provider's embeddings failed: retrieval then stays lexical (BM25) for this memory. */
  private embeddingsFailed = false;

  /** True when retrieval uses embeddings. */
  get usesEmbeddings(): boolean {
    return typeof this.model?.embed === 'function' && !this.embeddingsFailed;
  }

  /** The `limit` memories most relevant to `query`, best first. */
  async retrieve(query: string, limit: number, signal?: AbortSignal): Promise<RetrievedMemory[]> {
    if (!query.trim() || this.items.length === 0 || limit <= 0) return [];
    if (this.usesEmbeddings) {
      try {
        return await this.retrieveByEmbedding(query, limit, signal);
      } catch (error) {
        if (signal?.aborted) throw error;
        // A provider without (working) embeddings must not break the persona's turn.
        this.embeddingsFailed = true;
      }
    }
    return bm25Rank(
      this.items.map((item) => item.content),
      query,
      limit,
    ).map(({ index, score }) => ({ content: this.items[index].content, score }));
  }

  private async retrieveByEmbedding(query: string, limit: number, signal?: AbortSignal): Promise<RetrievedMemory[]> {
    await this.embedMissing(signal);
    const [queryVector] = await this.model!.embed!([query], signal, { attribution: this.attribution });
    return this.items
      .map((item, index) => ({ index, content: item.content, score: cosine(queryVector, item.vector ?? []) }))
      .sort((left, right) => right.score - left.score || left.index - right.index)
      .slice(0, limit)
      .map(({ content, score }) => ({ content, score }));
  }

  private async embedMissing(signal?: AbortSignal): Promise<void> {
    const missing = this.items.filter((item) => !item.vector);
    if (missing.length === 0) return;
    const vectors = await this.model!.embed!(
      missing.map((item) => item.content),
      signal,
      { attribution: this.attribution },
    );
    for (const [index, item] of missing.entries()) item.vector = vectors[index];
  }

  toState(): SemanticState {
    return { items: this.items.map((item) => ({ ...item })), total: this.total };
  }
}
