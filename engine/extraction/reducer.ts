import type { WorldEvent } from '../agent/events.js';
import { conversationEvents, resolveEvents, speakerOf, type ExtractionSource } from './transcript.js';

/** What a rule sees besides the event: its position and a scratch map private to this reduction. */
export interface ReductionContext {
  index: number;
  /** Per-reduction state for rules that need memory (e.g. numbering turns). */
  state: Map<string, unknown>;
}

/** A deterministic rule: turns one event into zero, one or several rows. */
export type ReductionRule<Row> = (event: WorldEvent, context: ReductionContext) => Row | Row[] | undefined;

/** Options for a reducer. */
export interface ResultsReducerOptions {
  /** Read only conversation events (DONE and repeated deliveries removed); default true. */
  conversationOnly?: boolean;
}

/**
 * Deterministic rules over events, no LLM (TinyTroupe's `ResultsReducer`). Rules are keyed by event
 * type (`TALK`, `CONVERSATION`, …) or `*` for every event; each returns rows.
 *
 * @example
 *   const reducer = new ResultsReducer<{ who: string }>({ TALK: (e) => ({ who: e.agent }) });
 *   reducer.reduce(world); // [{ who: 'Lisa' }, …]
 */
export class ResultsReducer<Row> {
  private readonly rules: Map<string, ReductionRule<Row>[]> = new Map();
  private readonly conversationOnly: boolean;

  constructor(rules: Record<string, ReductionRule<Row>> = {}, options: ResultsReducerOptions = {}) {
    this.conversationOnly = options.conversationOnly ?? true;
    for (const [trigger, rule] of Object.entries(rules)) this.addRule(trigger, rule);
  }

  /** Adds a rule for an event type (or `*`); several rules per type run in the order added. */
  addRule(trigger: string, rule: ReductionRule<Row>): this {
    const list = this.rules.get(trigger) ?? [];
    list.push(rule);
    this.rules.set(trigger, list);
    return this;
  }

  reduce(source: ExtractionSource): Row[] {
    const all = resolveEvents(source);
    const events = this.conversationOnly ? conversationEvents(all) : all;
    const state = new Map<string, unknown>();
    const rows: Row[] = [];
    events.forEach((event, index) => {
      for (const rule of [...(this.rules.get(event.type) ?? []), ...(this.rules.get('*') ?? [])]) {
        const produced = rule(event, { index, state });
        if (produced === undefined) continue;
        if (Array.isArray(produced)) rows.push(...produced);
        else rows.push(produced);
      }
    });
    return rows;
  }
}

/** One row of a chat log. */
export interface ChatLogRow {
  seq: number;
  time: string;
  thread: string;
  speaker: string;
  type: string;
  content: string;
}

/** The built-in chat-log rule: every conversation event becomes a row; seq falls back to position. */
export const chatLogRule: ReductionRule<ChatLogRow> = (event, { index }) => ({
  seq: event.seq ?? index + 1,
  time: event.simTime ?? event.createdAt ?? '',
  thread: event.threadKey ?? '',
  speaker: speakerOf(event),
  type: event.type,
  content: event.content,
});

/**
 * Transcript → chat-log rows `{seq, time, thread, speaker, type, content}`.
 *
 * @example
 *   chatLogRows(events).map((row) => `${row.speaker}: ${row.content}`);
 */
export function chatLogRows(source: ExtractionSource): ChatLogRow[] {
  return new ResultsReducer<ChatLogRow>({ '*': chatLogRule }).reduce(source);
}

/** One persona's answer within a thread. */
export interface AnswerRow {
  persona: string;
  answer: string;
  turns: number;
  firstSeq: number;
}

/**
 * Per-persona answer table for one thread: everything each persona said (TALK) there, joined in
 * order; personas in the order they first spoke. The facilitator's and world's broadcasts (recorded
 * as their TALKs) are not answers and are left out unless `exclude` says otherwise.
 */
export function answerTable(
  source: ExtractionSource,
  threadKey?: string,
  exclude: readonly string[] = ['facilitator', 'world'],
): AnswerRow[] {
  const rows = new ResultsReducer<{ persona: string; content: string; seq: number }>({
    TALK: (event, { index }) =>
      event.kind === 'action' &&
      !exclude.includes(event.agent) &&
      (threadKey === undefined || event.threadKey === threadKey)
        ? { persona: event.agent, content: event.content, seq: event.seq ?? index + 1 }
        : undefined,
  }).reduce(source);
  const table = new Map<string, AnswerRow>();
  for (const row of rows) {
    const existing = table.get(row.persona);
    if (existing) {
      existing.answer = `${existing.answer}\n${row.content}`;
      existing.turns++;
    } else {
      table.set(row.persona, { persona: row.persona, answer: row.content, turns: 1, firstSeq: row.seq });
    }
  }
  return [...table.values()];
}

/** Counts of events by `kind:type` (e.g. `action:TALK`), over all events including DONE. */
export function countsByType(source: ExtractionSource): Record<string, number> {
  const counts: Record<string, number> = {};
  new ResultsReducer<string>({ '*': (event) => `${event.kind}:${event.type}` }, { conversationOnly: false })
    .reduce(source)
    .forEach((key) => {
      counts[key] = (counts[key] ?? 0) + 1;
    });
  return counts;
}
