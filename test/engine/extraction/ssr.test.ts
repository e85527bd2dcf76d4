import { describe, expect, it } from 'vitest';
import { aggregateRun, cosineSimilarity, runPoll, ssrDistribution } from '../../../engine/extraction/polls/index.js';
import { ScriptedModel } from '../../doubles/scripted-model.js';

const persona = (id: string) => ({ id, name: id, spec: { name: id, age: 40 } });

describe('SSR (semantic similarity rating)', () => {
  it('turns similarities into a distribution: minus the lowest, ε at the lowest point, normalised', () => {
    // γ = [0.2, 0.4, 0.9, 0.5, 0.3] → γ − 0.2 + 0.01·[r=1] = [0.01, 0.2, 0.7, 0.3, 0.1], sum 1.31
    const p = ssrDistribution([0.2, 0.4, 0.9, 0.5, 0.3]);
    [0.01, 0.2, 0.7, 0.3, 0.1].forEach((value, index) => {
      expect(p[index]).toBeCloseTo(value / 1.31, 12);
    });
    // Temperature 0.5 squares the masses before renormalising.
    const cold = ssrDistribution([0.2, 0.4, 0.9, 0.5, 0.3], { temperature: 0.5 });
    const squares = [0.01, 0.2, 0.7, 0.3, 0.1].map((value) => value ** 2);
    const total = squares.reduce((a, b) => a + b, 0);
    expect(cold[2]).toBeCloseTo(squares[2] / total, 12);
    expect(ssrDistribution([0.5, 0.5, 0.5])).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(cosineSimilarity([1, 0], [1, 1])).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('runs a Likert poll by SSR on a scripted model: anchors once, free text per persona, distributions aggregated', async () => {
    const vectors: Record<string, number[]> = {
      'anchor 1': [1, 0, 0],
      'anchor 2': [0.7, 0.7, 0],
      'anchor 3': [0, 1, 0],
      'anchor 4': [0, 0.7, 0.7],
      'anchor 5': [0, 0, 1],
      'I love it': [0, 0.1, 1],
      'Not for me': [1, 0.1, 0],
    };
    const model = new ScriptedModel({
      'poll.ssr.anchors': { anchors: ['anchor 1', 'anchor 2', 'anchor 3', 'anchor 4', 'anchor 5'] },
      'poll.ssr.answer': (request) => ({
        answer: (request.hints as { personaName: string }).personaName === 'p1' ? 'I love it' : 'Not for me',
      }),
    });
    model.embed = async (texts) => texts.map((text) => vectors[text]);
    const run = await runPoll({
      personas: [persona('p1'), persona('p2')],
      poll: { kind: 'likert', question: 'I would recommend it' },
      model,
      method: 'ssr',
    });
    expect(model.calls('poll.ssr.anchors')).toHaveLength(1);
    expect(model.calls('poll.answer')).toHaveLength(0);
    expect(run.method).toBe('ssr');
    expect(run.ssr).toEqual({
      anchors: ['anchor 1', 'anchor 2', 'anchor 3', 'anchor 4', 'anchor 5'],
      lexicalStandIn: true,
    });
    const [love, not] = run.answers;
    expect(love.value).toBe(5);
    expect(not.value).toBe(1);
    expect(love.reason).toBe('I love it');
    const sims = ['anchor 1', 'anchor 2', 'anchor 3', 'anchor 4', 'anchor 5'].map((anchor) =>
      cosineSimilarity(vectors['I love it'], vectors[anchor]),
    );
    expect(love.distribution).toEqual(ssrDistribution(sims));
    const results = aggregateRun(run);
    // Shares are the mean of the two personas' probabilities, not counts of their top points.
    expect(results.options[4].share).toBeCloseTo((love.distribution![4] + not.distribution![4]) / 2, 12);
    expect(results.options.reduce((sum, option) => sum + option.share, 0)).toBeCloseTo(1, 12);
  });

  it('says SSR needs an embeddings endpoint when the model has none, and keeps direct as it was', async () => {
    const model = new ScriptedModel({ 'poll.answer': { rating: 4, reason: 'fine' } });
    await expect(
      runPoll({ personas: [persona('p1')], poll: { kind: 'likert', question: 'I trust it' }, model, method: 'ssr' }),
    ).rejects.toThrow(/needs an embeddings endpoint/);
    const direct = await runPoll({
      personas: [persona('p1')],
      poll: { kind: 'likert', question: 'I trust it' },
      model,
    });
    expect(direct.method).toBe('direct');
    expect(direct.answers[0]).toMatchObject({ value: 4 });
    expect(direct.answers[0].distribution).toBeUndefined();
  });
});
