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

/** Renders the transcript as one line per conversation event. */
export function transcriptLines(events: readonly WorldEvent[]): TranscriptLine[] {
  return conversationEvents(events).map((event) => {
    const speaker = speakerOf(event);
    const target = event.kind === 'action' && event.counterpart ? ` → ${event.counterpart}` : '';
    const prefix = event.seq !== undefined ? `[${event.seq}] ` : '';
    return {
      seq: event.seq,
      speaker,
      type: event.type,
      text: event.content,
      rendered: `${prefix}${speaker}${target} (${event.type}): ${event.content}`,
    };
  });
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
    for (const piece of splitLongLine(line.rendered, maxTokens)) {
      const tokens = countTokens(piece) + 1;
      if (current.length && used + tokens > maxTokens) {
        chunks.push(current);
        current = [];
        used = 0;
      }
      current.push(piece === line.rendered ? line : { ...line, rendered: piece, text: piece });
      used += tokens;
    }
  }
  if (current.length) chunks.push(current);
  return chunks;
}

function splitLongLine(line: string, maxTokens: number): string[] {
  if (countTokens(line) <= maxTokens) return [line];
  const words = line.split(/\s+/);
  const pieces: string[] = [];
  let piece: string[] = [];
  let used = 0;
  for (const word of words) {
    // Summing per-word counts slightly over-estimates, which keeps pieces safely under budget.
    const tokens = countTokens(` ${word}`);
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
