import { describe, expect, it } from 'vitest';
import { TinyPersonValidator } from '../../../engine/validation/index.js';
import { ScriptedModel } from '../../doubles/scripted-model.js';
import { ScriptedAgent, talk } from '../../doubles/scripted-agent.js';

/** Every judge call reports the same usage, so the tallies below are exact. */
const FIXED_USAGE = { usage: { inputTokens: 100, outputTokens: 10 } };

const lisa = () =>
  new ScriptedAgent(
    { name: 'Lisa', occupation: { title: 'Data scientist' }, preferences: { interests: ['cooking'] } },
    { turns: [(heard) => [talk(`About "${heard}": I am a data scientist and I love cooking.`)]] },
  );

describe('TinyPersonValidator', () => {
  it('stops after 10 rounds when the examiner never concludes, then asks for a verdict', async () => {
    const model = new ScriptedModel(
      {
        'validator.question': (_r, i) => ({
          kind: 'question',
          question: `Question ${i + 1}?`,
          score: 0,
          justification: '',
        }),
        'validator.verdict': () => ({ score: 0.7, justification: 'mostly in character' }),
      },
      FIXED_USAGE,
    );
    const person = lisa();
    const result = await new TinyPersonValidator({ model }).validate(person, 'A data scientist.');
    expect(result.rounds).toHaveLength(10);
    expect(result).toMatchObject({ score: 0.7, justification: 'mostly in character', concludedByExaminer: false });
    expect(model.tasks().filter((t) => t === 'validator.question')).toHaveLength(10);
    expect(model.tasks().at(-1)).toBe('validator.verdict');
    expect(person.actCalls).toBe(10);
    expect(result.rounds[9]).toEqual({
      question: 'Question 10?',
      answer: 'About "Question 10?": I am a data scientist and I love cooking.',
    });
    // The verdict sees the whole interview and the expectations.
    const verdictPrompt = model.requests.at(-1)!.messages[1].content;
    expect(verdictPrompt).toContain('Q10: Question 10?');
    expect(verdictPrompt).toContain('A data scientist.');
  });

  it('ends early on the examiner verdict and checks against the spec without expectations', async () => {
    const model = new ScriptedModel(
      {
        'validator.question': (_r, i) =>
          i < 2
            ? { kind: 'question', question: `Q${i}`, score: 0, justification: '' }
            : { kind: 'verdict', question: '', score: 0.9, justification: 'matches' },
      },
      FIXED_USAGE,
    );
    const result = await new TinyPersonValidator({ model }).validate(lisa());
    expect(result).toMatchObject({ score: 0.9, concludedByExaminer: true });
    expect(result.rounds).toHaveLength(2);
    expect(model.requests[0].messages[1].content).toContain('No explicit expectations were given');
    expect(model.requests[0].messages[1].content).toContain('"Data scientist"');
  });
});
