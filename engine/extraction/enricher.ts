import { z } from 'zod';
import { UserInputError } from '../errors.js';
import type { CallAttribution, ChatMessage, LanguageModel } from '../llm/port.js';
import { makeProvenance, type Provenance } from './provenance.js';

/** What to enrich and how. */
export interface EnrichRequest {
  content: string;
  /** What the result must be, e.g. "a one-page product brief with goals, users, risks". */
  requirements: string;
  /** Background the enricher may use (e.g. the discussion the idea came from). */
  context?: string;
  panel?: string;
  signal?: AbortSignal;
  attribution?: CallAttribution;
}

/** The enriched content with its provenance. */
export interface EnrichResult {
  content: string;
  provenance: Provenance;
}

export const EnrichedSchema = z.object({ content: z.string().min(1) });

const SYSTEM = `You expand short content from a synthetic panel (simulated personas) into a longer document that meets the stated requirements.
Keep every fact of the original; add structure and detail consistent with it; do not claim real-world data. Answer with JSON: {"content": "<the document in Markdown>"}.`;

/**
 * Expands content to requirements (TinyTroupe's `TinyEnricher`), e.g. a one-paragraph idea into a
 * one-page brief (task `extraction.enrich`).
 *
 * @example
 *   const { content } = await new TinyEnricher({ model }).enrich({ content: idea, requirements: 'a one-page brief' });
 */
export class TinyEnricher {
  private readonly model: LanguageModel;
  private readonly now: () => Date;

  constructor(options: { model: LanguageModel; now?: () => Date }) {
    this.model = options.model;
    this.now = options.now ?? (() => new Date());
  }

  async enrich(request: EnrichRequest): Promise<EnrichResult> {
    if (!request.content.trim() || !request.requirements.trim()) {
      throw new UserInputError(
        'enrich.empty',
        'Give both the content to expand and the requirements.',
        "enrich({ content: 'A dog-walking app…', requirements: 'a one-page brief' })",
      );
    }
    const messages: ChatMessage[] = [
      { role: 'system', content: SYSTEM },
      {
        role: 'user',
        content: `Requirements: ${request.requirements}\n${request.context ? `\nContext:\n${request.context}\n` : ''}\nContent to expand:\n${request.content}`,
      },
    ];
    const { value } = await this.model.complete({
      task: 'extraction.enrich',
      messages,
      schema: EnrichedSchema,
      temperature: 0.4,
      signal: request.signal,
      attribution: request.attribution,
      hints: { content: request.content, requirements: request.requirements, context: request.context },
    });
    return {
      content: value.content,
      provenance: makeProvenance(this.model, request.panel ?? 'synthetic panel', this.now()),
    };
  }
}
