import { z } from 'zod';
import type { CallAttribution, LanguageModel } from '../llm/port.js';
import { countTokens } from '../llm/tokens.js';
import { UserInputError } from '../errors.js';
import { mapLimit } from './concurrency.js';
import {
  extractMessages,
  mapMessages,
  reduceMessages,
  type ExtractionBrief,
  type ExtractionField,
} from './extractor-prompts.js';
import { makeProvenance, type Provenance } from './provenance.js';
import {
  chunkTranscript,
  resolveEvents,
  transcriptLines,
  type ExtractionSource,
  type TranscriptLine,
} from './transcript.js';

export type { ExtractionField } from './extractor-prompts.js';

/**
 * One extraction job. Give `schema` for a typed result, or `fields` to get a flat object built from them.
 *
 * @example
 *   await extractor.extract({ source: world, objective: 'Which price did people accept?',
 *     fields: [{ name: 'acceptedPrice', type: 'number', hint: 'in USD' }] });
 */
export interface ExtractRequest<T> {
  source: ExtractionSource;
  objective: string;
  situation?: string;
  fields?: (string | ExtractionField)[];
  schema?: z.ZodType<T>;
  /** A stricter twin of `schema` for the provider (closed sets as enums, e.g. the transcript's speakers). */
  providerSchema?: z.ZodType;
  /** A label the offline model uses to pick its answer style (`generic`, `focus-group-summary`, `ideas`). */
  purpose?: string;
  /** Panel name for the provenance record. */
  panel?: string;
  signal?: AbortSignal;
  attribution?: CallAttribution;
}

/** The validated value and how it was obtained. */
export interface ExtractResult<T> {
  value: T;
  provenance: Provenance;
  /** Model calls made (1 when the transcript fit in one chunk). */
  calls: number;
  chunks: number;
  transcriptTokens: number;
  /** The transcript lines read, for verification by callers. */
  lines: TranscriptLine[];
}

/** Options for a ResultsExtractor. */
export interface ResultsExtractorOptions {
  model: LanguageModel;
  /** Token budget of transcript per call; longer transcripts are processed map-reduce. */
  chunkTokens?: number;
  /** Parallel map calls. */
  concurrency?: number;
  now?: () => Date;
}

/**
 * Extracts structured results from a conversation with an LLM (TinyTroupe's `ResultsExtractor`),
 * map-reducing long transcripts so no call exceeds the chunk budget.
 *
 * @example
 *   const extractor = new ResultsExtractor({ model });
 *   const { value } = await extractor.extract({ source: events, objective: 'Main objections', fields: ['objections'] });
 */
export class ResultsExtractor {
  readonly model: LanguageModel;
  private readonly chunkTokens: number;
  private readonly concurrency: number;
  private readonly now: () => Date;

  constructor(options: ResultsExtractorOptions) {
    this.model = options.model;
    this.chunkTokens = options.chunkTokens ?? 6000;
    this.concurrency = options.concurrency ?? 4;
    this.now = options.now ?? (() => new Date());
  }

  async extract<T = Record<string, unknown>>(request: ExtractRequest<T>): Promise<ExtractResult<T>> {
    const fields = (request.fields ?? []).map((field) => (typeof field === 'string' ? { name: field } : field));
    if (!request.schema && fields.length === 0) {
      throw new UserInputError(
        'extraction.no_fields',
        'Say what to extract: give fields or a schema.',
        "extract({ objective: 'Main objections', fields: ['objections'] })",
      );
    }
    const schema = (request.schema ?? schemaFromFields(fields)) as z.ZodType<T>;
    const brief: ExtractionBrief = { objective: request.objective, situation: request.situation, fields };
    const lines = transcriptLines(resolveEvents(request.source));
    const rendered = lines.map((line) => line.rendered);
    const transcriptTokens = countTokens(rendered.join('\n'));
    const chunks = chunkTranscript(lines, this.chunkTokens);
    const purpose = request.purpose ?? 'generic';
    const common = {
      schema,
      providerSchema: request.providerSchema,
      signal: request.signal,
      attribution: request.attribution,
      temperature: 0,
    };
    const baseHints = { purpose, objective: request.objective, situation: request.situation, fields };
    let calls = 0;

    let value: T;
    if (chunks.length <= 1) {
      calls++;
      value = (
        await this.model.complete({
          ...common,
          task: 'extraction.extract',
          messages: extractMessages(brief, rendered.join('\n')),
          hints: { ...baseHints, lines },
        })
      ).value;
    } else {
      let partials = await mapLimit(
        chunks,
        this.concurrency,
        async (chunk, index) => {
          calls++;
          const messages = mapMessages(brief, chunk.map((line) => line.rendered).join('\n'), index + 1, chunks.length);
          return (
            await this.model.complete({
              ...common,
              task: 'extraction.map',
              messages,
              hints: { ...baseHints, lines: chunk },
            })
          ).value;
        },
        request.signal,
      );
      // Merge in groups that fit the budget, level by level, until one result remains.
      while (partials.length > 1) {
        const groups = groupByTokens(partials, this.chunkTokens);
        partials = await mapLimit(
          groups,
          this.concurrency,
          async (group) => {
            calls++;
            return (
              await this.model.complete({
                ...common,
                task: 'extraction.reduce',
                messages: reduceMessages(brief, group),
                hints: { ...baseHints, partials: group },
              })
            ).value;
          },
          request.signal,
        );
      }
      value = partials[0];
    }
    return {
      value,
      provenance: makeProvenance(this.model, request.panel ?? 'synthetic panel', this.now()),
      calls,
      chunks: chunks.length,
      transcriptTokens,
      lines,
    };
  }
}

function groupByTokens<T>(items: readonly T[], budget: number): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let used = 0;
  for (const item of items) {
    const tokens = countTokens(JSON.stringify(item));
    // A group of one would never shrink; always merge at least two.
    if (current.length >= 2 && used + tokens > budget) {
      groups.push(current);
      current = [];
      used = 0;
    }
    current.push(item);
    used += tokens;
  }
  if (current.length === 1 && groups.length) groups[groups.length - 1].push(current[0]);
  else if (current.length) groups.push(current);
  return groups;
}

/** A flat zod object built from field descriptions. */
export function schemaFromFields(fields: readonly ExtractionField[]): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const field of fields) {
    const base =
      field.type === 'number'
        ? z.number()
        : field.type === 'boolean'
          ? z.boolean()
          : field.type === 'string[]'
            ? z.array(z.string())
            : z.string();
    shape[field.name] = field.hint ? base.describe(field.hint) : base;
  }
  return z.object(shape);
}
