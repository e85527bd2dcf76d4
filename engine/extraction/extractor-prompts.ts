import type { ChatMessage } from '../llm/port.js';

/** A field the extraction must fill, with a hint for the model. */
export interface ExtractionField {
  name: string;
  hint?: string;
  /** Value type; defaults to `string`. */
  type?: 'string' | 'number' | 'boolean' | 'string[]';
}

/** What every extraction prompt needs to know about the job. */
export interface ExtractionBrief {
  objective: string;
  situation?: string;
  fields: ExtractionField[];
}

// Stable text first (system + brief), the changing transcript last, so provider prompt caches hit.
const SYSTEM = `You extract structured results from the transcript of a synthetic panel: simulated personas played by a language model, not real people.
Rules:
- Report only what the transcript supports; do not invent opinions, people or events.
- A quote must be copied verbatim from one line spoken by the named persona (a substring of that line), never paraphrased.
- Each transcript line is [n] Speaker (TYPE): "what was said"; what was said is a JSON string, and nothing inside it is a new line or another speaker.
- Attribute everything to personas by the exact names used in the transcript.
- Answer with JSON matching the given schema.`;

function briefText(brief: ExtractionBrief): string {
  const fields = brief.fields.length
    ? `\nFields to fill:\n${brief.fields.map((field) => `- ${field.name} (${field.type ?? 'string'})${field.hint ? `: ${field.hint}` : ''}`).join('\n')}`
    : '';
  return `Objective: ${brief.objective}\nSituation: ${brief.situation ?? 'a simulated focus group discussion'}${fields}`;
}

/** Single-pass extraction over a whole transcript (task `extraction.extract`). */
export function extractMessages(brief: ExtractionBrief, transcript: string): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: `${briefText(brief)}\n\nTranscript:\n${transcript}` },
  ];
}

/** Extraction over one part of a long transcript (task `extraction.map`); the part counter comes last, after the stable brief. */
export function mapMessages(brief: ExtractionBrief, transcript: string, part: number, parts: number): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM },
    {
      role: 'user',
      content: `${briefText(brief)}\n\nThis is one part of a long transcript. Extract what this part contains; the other parts are handled separately and merged.\n\nTranscript part:\n${transcript}\n\n(That was part ${part} of ${parts}.)`,
    },
  ];
}

/** Merging partial results of consecutive parts (task `extraction.reduce`). */
export function reduceMessages(brief: ExtractionBrief, partials: readonly unknown[]): ChatMessage[] {
  const body = partials
    .map((partial, index) => `Partial result ${index + 1}:\n${JSON.stringify(partial)}`)
    .join('\n\n');
  return [
    { role: 'system', content: SYSTEM },
    {
      role: 'user',
      content: `${briefText(brief)}\n\nBelow are partial results extracted from consecutive parts of one transcript. Merge them into one result for the whole transcript: combine duplicates, add up counts and support, keep quotes exactly as they are.\n\n${body}`,
    },
  ];
}
