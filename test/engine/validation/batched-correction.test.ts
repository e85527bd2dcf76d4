import { describe, expect, it } from 'vitest';
import type { Action } from '../../../engine/agent/events.js';
import type { CompletionRequest } from '../../../engine/llm/port.js';
import {
  ACTION_CHECK_NAMES,
  ActionCorrector,
  STANDARD_CLAIMS,
  batchedClaim,
  formatAction,
  formatEvent,
} from '../../../engine/validation/index.js';
import { ScriptedModel } from '../../doubles/scripted-model.js';
import { ScriptedAgent, talk, think } from '../../doubles/scripted-agent.js';

/** Every judge call reports the same usage, so the tallies below are exact. */
const FIXED_USAGE = { usage: { inputTokens: 100, outputTokens: 10 } };

type Pair = { action: number; check: string };

/** Scores every requested pair: 2 when the action's content contains "bad", 8 otherwise. */
function batchJudge(request: CompletionRequest<unknown>) {
  const actions = request.hints?.actions as Action[];
  const pairs = request.hints?.pairs as Pair[];
  return {
    scores: pairs.map((pair) => {
      const content = actions[pair.action - 1].content;
      return content.includes('bad')
        ? { ...pair, score: 2, justification: `"${content}" is off` }
        : { ...pair, score: 8, justification: 'ok' };
    }),
  };
}

const occurrences = (text: string, needle: string) => text.split(needle).length - 1;
const promptText = (request: CompletionRequest<unknown>) => request.messages.map((m) => m.content).join('\n');

function lisaWithHistory(events = 3): ScriptedAgent {
  const lisa = new ScriptedAgent({
    name: 'Lisa',
    occupation: { title: 'Data scientist' },
    preferences: { interests: ['machine learning', 'cooking'] },
  });
  for (let i = 0; i < events; i++) {
    lisa.listen(`Question number ${i} about kitchens`, 'facilitator');
    lisa.record(talk(`Answer number ${i} about recipes`));
  }
  return lisa;
}

