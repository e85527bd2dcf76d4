import { describe, expect, it } from 'vitest';
import { TinyPerson } from '../../../engine/agent/tiny-person.js';
import { ModelBehaviorError } from '../../../engine/errors.js';
import { MeteredModel } from '../../../engine/llm/metered-model.js';
import type { CompletionRequest } from '../../../engine/llm/port.js';
import { ActionCorrector, type CorrectionMode } from '../../../engine/validation/index.js';
import { agentScript } from '../../doubles/agent-script.js';
import { ScriptedModel } from '../../doubles/scripted-model.js';

const spec = {
  name: 'Lisa',
  age: 28,
  occupation: { title: 'Data scientist' },
  preferences: { interests: ['machine learning', 'cooking'] },
};

/** The scripted judge's verdict in the shape each mode asks for (one score, or every requested pair). */
function verdict(request: CompletionRequest<unknown>, value: number, justification: string): unknown {
  const pairs = request.hints?.pairs as { action: number; check: string }[] | undefined;
  if (!request.hints?.batch || !pairs) return { value, justification };
  return { scores: pairs.map((pair) => ({ ...pair, score: value, justification })) };
}

/** A scripted persona + a correction judge that fails the first `failures` judge calls. */
function setup(failures: number) {
  let judged = 0;
  const actRequests: CompletionRequest<unknown>[] = [];
  const answer = agentScript()['agent.act'];
  const turn = (request: CompletionRequest<unknown>, call: number) => {
    actRequests.push(request);
    return answer(request, call);
  };
  const scripted = new ScriptedModel({
    'agent.act': turn,
    'correction.regenerate': turn,
    'correction.score': (request) =>
      judged++ < failures
        ? verdict(request, 1, 'sounds like a generic assistant')
        : verdict(request, 8, 'in character'),
  });
  return { model: new MeteredModel(scripted), actRequests, judgedCount: () => judged };
}

describe.each<CorrectionMode>(['batched', 'per-check'])('ActionCorrector with the real TinyPerson (%s)', (mode) => {
  it('regenerates with the feedback and keeps the best after the attempt limit', async () => {
    const { model, actRequests } = setup(Infinity);
    const corrector = new ActionCorrector({ model, checks: ['fluency'], maxAttempts: 2, mode });
    const lisa = new TinyPerson({ spec, model, turnReviewer: corrector });
    lisa.listen('What product would you build for home cooks?', 'facilitator');
    const actions = await lisa.act();
    expect(actions.length).toBeGreaterThan(0);
    expect(actRequests).toHaveLength(3);
    const regenerationPrompt = actRequests[1].messages.map((m) => m.content).join('\n');
    expect(regenerationPrompt).toContain(
      'failed the fluency check: scored 1/9, below 5. Reason: sounds like a generic assistant',
    );
    expect(lisa.correctionStats).toMatchObject({ checks: 3, failures: 3, regenerations: 2, exhausted: 1 });
    expect(corrector.tally('Lisa')).toMatchObject({ reviews: 3, rejections: 3, regenerations: 2, exhausted: 1 });
    // Metering shows what correction added, under its own task name.
    const { byTask } = model.tally;
    expect(byTask['correction.score'].calls).toBe(corrector.tally('Lisa').judgeCalls);
    if (mode === 'batched') expect(byTask['correction.score'].calls).toBe(3);
    else expect(byTask['correction.score'].calls).toBe(corrector.tally('Lisa').checksRun);
    expect(byTask['correction.score'].inputTokens).toBe(corrector.tally('Lisa').extraInputTokens);
    expect(byTask['agent.act'].calls).toBe(1);
    expect(byTask['correction.regenerate'].calls).toBe(2);
  });

  it('stops regenerating once a candidate passes', async () => {
    const { model, actRequests } = setup(1);
    const corrector = new ActionCorrector({ model, checks: ['fluency'], actionTypes: ['TALK', 'THINK'], mode });
    const lisa = new TinyPerson({ spec, model, turnReviewer: corrector });
    lisa.listen('Tell me about your work.', 'facilitator');
    await lisa.act();
    expect(actRequests).toHaveLength(2);
    expect(corrector.tally('Lisa')).toMatchObject({ rejections: 1, regenerations: 1, exhausted: 0 });
  });

  it('raises when configured to and every attempt fails', async () => {
    const { model } = setup(Infinity);
    const lisa = new TinyPerson({
      spec,
      model,
      turnReviewer: new ActionCorrector({ model, checks: ['fluency'], maxAttempts: 1, onExhausted: 'raise', mode }),
    });
    lisa.listen('Hello?', 'facilitator');
    await expect(lisa.act()).rejects.toBeInstanceOf(ModelBehaviorError);
  });

  it('runs every standard check on every reviewed turn, one judge call per turn or per check', async () => {
    const { model } = setup(0);
    const corrector = new ActionCorrector({ model, mode });
    const lisa = new TinyPerson({ spec, model, turnReviewer: corrector });
    lisa.listen('What do you do for fun?', 'facilitator');
    await lisa.act();
    const tally = corrector.tally('Lisa');
    expect(tally.reviews).toBeGreaterThanOrEqual(1);
    expect(tally.checksRun).toBeGreaterThanOrEqual(4);
    expect(tally.checksRun % 4).toBe(0);
    expect(tally.judgeCalls).toBe(mode === 'batched' ? tally.reviews : tally.checksRun);
    expect(tally.extraInputTokens).toBeGreaterThan(0);
  });
});
