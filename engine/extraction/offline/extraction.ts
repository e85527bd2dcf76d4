import { z } from 'zod';
import type { CompletionRequest } from '../../llm/port.js';
import type { OfflineResponder } from '../../llm/offline-model.js';
import { fillFromJsonSchema } from '../../llm/offline-fill.js';
import type { SeededRandom } from '../../util/random.js';
import type { ExtractionField } from '../extractor-prompts.js';
import type { FocusGroupSummary, IdeaList } from '../summary.js';
import type { TranscriptLine } from '../transcript.js';
import { capitalize, clip, contentWords, overlap, sentences, topWords } from './text.js';

interface Said {
  speaker: string;
  sentence: string;
}

/** Who asks rather than answers; their questions are not panel opinions. */
const NOT_PANEL = new Set(['facilitator', 'world']);

function spoken(lines: readonly TranscriptLine[]): Said[] {
  return lines
    .filter((line) => (line.type === 'TALK' || line.type === 'CONVERSATION') && !NOT_PANEL.has(line.speaker))
    .flatMap((line) => sentences(line.text).map((sentence) => ({ speaker: line.speaker, sentence })));
}

const MARKERS = {
  agree: /\b(agree|exactly|same here|me too|good point|love|like that)\b/i,
  disagree: /\b(disagree|but|however|not sure|don't think|i doubt|on the other hand)\b/i,
  objection: /\b(worr|concern|expensive|too much|too many|won't|wouldn't|problem|risk|hate|afraid|privacy|cost)/i,
  surprise: /\b(surpris|didn't expect|unexpected|wow|interesting|never thought)/i,
  recommend: /\b(should|could|suggest|recommend|need to|would be better|what if|how about)\b/i,
};

function matching(said: readonly Said[], pattern: RegExp, limit: number): Said[] {
  return said.filter((entry) => pattern.test(entry.sentence)).slice(0, limit);
}

/** A summary built only from sentences actually present in the lines, so its quotes are real. */
export function offlineSummary(lines: readonly TranscriptLine[]): FocusGroupSummary {
  const said = spoken(lines);
  const speakers = [...new Set(said.map((entry) => entry.speaker))];
  const keywords = topWords(said.map((entry) => entry.sentence), 3);
  const themes = keywords.map((keyword) => {
    const supporting = said.filter((entry) => contentWords(entry.sentence).includes(keyword));
    const bySpeaker = [...new Map(supporting.map((entry) => [entry.speaker, entry])).values()].slice(0, 2);
    return {
      theme: capitalize(keyword),
      description: `${bySpeaker.length || 'No'} persona(s) talked about ${keyword}.`,
      quotes: bySpeaker.map((entry) => ({ persona: entry.speaker, text: entry.sentence })),
    };
  });
  const phrase = (entry: Said) => `${entry.speaker}: ${clip(entry.sentence, 160)}`;
  return {
    overview: said.length
      ? `(offline summary) ${speakers.length} persona(s) (${speakers.join(', ')}) made ${said.length} statement(s); most discussed: ${keywords.join(', ') || 'nothing in particular'}.`
      : '(offline summary) Nobody said anything yet.',
    themes,
    agreements: matching(said, MARKERS.agree, 3).map(phrase),
    disagreements: matching(said, MARKERS.disagree, 3).map(phrase),
    surprises: matching(said, MARKERS.surprise, 2).map(phrase),
    objections: matching(said, MARKERS.objection, 3).map((entry) => ({ persona: entry.speaker, objection: clip(entry.sentence, 200) })),
    recommendations: matching(said, MARKERS.recommend, 3).map((entry) => `Consider ${entry.speaker}'s suggestion: ${clip(entry.sentence, 160)}`),
  };
}

const IDEA_MARKER = /\b(what if|we could|how about|idea|propose|maybe|let's|should|could)\b/i;

/** Ideas from the actual TALK lines: proposals, with support from later lines sharing their words. */
export function offlineIdeas(lines: readonly TranscriptLine[]): IdeaList {
  const said = spoken(lines);
  let proposals = said.filter((entry) => IDEA_MARKER.test(entry.sentence));
  if (!proposals.length) proposals = [...new Map(said.map((entry) => [entry.speaker, entry])).values()];
  const ideas: IdeaList['ideas'] = [];
  for (const proposal of proposals) {
    const words = contentWords(proposal.sentence);
    if (!words.length) continue;
    const name = capitalize(words.slice(0, 4).join(' '));
    if (ideas.some((idea) => overlap(idea.description, proposal.sentence) >= Math.min(3, words.length))) continue;
    const index = said.indexOf(proposal);
    const supporters = new Set(said.slice(index + 1).filter((entry) => entry.speaker !== proposal.speaker && overlap(entry.sentence, words) >= 2).map((entry) => entry.speaker));
    ideas.push({ name, description: proposal.sentence, proposedBy: proposal.speaker, supportCount: 1 + supporters.size });
  }
  return { ideas: ideas.slice(0, 10) };
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
    agreements: unique(partials.flatMap((partial) => partial.agreements)),
    disagreements: unique(partials.flatMap((partial) => partial.disagreements)),
    surprises: unique(partials.flatMap((partial) => partial.surprises)),
    objections: unique(partials.flatMap((partial) => partial.objections)),
    recommendations: unique(partials.flatMap((partial) => partial.recommendations)),
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
      else if (typeof value === 'string' && typeof before === 'string' && !before.includes(value)) merged[key] = `${before} ${value}`;
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
  if (hints.purpose === 'focus-group-summary') return ensureValid(request, offlineSummary(lines), rng);
  if (hints.purpose === 'ideas') return ensureValid(request, offlineIdeas(lines), rng);
  const said = spoken(lines);
  const fields = (hints.fields ?? []) as ExtractionField[];
  const value = Object.fromEntries(fields.map((field) => [field.name, genericValue(field, said, String(hints.objective ?? ''))]));
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
