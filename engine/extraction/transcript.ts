import type { ActingAgent } from '../agent/agent-port.js';
import type { WorldEvent } from '../agent/events.js';
import type { WorldView } from '../world/world-port.js';
import { countTokens } from '../llm/tokens.js';

/**
 * What extraction reads: one agent, several agents, a whole world, or a raw transcript.
 *
 * @example
 *   resolveEvents(world); resolveEvents([lisa, oscar]); resolveEvents(eventsFromStore);
 */
export type ExtractionSource = ActingAgent | readonly ActingAgent[] | WorldView | readonly WorldEvent[];

/** One line of a rendered transcript, kept with who said it. */
export interface TranscriptLine {
  seq?: number;
  speaker: string;
  type: string;
  text: string;
  /** The rendered line sent to the model. */
  rendered: string;
  /** The event the line renders (long lines are re-rendered in parts from it). */
  event?: WorldEvent;
}

/** Action types that are bookkeeping, not content. */
const SILENT_ACTIONS = new Set(['DONE']);

function isEvent(value: unknown): value is WorldEvent {
  return typeof value === 'object' && value !== null && 'kind' in value && 'agent' in value && 'content' in value;
}

function isWorld(value: unknown): value is WorldView {
  return typeof value === 'object' && value !== null && 'agents' in value && 'broadcast' in value;
}

/** The events of a source, in order. Several agents' trajectories are merged by `seq` and de-duplicated. */
export function resolveEvents(source: ExtractionSource): WorldEvent[] {
  if (Array.isArray(source)) {
    if (source.length === 0) return [];
    if (isEvent(source[0])) return [...(source as readonly WorldEvent[])];
    return mergeTrajectories((source as readonly ActingAgent[]).map((agent) => agent.trajectory()));
  }
  if (isWorld(source)) return source.trajectory();
  return (source as ActingAgent).trajectory();
}

function mergeTrajectories(lists: WorldEvent[][]): WorldEvent[] {
  const seen = new Set<string>();
  const merged: WorldEvent[] = [];
  for (const event of lists.flat()) {
    const key = `${event.seq ?? ''}|${event.agent}|${event.kind}|${event.type}|${event.content}`;
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(event);
  }
  if (merged.every((event) => event.seq !== undefined)) merged.sort((a, b) => (a.seq as number) - (b.seq as number));
  return merged;
}

/**
 * The events worth reading as a conversation: every action except DONE, and stimuli that are not
 * just the delivery of something already in the transcript (a TALK delivered to five listeners is
 * one line, not six).
 */
export function conversationEvents(events: readonly WorldEvent[]): WorldEvent[] {
  const said = new Set<string>();
  const kept: WorldEvent[] = [];
  for (const event of events) {
    if (event.kind === 'action') {
      if (SILENT_ACTIONS.has(event.type)) continue;
      said.add(`${event.agent}|${event.content}`);
      kept.push(event);
      continue;
    }
    const key = `${event.counterpart ?? 'world'}|${event.content}`;
    if (said.has(key)) continue;
    said.add(key);
    kept.push(event);
  }
  return kept;
}

/** Who produced an event: the actor for actions, the source for stimuli. */
export function speakerOf(event: WorldEvent): string {
  return event.kind === 'action' ? event.agent : (event.counterpart ?? 'world');
}

/**
 * A speaker name as it may appear at the head of a transcript line: no control characters, and none
 * of the punctuation that delimits a line's head (`[`, `]`, `(`, `)`, `:`, `"`, `→`), so a user called
 * `Maya Chen (TALK)` cannot pose as a persona's line.
 */
