import { z } from 'zod';
import { UserInputError } from '../errors.js';
import type { CallAttribution, ChatMessage, LanguageModel } from '../llm/port.js';
import { countTokens } from '../llm/tokens.js';
import { mapLimit } from './concurrency.js';

/** A category proposed for free-text answers. */
export interface AnswerCategory {
  name: string;
  description: string;
}

/** What to normalise. */
export interface NormalizeRequest {
  answers: readonly (string | { id: string; text: string })[];
  /** How many categories at most. */
  categories: number;
  /** The question the answers respond to, for context. */
  question?: string;
  signal?: AbortSignal;
  attribution?: CallAttribution;
}

/** Categories and one category per answer, in input order. */
export interface NormalizeResult {
  categories: AnswerCategory[];
  assignments: { id: string; text: string; category: string }[];
  calls: number;
}

const SYSTEM = `You group free-text answers from a synthetic panel (simulated personas) into a small number of categories.
Categories must be distinct, named in 1-4 words, each with a one-sentence description. Answer with JSON matching the schema.`;

const categoriesSchema = (max: number) =>
  z.object({
    categories: z
      .array(z.object({ name: z.string().min(1), description: z.string() }))
      .min(1)
      .max(max),
  });

/**
 * Clusters free-text answers into at most N categories (task `extraction.normalize`): categories are
 * proposed from batches of answers (merged when there are several), then every answer is mapped to
 * one, batch by batch, so 50 long answers never share one oversized prompt.
 *
 * @example
 *   const { categories, assignments } = await new Normalizer({ model }).normalize({ answers, categories: 4 });
 */
export class Normalizer {
  private readonly model: LanguageModel;
  private readonly batchTokens: number;
  private readonly concurrency: number;

  constructor(options: { model: LanguageModel; batchTokens?: number; concurrency?: number }) {
    this.model = options.model;
    this.batchTokens = options.batchTokens ?? 3000;
    this.concurrency = options.concurrency ?? 4;
  }

  async normalize(request: NormalizeRequest): Promise<NormalizeResult> {
    if (!Number.isInteger(request.categories) || request.categories < 1 || request.categories > 20) {
      throw new UserInputError(
        'normalize.categories',
        `The number of categories must be a whole number from 1 to 20, got ${request.categories}.`,
        'normalize({ answers, categories: 5 })',
      );
    }
    const items = request.answers.map((answer, index) =>
      typeof answer === 'string' ? { id: String(index + 1), text: answer } : answer,
    );
    if (items.length === 0) return { categories: [], assignments: [], calls: 0 };
    const batches = batchByTokens(items, this.batchTokens);
    const question = request.question ?? '(not given)';
    let calls = 0;
    const propose = async (texts: string[], stage: 'propose' | 'merge'): Promise<AnswerCategory[]> => {
      calls++;
      const listing = texts.map((text, index) => `${index + 1}. ${text}`).join('\n');
      const ask =
        stage === 'propose'
          ? `Propose at most ${request.categories} categories that cover these answers.\n\nAnswers:\n${listing}`
          : `These candidate categories were proposed from different batches of answers. Merge them into at most ${request.categories} distinct categories.\n\nCandidates:\n${listing}`;
      const messages: ChatMessage[] = [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: `Question: ${question}\n${ask}` },
      ];
      const { value } = await this.model.complete({
        task: 'extraction.normalize',
        messages,
        schema: categoriesSchema(request.categories),
        temperature: 0,
        signal: request.signal,
        attribution: request.attribution,
        hints: { stage, question, texts, max: request.categories },
      });
      return dedupeCategories(value.categories);
    };
    let categories = (
      await mapLimit(
        batches,
        this.concurrency,
        (batch) =>
          propose(
            batch.map((item) => item.text),
            'propose',
          ),
        request.signal,
      )
    ).flat();
    if (batches.length > 1)
      categories = await propose(
        categories.map((category) => `${category.name}: ${category.description}`),
        'merge',
      );
    categories = dedupeCategories(categories).slice(0, request.categories);
    const names = categories.map((category) => category.name) as [string, ...string[]];
    const catalogue = categories.map((category) => `- ${category.name}: ${category.description}`).join('\n');
    const assigned = await mapLimit(
      batches,
      this.concurrency,
      async (batch) => {
        calls++;
        const listing = batch.map((item, index) => `${index + 1}. ${item.text}`).join('\n');
        const messages: ChatMessage[] = [
          { role: 'system', content: SYSTEM },
          {
            role: 'user',
            content: `Question: ${question}\nCategories:\n${catalogue}\n\nGive the best category for each answer, in order (one entry per answer).\n\nAnswers:\n${listing}`,
          },
        ];
        const schema = z.object({ categories: z.array(z.enum(names)).length(batch.length) });
        const { value } = await this.model.complete({
          task: 'extraction.normalize',
          messages,
          schema,
          temperature: 0,
          signal: request.signal,
          attribution: request.attribution,
          hints: { stage: 'assign', question, texts: batch.map((item) => item.text), categories },
        });
        return batch.map((item, index) => ({ ...item, category: value.categories[index] }));
      },
      request.signal,
    );
    return { categories, assignments: assigned.flat(), calls };
  }
}

function dedupeCategories(categories: AnswerCategory[]): AnswerCategory[] {
  const seen = new Set<string>();
  return categories.filter((category) => {
    const key = category.name.trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function batchByTokens<T extends { text: string }>(items: readonly T[], budget: number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let used = 0;
  for (const item of items) {
    const tokens = countTokens(item.text) + 3;
    if (current.length && used + tokens > budget) {
      batches.push(current);
      current = [];
      used = 0;
    }
    current.push(item);
    used += tokens;
  }
  if (current.length) batches.push(current);
  return batches;
}
