import type { WorldEvent } from '../agent/events.js';
import type { CallAttribution } from '../llm/port.js';
import type { ResultsExtractor } from './extractor.js';
import type { Provenance } from './provenance.js';
import { emptyQuoteReport, resolveSpeaker, type QuoteCheckReport, type QuotePolicy } from './quotes.js';
import { resolveEvents, utterancesBySpeaker, type ExtractionSource } from './transcript.js';
import type { FocusGroupSummary, IdeaList } from './summary-schema.js';
import {
  FocusGroupSummarySchema,
  IdeaListSchema,
  focusGroupSummarySchemaFor,
  ideaListSchemaFor,
} from './summary-schema.js';
import { verifySummary } from './verify-summary.js';

export {
  FocusGroupSummarySchema,
  IdeaListSchema,
  QuoteSchema,
  type FocusGroupSummary,
  type IdeaList,
} from './summary-schema.js';

/** The personas who spoke (their TALK actions), never the facilitator or a person in the chat: the closed set of names. */
function personaSpeakers(events: readonly WorldEvent[]): string[] {
  const names = events
    .filter((event) => event.kind === 'action' && event.type === 'TALK' && event.agent !== 'facilitator')
    .map((event) => event.agent);
  return [...new Set(names)];
}

/** Options shared by the ready-made objectives. */
export interface ObjectiveOptions {
  source: ExtractionSource;
  situation?: string;
  panel?: string;
  signal?: AbortSignal;
  attribution?: CallAttribution;
}

/** A verified summary with its provenance and quote report. */
export interface FocusGroupSummaryResult {
  summary: FocusGroupSummary;
  provenance: Provenance;
  quoteCheck: QuoteCheckReport;
  calls: number;
  chunks: number;
}

/**
 * Summarises a focus group and verifies every quote in every section, and every persona name, against
 * the transcript (`verifySummary`): a quote that is not a substring of something that persona said is
 * repaired (closest real sentence) or dropped.
 *
 * @example
 *   const { summary, quoteCheck } = await summarizeFocusGroup(extractor, { source: world });
 */
export async function summarizeFocusGroup(
  extractor: ResultsExtractor,
  options: ObjectiveOptions & { quotePolicy?: QuotePolicy; focus?: string },
): Promise<FocusGroupSummaryResult> {
  const events = resolveEvents(options.source);
  const utterances = utterancesBySpeaker(events);
  const result = await extractor.extract({
    ...options,
    purpose: 'focus-group-summary',
    schema: FocusGroupSummarySchema,
    providerSchema: focusGroupSummarySchemaFor(personaSpeakers(events)),
    objective: `Summarise this focus group${options.focus ? ` about ${options.focus}` : ''}: key themes, each with verbatim supporting quotes attributed to personas; where they agreed and disagreed; surprises; objections (who raised them); recommendations for the product team.`,
    fields: [
      { name: 'overview', hint: 'two or three sentences' },
      { name: 'themes', hint: 'key themes with verbatim quotes' },
      { name: 'agreements' },
      { name: 'disagreements' },
      { name: 'surprises' },
      { name: 'objections', hint: 'with the persona who raised each' },
      { name: 'recommendations' },
    ],
  });
  const quoteCheck = emptyQuoteReport();
  const summary = verifySummary(result.value, utterances, options.quotePolicy ?? 'repair', quoteCheck);
  return {
    summary,
    provenance: result.provenance,
    quoteCheck,
    calls: result.calls,
    chunks: result.chunks,
  };
}

/** A consolidated idea list with provenance. */
export interface IdeaListResult {
  ideas: IdeaList['ideas'];
  provenance: Provenance;
  /** Ideas whose proposer is not a speaker in the transcript (kept, proposer set to `unknown`). */
  unknownProposers: number;
  calls: number;
}

/**
 * Consolidates the ideas of a brainstorm: name, description, who proposed it and how many supported it.
 *
 * @example
 *   const { ideas } = await extractIdeas(extractor, { source: events });
 */
export async function extractIdeas(extractor: ResultsExtractor, options: ObjectiveOptions): Promise<IdeaListResult> {
  const events = resolveEvents(options.source);
  const speakers = [...utterancesBySpeaker(events).keys()];
  const result = await extractor.extract({
    ...options,
    purpose: 'ideas',
    schema: IdeaListSchema,
    providerSchema: ideaListSchemaFor(personaSpeakers(events)),
    objective:
      'Consolidate the ideas the group came up with: one entry per distinct idea (merge duplicates), with a short name, a description, the persona who proposed it first, and how many personas supported it.',
    fields: [{ name: 'ideas', hint: 'name, description, proposedBy, supportCount' }],
  });
  let unknownProposers = 0;
  const ideas = result.value.ideas.map((idea) => {
    const proposer = resolveSpeaker(idea.proposedBy, speakers);
    if (proposer) return { ...idea, proposedBy: proposer };
    unknownProposers++;
    return { ...idea, proposedBy: 'unknown' };
  });
  return { ideas, provenance: result.provenance, unknownProposers, calls: result.calls };
}