export function transcriptName(name: string): string {
  const clean = name
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, ' ')
    .replace(/[[\]():"→]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean || 'someone';
}

/**
 * What was said, as a JSON string literal: newlines, quotes and control characters are escaped, so
 * whatever a user or a persona typed stays inside its own line and cannot start a forged one.
 */
export function transcriptContent(text: string): string {
  return JSON.stringify(text);
}

function lineHead(event: WorldEvent, part?: string): string {
  const target = event.kind === 'action' && event.counterpart ? ` → ${transcriptName(event.counterpart)}` : '';
  const prefix = event.seq !== undefined ? `[${event.seq}] ` : '';
  return `${prefix}${transcriptName(speakerOf(event))}${target} (${event.type}${part ? `, ${part}` : ''})`;
}

/**
 * Renders the transcript as one line per conversation event: `[seq] Speaker → Target (TYPE): "content"`,
 * the content a JSON string (see `transcriptContent`), so speaker and content cannot be confused.
 */
export function transcriptLines(events: readonly WorldEvent[]): TranscriptLine[] {
  return conversationEvents(events).map((event) => ({
    seq: event.seq,
    speaker: speakerOf(event),
    type: event.type,
    text: event.content,
    rendered: `${lineHead(event)}: ${transcriptContent(event.content)}`,
    event,
  }));
}

/**
 * What each persona actually said (TALK actions, and CONVERSATION stimuli heard from them), for
 * quote verification and offline summaries.
 */
export function utterancesBySpeaker(events: readonly WorldEvent[]): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const event of conversationEvents(events)) {
    const spoken = event.kind === 'action' ? event.type === 'TALK' : event.type === 'CONVERSATION';
    if (!spoken || !event.content.trim()) continue;
    const speaker = speakerOf(event);
    const list = result.get(speaker) ?? [];
    list.push(event.content);
    result.set(speaker, list);
  }
  return result;
}

/**
 * Splits transcript lines into chunks of at most `maxTokens` tokens each, so a long transcript can be
 * processed map-reduce. A single line longer than the budget is cut into pieces (same speaker).
 */
export function chunkTranscript(lines: readonly TranscriptLine[], maxTokens: number): TranscriptLine[][] {
  const chunks: TranscriptLine[][] = [];
  let current: TranscriptLine[] = [];
  let used = 0;
  for (const line of lines) {
    for (const piece of linePieces(line, maxTokens)) {
      const tokens = countTokens(piece.rendered) + 1;
      if (current.length && used + tokens > maxTokens) {
        chunks.push(current);
        current = [];
        used = 0;
      }
      current.push(piece);
      used += tokens;
    }
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/** A line that fits, or its content cut into parts, each rendered with the full head (`part 2/3`). */
function linePieces(line: TranscriptLine, maxTokens: number): TranscriptLine[] {
  if (countTokens(line.rendered) <= maxTokens || !line.event) return [line];
  const { event } = line;
  const headTokens = countTokens(`${lineHead(event, 'part 99/99')}: ""`);
  const pieces = splitWords(line.text, Math.max(8, maxTokens - headTokens));
  return pieces.map((piece, index) => ({
    ...line,
    text: piece,
    rendered: `${lineHead(event, `part ${index + 1}/${pieces.length}`)}: ${transcriptContent(piece)}`,
  }));
}

function splitWords(line: string, maxTokens: number): string[] {
  if (countTokens(line) <= maxTokens) return [line];
  // A "word" longer than the budget (a 100k-character run without spaces) is cut by characters.
  const longest = Math.max(1, Math.floor(maxTokens / 2));
  const words = line
    .split(/\s+/)
    .flatMap((word) =>
      countTokens(word) > maxTokens / 2 ? (word.match(new RegExp(`[^]{1,${longest}}`, 'gu')) ?? []) : [word],
    );
  const pieces: string[] = [];
  let piece: string[] = [];
  let used = 0;
  for (const word of words) {
    // Summing per-word counts slightly over-estimates, which keeps pieces safely under budget.
    const tokens = countTokens(` ${JSON.stringify(word)}`);
    if (piece.length && used + tokens > maxTokens - 2) {
      pieces.push(piece.join(' '));
      piece = [];
      used = 0;
    }
    piece.push(word);
    used += tokens;
  }
  if (piece.length) pieces.push(piece.join(' '));
  return pieces;
}
