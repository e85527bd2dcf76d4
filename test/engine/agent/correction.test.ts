import { describe, expect, it } from 'vitest';
import type { ActingAgent, TurnReview, TurnReviewer } from '../../../engine/agent/agent-port.js';
import type { Action } from '../../../engine/agent/events.js';
import { TinyPerson } from '../../../engine/agent/tiny-person.js';
import { ModelBehaviorError } from '../../../engine/errors.js';
import { ADA } from './fixtures.js';
import { ScriptedModel, turn } from '../../doubles/scripted-model.js';

/** Scores a turn by the number in its TALK ("score 7"); accepts from `threshold`. */
class NumberReviewer implements TurnReviewer {
  reviewed: Action[][] = [];
  constructor(
    readonly maxAttempts: number,
    readonly onExhausted: 'keep-best' | 'raise',
    private readonly threshold = 5,
  ) {}
  async review(_agent: ActingAgent, candidate: Action[]): Promise<TurnReview> {
    this.reviewed.push(candidate);
    const score = Number(candidate[0].content.match(/score (\d)/)?.[1] ?? 0);
    return {
      accepted: score >= this.threshold,
      score,
      feedback: `score ${score} is too low; mention your job`,
      usage: { inputTokens: 10, outputTokens: 2 },
    };
  }
}

const says = (score: number) => turn([{ type: 'TALK', content: `answer with score ${score}`, target: 'Bo' }]);

describe('action correction', () => {
  it('regenerates with the feedback in the prompt until accepted', async () => {
    const model = new ScriptedModel({ 'agent.act': [says(2)], 'correction.regenerate': [says(8)] });
    const reviewer = new NumberReviewer(2, 'keep-best');
    const agent = new TinyPerson({ spec: ADA, model, turnReviewer: reviewer });
    agent.listen('What do you do?', 'Bo');
    const actions = await agent.act();
    expect(actions[0].content).toBe('answer with score 8');
    expect(model.calls('agent.act')).toHaveLength(1);
    const second = model.calls('correction.regenerate')[0].messages[1].content;
    expect(second).toContain('score 2 is too low; mention your job');
    expect(second).toContain('answer with score 2');
    expect(agent.correctionStats).toMatchObject({ checks: 2, failures: 1, regenerations: 1, exhausted: 0 });
    expect(agent.correctionStats.extraTokens).toBeGreaterThan(24);
    expect(agent.trajectory().filter((event) => event.kind === 'action')).toHaveLength(1);
  });

  it('keeps the best attempt when every attempt fails', async () => {
    const model = new ScriptedModel({ 'agent.act': [says(3)], 'correction.regenerate': [says(4), says(1)] });
    const agent = new TinyPerson({ spec: ADA, model, turnReviewer: new NumberReviewer(2, 'keep-best') });
    agent.listen('What do you do?', 'Bo');
    const actions = await agent.act();
    expect(actions[0].content).toBe('answer with score 4');
    expect(agent.correctionStats).toMatchObject({ checks: 3, failures: 3, regenerations: 2, exhausted: 1 });
  });

  it('raises a ModelBehaviorError when asked to', async () => {
    const model = new ScriptedModel({ 'agent.act': [says(1)], 'correction.regenerate': [says(2)] });
    const agent = new TinyPerson({ spec: ADA, model, turnReviewer: new NumberReviewer(1, 'raise') });
    agent.listen('What do you do?', 'Bo');
    await expect(agent.act()).rejects.toSatisfy(
      (error: unknown) => error instanceof ModelBehaviorError && error.code === 'agent.correction_exhausted',
    );
    expect(agent.trajectory().filter((event) => event.kind === 'action')).toHaveLength(0);
  });
});
