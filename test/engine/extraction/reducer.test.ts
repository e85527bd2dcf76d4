import { describe, expect, it } from 'vitest';
import { ResultsReducer, answerTable, chatLogRows, countsByType } from '../../../engine/extraction/index.js';
import { focusGroupEvents } from './fixtures.js';

describe('ResultsReducer', () => {
  const events = focusGroupEvents();

  it('turns a transcript into chat-log rows: facilitator questions and TALKs once each, no DONE, no repeated deliveries', () => {
    const rows = chatLogRows(events);
    // 4 facilitator questions (one per persona, same content → one row) + 8 TALKs.
    expect(rows).toHaveLength(1 + 8);
    expect(rows[0]).toEqual({
      seq: 1,
      time: '2025-01-01T10:00:01.000Z',
      thread: 't1',
      speaker: 'facilitator',
      type: 'CONVERSATION',
      content: 'What do you think of a weekly meal-kit subscription?',
    });
    // The first TALK is event 5 (after 4 question deliveries).
    expect(rows[1]).toMatchObject({ seq: 5, speaker: 'Lisa Carter', type: 'TALK', thread: 't1' });
    expect(rows.map((row) => row.speaker).slice(1)).toEqual([
      'Lisa Carter',
      'Oscar Ramirez',
      'Maya Chen',
      'Tom Becker',
      'Lisa Carter',
      'Oscar Ramirez',
      'Maya Chen',
      'Tom Becker',
    ]);
    expect(rows.every((row) => row.type !== 'DONE')).toBe(true);
  });

  it('builds a per-persona answer table for a thread, in order of first answer', () => {
    const other = focusGroupEvents(1, 't2').map((event) => ({
      ...event,
      seq: (event.seq ?? 0) + 1000,
      content: `${event.content} [t2]`,
    }));
    const table = answerTable([...events, ...other], 't1');
    expect(table.map((row) => row.persona)).toEqual(['Lisa Carter', 'Oscar Ramirez', 'Maya Chen', 'Tom Becker']);
    expect(table[0].turns).toBe(2);
    expect(table[0].answer.split('\n')).toHaveLength(2);
    expect(table[0].answer).not.toContain('[t2]');
    expect(table[0].firstSeq).toBe(5);
  });

  it('counts every event by kind and type, DONE and deliveries included', () => {
    // 4 question deliveries + per TALK: 1 action + 3 deliveries + 1 DONE, times 8.
    expect(countsByType(events)).toEqual({ 'stimulus:CONVERSATION': 4 + 8 * 3, 'action:TALK': 8, 'action:DONE': 8 });
  });

  it('runs pluggable rules per event type and for every event, with per-reduction state', () => {
    const reducer = new ResultsReducer<string>()
      .addRule('TALK', (event, { state }) => {
        const turn = ((state.get(event.agent) as number | undefined) ?? 0) + 1;
        state.set(event.agent, turn);
        return `${event.agent}#${turn}`;
      })
      .addRule('*', (event) => (event.content.includes('price') ? ['mentions price'] : undefined));
    const rows = reducer.reduce(events);
    expect(rows.filter((row) => row.includes('#'))).toEqual([
      'Lisa Carter#1',
      'Oscar Ramirez#1',
      'Maya Chen#1',
      'Tom Becker#1',
      'Lisa Carter#2',
      'Oscar Ramirez#2',
      'Maya Chen#2',
      'Tom Becker#2',
    ]);
    // "price" appears in Lisa 1, Oscar 1, Tom 1, Oscar 2.
    expect(rows.filter((row) => row === 'mentions price')).toHaveLength(4);
    // A second reduction starts with fresh state.
    expect(reducer.reduce(events).filter((row) => row.endsWith('#1'))).toHaveLength(4);
  });
});