describe('ActionCorrector (batched mode, the default)', () => {
  it('sends one prompt with every action, every check claim once and the trajectory window', async () => {
    const model = new ScriptedModel({ 'correction.score': batchJudge }, FIXED_USAGE);
    const corrector = new ActionCorrector({ model, firstN: 2, lastN: 3 });
    expect(corrector.mode).toBe('batched');
    const lisa = lisaWithHistory(4);
    const turn: Action[] = [
      think('Recipes could be searchable'),
      talk('I would build a recipe search', 'Oscar'),
      { type: 'REACH_OUT', content: '', target: 'Oscar' },
    ];
    const review = await corrector.review(lisa, turn);

    expect(model.requests).toHaveLength(1);
    const text = promptText(model.requests[0]);
    for (const action of turn) expect(occurrences(text, formatAction(action))).toBe(1);
    const claims = [
      STANDARD_CLAIMS.actionPersonaAdherence,
      STANDARD_CLAIMS.actionSelfConsistency,
      STANDARD_CLAIMS.actionFluency,
      STANDARD_CLAIMS.actionSuitability,
    ];
    for (const claim of claims) expect(occurrences(text, batchedClaim(claim))).toBe(1);
    for (const name of ACTION_CHECK_NAMES) expect(text).toContain(`### ${name}`);
    expect(text).not.toContain('{{');
    // The window: first 2 and last 3 events, the omission marker between them, the rest left out.
    const events = lisa.trajectory();
    for (const event of [...events.slice(0, 2), ...events.slice(-3)]) expect(text).toContain(formatEvent(event));
    expect(text).not.toContain(formatEvent(events[3]));
    expect(text).toContain('(… 3 events omitted for brevity …)');
    expect(occurrences(text, 'Data scientist')).toBe(1);
    expect(text).toContain('3. REACH_OUT → Oscar: "" (context only, not scored)');
    expect(text).toContain('Score actions 1, 2 against every check');

    expect(review.accepted).toBe(true);
    expect(review.outcomes).toHaveLength(8);
    expect(corrector.tally('Lisa')).toMatchObject({
      reviews: 1,
      checksRun: 8,
      failures: 0,
      judgeCalls: 1,
      extraInputTokens: 100,
      extraOutputTokens: 10,
    });
  });

  it('makes exactly one judge call per review, however many actions and checks', async () => {
    const model = new ScriptedModel({ 'correction.score': batchJudge }, FIXED_USAGE);
    const corrector = new ActionCorrector({ model });
    const lisa = lisaWithHistory();
    await corrector.review(lisa, [talk('one'), think('two'), talk('three')]);
    await corrector.review(lisa, [talk('four')]);
    expect(model.requests).toHaveLength(2);
    expect(corrector.tally('Lisa')).toMatchObject({ reviews: 2, checksRun: 16, judgeCalls: 2, extraInputTokens: 200 });
  });

  it('names the failing action and check in the feedback', async () => {
    const model = new ScriptedModel({ 'correction.score': batchJudge }, FIXED_USAGE);
    const corrector = new ActionCorrector({ model, checks: ['persona-adherence', 'fluency'] });
    const review = await corrector.review(lisaWithHistory(), [talk('hello there'), think('a bad thought')]);
    expect(review.accepted).toBe(false);
    expect(review.score).toBe(2);
    expect(review.feedback).toContain(
      'Action 2 (THINK: "a bad thought") failed the persona adherence check: scored 2/9, below 5. Reason: "a bad thought" is off',
    );
    expect(review.feedback).toContain('Action 2 (THINK: "a bad thought") failed the fluency check');
    expect(review.feedback).not.toContain('Action 1');
    expect(corrector.tally('Lisa')).toMatchObject({ checksRun: 4, failures: 2, rejections: 1, judgeCalls: 1 });
  });

  it('re-asks once for pairs the answer left out, and scores only those', async () => {
    const model = new ScriptedModel(
      {
        'correction.score': (request, call) => {
          const answer = batchJudge(request);
          // The first answer drops (action 2, fluency); the follow-up scores it low.
          if (call === 0) return { scores: answer.scores.filter((s) => !(s.action === 2 && s.check === 'fluency')) };
          return { scores: answer.scores.map((s) => ({ ...s, score: 3, justification: 'formulaic' })) };
        },
      },
      FIXED_USAGE,
    );
    const corrector = new ActionCorrector({ model, checks: ['persona-adherence', 'fluency'] });
    const review = await corrector.review(lisaWithHistory(), [talk('hello there'), think('a fine thought')]);
    expect(model.requests).toHaveLength(2);
    const followUp = model.requests[1];
    expect(followUp.hints?.pairs).toEqual([{ action: 2, check: 'fluency' }]);
    expect(followUp.messages.slice(0, 2)).toEqual(model.requests[0].messages);
    expect(followUp.messages.at(-1)?.content).toContain('- action 2, check fluency');
    expect(review.accepted).toBe(false);
    expect(review.outcomes.find((o) => o.actionIndex === 1 && o.check === 'fluency')).toMatchObject({
      score: 3,
      passed: false,
    });
    expect(review.feedback).toContain('Action 2 (THINK: "a fine thought") failed the fluency check: scored 3/9');
    expect(corrector.tally('Lisa')).toMatchObject({ checksRun: 4, failures: 1, judgeCalls: 2, extraInputTokens: 200 });
  });

  it('never passes a pair the model keeps leaving out: it falls back to the per-pair proposition', async () => {
    const model = new ScriptedModel(
      {
        'correction.score': (request) => {
          if (!request.hints?.batch) return { value: 1, justification: 'scored alone: off' };
          return { scores: batchJudge(request).scores.filter((s) => s.check !== 'suitability') };
        },
      },
      FIXED_USAGE,
    );
    const corrector = new ActionCorrector({ model, checks: ['fluency', 'suitability'] });
    const review = await corrector.review(lisaWithHistory(), [talk('hello there')]);
    expect(model.requests.map((r) => Boolean(r.hints?.batch))).toEqual([true, true, false]);
    expect(promptText(model.requests[2])).toContain('THE NEXT AGENT ACTION IS SUITABLE');
    expect(review.accepted).toBe(false);
    expect(review.feedback).toContain('failed the suitability check: scored 1/9, below 5. Reason: scored alone: off');
    expect(corrector.tally('Lisa')).toMatchObject({ checksRun: 2, failures: 1, judgeCalls: 3 });
  });

  it('keeps the lowest score when the answer repeats a pair, and ignores pairs it did not ask for', async () => {
    const model = new ScriptedModel(
      {
        'correction.score': () => ({
          scores: [
            { action: 1, check: 'fluency', score: 8, justification: 'fine' },
            { action: 1, check: 'fluency', score: 4, justification: 'on reflection, stiff' },
            { action: 2, check: 'fluency', score: 0, justification: 'not a reviewed action' },
          ],
        }),
      },
      FIXED_USAGE,
    );
    const review = await new ActionCorrector({ model, checks: ['fluency'] }).review(lisaWithHistory(), [
      talk('hello there'),
      { type: 'REACH_OUT', content: '', target: 'Oscar' },
    ]);
    expect(model.requests).toHaveLength(1);
    expect(review.outcomes).toEqual([
      expect.objectContaining({ actionIndex: 0, check: 'fluency', score: 4, justification: 'on reflection, stiff' }),
    ]);
  });

  it('rejects an unknown mode with the two valid ones', () => {
    expect(() => new ActionCorrector({ model: new ScriptedModel({}, FIXED_USAGE), mode: 'bulk' as never })).toThrow(
      /'batched' or 'per-check'/,
    );
  });
});
