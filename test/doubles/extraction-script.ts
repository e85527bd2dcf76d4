import { type FocusGroupSummary, type IdeaList, IdeaListSchema } from '../../engine/extraction/index.js';
import type { CompletionRequest } from '../../engine/llm/port.js';
import type { ScriptedAnswer } from './scripted-model.js';

/** One transcript line as an extraction prompt renders it: `[n] Speaker (TYPE): "content"` (`[n] ` when it has a seq). */
export interface PromptLine {
  speaker: string;
  type: string;
  content: string;
}

const LINE = /^(?:\[\d+\] )?(.+?) \(([A-Z_]+)\): ("(?:[^"\\]|\\.)*")$/;

/** The transcript lines in the last message of an extraction request (content decoded from its JSON string). */
export function promptLines(request: CompletionRequest<unknown>): PromptLine[] {
  const text = request.messages.at(-1)?.content ?? '';
  return text.split('\n').flatMap((line) => {
    const match = LINE.exec(line);
    return match ? [{ speaker: match[1], type: match[2], content: JSON.parse(match[3]) as string }] : [];
  });
}

/** The first sentence of each persona's first TALK in the prompt, in speaking order (the facilitator is no persona). */
export function firstSentences(request: CompletionRequest<unknown>): { persona: string; text: string }[] {
  const seen = new Map<string, string>();
  for (const line of promptLines(request))
    if (line.type === 'TALK' && line.speaker !== 'facilitator' && !seen.has(line.speaker))
      seen.set(line.speaker, line.content.split(/(?<=[.!?])\s+/)[0]);
  return [...seen].map(([persona, text]) => ({ persona, text }));
}

/**
 * A focus-group summary built only from what the prompt's transcript says: one theme quoting each persona's first
 * sentence, and the first two quoted inline in an agreement, a recommendation and an objection. Every quote is real,
 * so a test that changes one sees exactly what the engine's checks do with it.
 */
export function transcriptSummary(request: CompletionRequest<unknown>): FocusGroupSummary {
  const quotes = firstSentences(request);
  const [first, second] = quotes;
  const inline = (quote?: { persona: string; text: string }) => (quote ? [`${quote.persona}: “${quote.text}”`] : []);
  return {
    overview: `${quotes.length} personas spoke.`,
    themes: quotes.length ? [{ theme: 'What they said first', description: 'opening remarks', quotes }] : [],
    agreements: inline(first),
    disagreements: [],
    surprises: [],
    objections: second ? [{ persona: second.persona, objection: `“${second.text}”` }] : [],
    recommendations: inline(second ?? first),
  };
}

/** Ideas from the prompt's transcript: each persona's first sentence is its idea, supported by itself. */
export function transcriptIdeas(request: CompletionRequest<unknown>): IdeaList {
  return {
    ideas: firstSentences(request).map(({ persona, text }) => ({
      name: text.split(/\s+/).slice(0, 3).join(' '),
      description: text,
      proposedBy: persona,
      supportCount: 1,
    })),
  };
}

/** A reduce answer: the partial results in the prompt merged by concatenating their lists, quotes untouched. */
export function mergedPartials(request: CompletionRequest<unknown>): Record<string, unknown> {
  const text = request.messages.at(-1)?.content ?? '';
  const partials = [...text.matchAll(/^Partial result \d+:\n(.+)$/gm)].map(
    (match) => JSON.parse(match[1]) as Record<string, unknown>,
  );
  const merged: Record<string, unknown> = {};
  for (const partial of partials)
    for (const [key, value] of Object.entries(partial))
      merged[key] = Array.isArray(value) ? [...((merged[key] as unknown[]) ?? []), ...value] : (merged[key] ?? value);
  return merged;
}

const isIdeaRequest = (request: CompletionRequest<unknown>) => request.schema === IdeaListSchema;

/**
 * Scripted answers for the extraction tasks: summaries and idea lists read off the prompt's own transcript
 * (`extraction.extract`, `extraction.map`), partial results merged (`extraction.reduce`).
 *
 * @example
 *   const model = new ScriptedModel({ ...extractionScript(), 'poll.answer': [...] });
 */
export function extractionScript(): Record<string, ScriptedAnswer> {
  const read: ScriptedAnswer = (request) =>
    isIdeaRequest(request) ? transcriptIdeas(request) : transcriptSummary(request);
  return { 'extraction.extract': read, 'extraction.map': read, 'extraction.reduce': mergedPartials };
}
