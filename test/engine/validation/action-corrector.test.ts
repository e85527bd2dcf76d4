import { describe, expect, it } from 'vitest';
import type { Action } from '../../../engine/agent/events.js';
import { ActionCorrector } from '../../../engine/validation/index.js';
import { ScriptedModel } from '../../doubles/scripted-model.js';
import { ScriptedAgent, talk, think } from '../../doubles/scripted-agent.js';

/** Every judge call reports the same usage, so the tallies below are exact. */
const FIXED_USAGE = { usage: { inputTokens: 100, outputTokens: 10 } };

/** Scores 2 any action whose content contains "bad", 8 otherwise. */
const judgeBadWords = (request: { hints?: Record<string, unknown> }) => {
  const action = request.hints?.action as Action;
  return action.content.includes('bad')
    ? { value: 2, justification: `"${action.content}" is off` }
    : { value: 8, justification: 'ok' };
};

describe('ActionCorrector (per-check mode)', () => {
  it('scores every TALK and THINK of the turn with every enabled check', async () => {
    const model = new ScriptedModel({ 'correction.score': judgeBadWords }, FIXED_USAGE);
    const corrector = new ActionCorrector({ model, checks: ['persona-adherence', 'fluency'], mode: 'per-check' });
    const agent = new ScriptedAgent('Lisa');
    const turn: Action[] = [
      talk('hello there'),
      think('a bad thought'),
      { type: 'REACH_OUT', content: '', target: 'Oscar' },
    ];
    const review = await corrector.review(agent, turn);
    expect(model.requests).toHaveLength(4);
    expect(new Set(model.tasks())).toEqual(new Set(['correction.score']));
    expect(review.accepted).toBe(false);
    expect(review.score).toBe(2);
    expect(review.feedback).toContain(
      'Action 2 (THINK: "a bad thought") failed the persona adherence check: scored 2/9, below 5',
    );
    expect(review.feedback).toContain('failed the fluency check');
    expect(review.feedback).not.toContain('Action 1');
    expect(review.usage).toEqual({ inputTokens: 400, outputTokens: 40 });
    expect(corrector.tally('Lisa')).toMatchObject({
      reviews: 1,
      checksRun: 4,
      failures: 2,
      rejections: 1,
      judgeCalls: 4,
      extraInputTokens: 400,
    });
  });

  it('shows earlier actions of the same turn to the consistency judge', async () => {
    const model = new ScriptedModel({ 'correction.score': judgeBadWords }, FIXED_USAGE);
    const corrector = new ActionCorrector({ model, checks: ['self-consistency'], mode: 'per-check' });
    await corrector.review(new ScriptedAgent('Lisa'), [talk('I love cats'), talk('I hate cats')]);
    expect(model.requests[1].messages[1].content).toContain('EARLIER ACTIONS IN THIS TURN: TALK: "I love cats"');
    expect(model.requests[0].messages[1].content).toContain('EARLIER ACTIONS IN THIS TURN: (none)');
  });

  it('accepts a clean turn and counts regenerations and exhaustion across attempts', async () => {
    const model = new ScriptedModel({ 'correction.score': judgeBadWords }, FIXED_USAGE);
    const corrector = new ActionCorrector({ model, checks: ['fluency'], maxAttempts: 2, mode: 'per-check' });
    const agent = new ScriptedAgent('Lisa');
    // A fresh turn rejected twice, then accepted.
    expect((await corrector.review(agent, [talk('bad 1')])).accepted).toBe(false);
    expect((await corrector.review(agent, [talk('bad 2')])).accepted).toBe(false);
    expect((await corrector.review(agent, [talk('good')])).accepted).toBe(true);
    // A fresh turn that fails all three attempts.
    for (let i = 0; i < 3; i++) await corrector.review(agent, [talk('bad again')]);
    expect(corrector.tally('Lisa')).toMatchObject({ reviews: 6, rejections: 5, regenerations: 4, exhausted: 1 });
    expect(corrector.total().reviews).toBe(6);
  });

  it('accepts turns without TALK/THINK without calling the model', async () => {
    const model = new ScriptedModel({}, FIXED_USAGE);
    const review = await new ActionCorrector({ model }).review(new ScriptedAgent('Lisa'), [
      { type: 'REACH_OUT', content: '', target: 'Oscar' },
    ]);
    expect(review).toMatchObject({ accepted: true, score: 9 });
    expect(model.requests).toHaveLength(0);
  });

  it('rejects unknown checks with the list of known ones', () => {
    expect(
      () => new ActionCorrector({ model: new ScriptedModel({}, FIXED_USAGE), checks: ['charisma' as never] }),
    ).toThrow(/Known: persona-adherence/);
  });
});
