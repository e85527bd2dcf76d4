import { describe, expect, it } from 'vitest';
import { GroundingFaculty } from '../../../engine/agent/faculties/grounding.js';
import { RecallFaculty } from '../../../engine/agent/faculties/recall.js';
import { WordProcessorFaculty, parseDocument } from '../../../engine/agent/faculties/word-processor.js';
import { TinyPerson } from '../../../engine/agent/tiny-person.js';
import { ADA, fixedClock } from './fixtures.js';
import { ScriptedModel, turn } from '../../doubles/scripted-model.js';

const lastThought = (agent: TinyPerson) =>
  agent
    .trajectory()
    .filter((event) => event.kind === 'stimulus')
    .at(-1)?.content ?? '';

describe('faculties', () => {
  it('RECALL finds an old episodic memory and perceives it as a thought', async () => {
    const model = new ScriptedModel({
      'agent.act': [turn([{ type: 'DONE' }]), turn([{ type: 'RECALL', content: 'Lena Porto' }])],
    });
    const agent = new TinyPerson({ spec: ADA, model, faculties: [new RecallFaculty()] });
    agent.listen('My sister Lena moved to Porto last spring.', 'Bo');
    await agent.act();
    await agent.act();
    expect(lastThought(agent)).toMatch(/Lena moved to Porto/);
  });

  it('grounding lists documents and consults one by name', async () => {
    const grounding = new GroundingFaculty({
      documents: [{ name: 'pricing.md', content: 'Basic plan: 5 EUR a month. Family plan: 12 EUR.' }],
    });
    const model = new ScriptedModel({
      'agent.act': [
        turn([{ type: 'LIST_DOCUMENTS' }]),
        turn([{ type: 'CONSULT', content: 'Pricing.md' }]),
        turn([{ type: 'CONSULT', content: 'menu.pdf' }]),
      ],
    });
    const agent = new TinyPerson({ spec: ADA, model, faculties: [grounding] });
    await agent.act();
    expect(lastThought(agent)).toBe('Documents I can consult: pricing.md');
    await agent.act();
    expect(lastThought(agent)).toContain('Family plan: 12 EUR');
    await agent.act();
    expect(lastThought(agent)).toMatch(/no document called "menu.pdf"/);
  });

  it('grounding excerpts the passages relevant to the target of a long document', async () => {
    const paragraphs = Array.from(
      { length: 40 },
      (_, i) =>
        `Section ${i}: ${i === 33 ? 'the warranty covers batteries for two years' : 'general terms and conditions apply here'}.`,
    );
    const grounding = new GroundingFaculty({
      documents: [{ name: 'terms', content: paragraphs.join('\n\n') }],
      excerptChars: 200,
    });
    const result = await grounding.execute({ type: 'CONSULT', content: 'terms', target: 'warranty batteries' });
    expect(result.stimuli?.[0].content).toContain('Section 33: the warranty covers batteries');
    expect(result.stimuli?.[0].content.length).toBeLessThan(260);
  });

  it('the word processor produces artifacts kept on the agent', async () => {
    const document = JSON.stringify({ title: 'Bike lane proposal', content: '# Why\nSafer streets.' });
    const model = new ScriptedModel({
      'agent.act': [
        turn([
          { type: 'WRITE_DOCUMENT', content: document },
          { type: 'TALK', content: 'Written!' },
        ]),
      ],
    });
    const agent = new TinyPerson({ spec: ADA, model, clock: fixedClock(), faculties: [new WordProcessorFaculty()] });
    await agent.act();
    expect(agent.artifacts).toEqual([
      {
        title: 'Bike lane proposal',
        content: '# Why\nSafer streets.',
        author: 'Ada Quist',
        createdAt: '2025-03-04T10:00:00.000Z',
      },
    ]);
    expect(lastThought(agent)).toContain('Bike lane proposal');
    expect(parseDocument('# Notes\nline one\nline two')).toEqual({ title: 'Notes', content: 'line one\nline two' });
  });
});
