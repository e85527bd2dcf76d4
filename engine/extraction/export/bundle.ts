import type { WorldEvent } from '../../agent/events.js';
import type { PollAnswer } from '../polls/ask.js';
import type { PollResults } from '../polls/aggregate.js';
import type { Provenance } from '../provenance.js';
import type { QuoteCheckReport } from '../quotes.js';
import type { FocusGroupSummary, IdeaList } from '../summary.js';

/** A document a persona wrote (e.g. with a WRITE_DOCUMENT action). */
export interface Artifact {
  title: string;
  content: string;
  author: string;
}

/** One poll to export: its results and, optionally, every answer with its reason. */
export interface PollExport {
  results: PollResults;
  answers?: PollAnswer[];
}

/**
 * A people poll to export (`/poll … --with-people`): the people's distribution, the panel's beside it once it
 * answered, and every vote attributed to the platform user id only — `name` only where the workspace allows it.
 *
 * @example
 *   { pollId: 'p1', question: 'Pay $5?', kind: 'yes-no', options: ['yes', 'no'], status: 'closed',
 *     people: { n: 2, counts: [1, 1], shares: [0.5, 0.5] }, votes: [{ userId: 'U2', option: 'yes', votedAt: '…' }] }
 */
export interface PeoplePollExport {
  pollId: string;
  question: string;
  kind: string;
  options: string[];
  status: 'open' | 'closed';
  people: { n: number; counts: number[]; shares: number[] };
  panel?: { n: number; shares: number[] };
  /** Jensen-Shannon distance, panel vs people (null when a side has no answers). */
  jsd?: number | null;
  /** Likert: Wasserstein distance in scale points. */
  wasserstein?: number | null;
  votes: { userId: string; option: string; votedAt: string; name?: string }[];
}

/** A chart image to embed (DOCX) or reference (Markdown). */
export interface ChartImage {
  title: string;
  png: Uint8Array;
  width: number;
  height: number;
}

/**
 * Everything an export may contain. Only `title` and `provenance` are required.
 *
 * @example
 *   exporter.toMarkdown({ title: 'Pricing focus group', provenance, transcript: events, summary });
 */
export interface ExportBundle {
  title: string;
  provenance: Provenance;
  transcript?: readonly WorldEvent[];
  summary?: FocusGroupSummary;
  quoteCheck?: QuoteCheckReport;
  ideas?: IdeaList['ideas'];
  polls?: readonly PollExport[];
  /** People polls of the exported thread or channel (real people's votes, beside the panel). */
  peoplePolls?: readonly PeoplePollExport[];
  artifacts?: readonly Artifact[];
  charts?: readonly ChartImage[];
}

/** `42%` */
export function formatShare(value: number | undefined): string {
  return value === undefined ? '' : `${(value * 100).toFixed(0)}%`;
}

/** `31–55%` */
export function formatInterval(interval: { low: number; high: number } | null | undefined, asShare = true): string {
  if (!interval) return '';
  return asShare
    ? `${(interval.low * 100).toFixed(0)}–${(interval.high * 100).toFixed(0)}%`
    : `${interval.low.toFixed(2)}–${interval.high.toFixed(2)}`;
}

/** A poll answer value as text. */
export function formatValue(value: PollAnswer['value']): string {
  return Array.isArray(value) ? value.join('; ') : String(value);
}

/** The list sections of a focus-group summary, titled and in reading order (every export format shows them alike). */
export function summaryLists(summary: FocusGroupSummary): [title: string, items: string[]][] {
  return [
    ['Agreements', summary.agreements],
    ['Disagreements', summary.disagreements],
    ['Surprises', summary.surprises],
    ['Objections', summary.objections.map((objection) => `${objection.persona}: ${objection.objection}`)],
    ['Recommendations', summary.recommendations],
  ];
}
