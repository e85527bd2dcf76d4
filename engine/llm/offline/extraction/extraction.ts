import { z } from 'zod';
import type { CompletionRequest } from '../../port.js';
import type { OfflineResponder } from '../offline-model.js';
import { fillFromJsonSchema } from '../schema-fill.js';
import type { SeededRandom } from '../../../util/random.js';
import type { ExtractionField } from '../../../extraction/extractor-prompts.js';
import type { FocusGroupSummary, IdeaList } from '../../../extraction/summary.js';
import type { TranscriptLine } from '../../../extraction/transcript.js';
import { offlineIdeas } from './ideas.js';
import { offlineSummary } from './focus-summary.js';
import { NOT_PANEL } from './reading.js';
import { overlap, sentences } from './text.js';

interface Said {
  speaker: string;
  sentence: string;
}

function spoken(lines: readonly TranscriptLine[]): Said[] {
  return lines
    .filter((line) => (line.type === 'TALK' || line.type === 'CONVERSATION') && !NOT_PANEL.has(line.speaker))
    .flatMap((line) => sentences(line.text).map((sentence) => ({ speaker: line.speaker, sentence })));
}

/** The focus the user gave `/summarize`, read back from the objective summary.ts writes. */
function focusOf(objective: unknown): string {
  return String(objective ?? '').match(/\bfocus group about (.+?): key themes/)?.[1] ?? '';
}

function genericValue(field: ExtractionField, said: readonly Said[], objective: string): unknown {
  const query = `${field.name.replace(/([a-z])([A-Z])/g, '$1 $2')} ${field.hint ?? ''} ${objective}`;
  const ranked = [...said].sort((a, b) => overlap(b.sentence, query) - overlap(a.sentence, query));
  switch (field.type) {
    case 'number':
      return said.filter((entry) => overlap(entry.sentence, query) > 0).length;
    case 'boolean':
      return ranked.length > 0 && overlap(ranked[0].sentence, query) > 0;
    case 'string[]':
      return ranked.slice(0, 3).map((entry) => `${entry.speaker}: ${entry.sentence}`);
    default:
      return ranked.length ? `${ranked[0].speaker}: ${ranked[0].sentence}` : '(offline) nothing relevant was said';
  }
}

/** Merged lists stay short enough to read; partials arrive in transcript order, so the earliest points win. */
const MERGED_ITEMS = 6;

function mergeSummaries(partials: readonly FocusGroupSummary[]): FocusGroupSummary {
  const themes = new Map<string, FocusGroupSummary['themes'][number]>();
  for (const theme of partials.flatMap((partial) => partial.themes)) {
    const existing = themes.get(theme.theme.toLowerCase());
    if (existing) existing.quotes = [...existing.quotes, ...theme.quotes].slice(0, 4);
    else themes.set(theme.theme.toLowerCase(), { ...theme, quotes: [...theme.quotes] });
  }
  const unique = <T>(list: T[]) => [...new Map(list.map((item) => [JSON.stringify(item), item])).values()];
  return {
    overview: partials.map((partial) => partial.overview).join(' '),
    themes: [...themes.values()].slice(0, 6),
    agreements: unique(partials.flatMap((partial) => partial.agreements)).slice(0, MERGED_ITEMS),
    disagreements: unique(partials.flatMap((partial) => partial.disagreements)).slice(0, MERGED_ITEMS),
    surprises: unique(partials.flatMap((partial) => partial.surprises)).slice(0, MERGED_ITEMS),
    objections: unique(partials.flatMap((partial) => partial.objections)).slice(0, MERGED_ITEMS),
    recommendations: unique(partials.flatMap((partial) => partial.recommendations)).slice(0, MERGED_ITEMS),
  };
}

function mergeIdeas(partials: readonly IdeaList[]): IdeaList {
  const ideas = new Map<string, IdeaList['ideas'][number]>();
  for (const idea of partials.flatMap((partial) => partial.ideas)) {
    const existing = ideas.get(idea.name.toLowerCase());
    if (existing) existing.supportCount = Math.max(existing.supportCount, idea.supportCount);
    else ideas.set(idea.name.toLowerCase(), { ...idea });
  }
  return { ideas: [...ideas.values()] };
}

function mergeGeneric(partials: readonly Record<string, unknown>[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const partial of partials) {
    for (const [key, value] of Object.entries(partial)) {
      const before = merged[key];
      if (before === undefined) merged[key] = value;
      else if (typeof value === 'number' && typeof before === 'number') merged[key] = before + value;
      else if (typeof value === 'boolean') merged[key] = Boolean(before) || value;
      else if (Array.isArray(value) && Array.isArray(before)) merged[key] = [...new Set([...before, ...value])];
      else if (typeof value === 'string' && typeof before === 'string' && !before.includes(value))
        merged[key] = `${before} ${value}`;
    }
  }
  return merged;
}

/** Falls back to schema filler when a custom schema does not fit the offline shape. */
function ensureValid(request: CompletionRequest<unknown>, value: unknown, rng: SeededRandom): unknown {
  if (request.schema.safeParse(value).success) return value;
  return fillFromJsonSchema(z.toJSONSchema(request.schema, { io: 'input' }) as Record<string, unknown>, rng, request);
}

/** `extraction.extract` and `extraction.map`: answers from the transcript lines in `hints.lines`. */
export const extractResponder: OfflineResponder = (request, rng) => {
  const hints = request.hints ?? {};
  const lines = (hints.lines ?? []) as TranscriptLine[];
  if (hints.purpose === 'focus-group-summary')
    return ensureValid(request, offlineSummary(lines, focusOf(hints.objective)), rng);
  if (hints.purpose === 'ideas') return ensureValid(request, offlineIdeas(lines), rng);
  const said = spoken(lines);
  const fields = (hints.fields ?? []) as ExtractionField[];
  const value = Object.fromEntries(
    fields.map((field) => [field.name, genericValue(field, said, String(hints.objective ?? ''))]),
  );
  return ensureValid(request, value, rng);
};

/** `extraction.reduce`: merges the partial results in `hints.partials`. */
export const reduceResponder: OfflineResponder = (request, rng) => {
  const hints = request.hints ?? {};
  const partials = (hints.partials ?? []) as unknown[];
  const merged =
    hints.purpose === 'focus-group-summary'
      ? mergeSummaries(partials as FocusGroupSummary[])
      : hints.purpose === 'ideas'
        ? mergeIdeas(partials as IdeaList[])
        : mergeGeneric(partials as Record<string, unknown>[]);
  if (request.schema.safeParse(merged).success) return merged;
  return partials.length ? partials[0] : ensureValid(request, merged, rng);
};
