import { describe, expect, it } from 'vitest';
import { TinyPerson } from '../../../engine/agent/tiny-person.js';
import { RecallFaculty } from '../../../engine/agent/faculties/recall.js';
import { WordProcessorFaculty } from '../../../engine/agent/faculties/word-processor.js';
import { renderPersona } from '../../../engine/agent/prompt/persona.js';
import { renderCognitiveState } from '../../../engine/agent/prompt/cognitive-state.js';
import { renderMemory, renderEntry } from '../../../engine/agent/prompt/memory.js';
import { countMessageTokens, countTokens } from '../../../engine/llm/tokens.js';
import { agentScript } from '../../doubles/agent-script.js';
import { HAS_TINYTROUPE, NEEDS_TINYTROUPE, fixedClock, tinyTroupePersona } from './fixtures.js';
import { ScriptedModel, turn } from '../../doubles/scripted-model.js';

describe('prompt sections', () => {
  it.runIf(HAS_TINYTROUPE)(`renders the persona compactly, extra fields included ${NEEDS_TINYTROUPE}`, () => {
    const lisa = tinyTroupePersona('Lisa');
    const text = renderPersona({ ...lisa, projects: [{ name: 'Atlas', description: 'search revamp' }] });
    expect(text).toContain('Name: Lisa Carter');
    expect(text).toContain('Occupation:\n  Title: Data Scientist');
    expect(text).toContain('- Atlas: search revamp');
    expect(countTokens(text)).toBeLessThan(countTokens(JSON.stringify(lisa, null, 4)) * 0.85);
  });

  it('really renders the cognitive state', () => {
    const text = renderCognitiveState({
      state: {
        goals: 'win the argument',
        context: ['a bakery', 'morning rush'],
        attention: 'the oven',
        emotions: 'anxious',
        location: 'Lyon',
      },
      accessibleAgents: ['Bo', 'Cy'],
      retrieved: [{ content: 'I burned the croissants last week.', score: 1 }],
      currentTime: new Date('2025-03-04T10:00:00Z'),
      maxEntryChars: 200,
    });
    for (const expected of [
      'Goals: win the argument',
      'Context: a bakery; morning rush',
      'Attention: the oven',
      'Emotions: anxious',
      'Location: Lyon',
      'People you can talk to: Bo, Cy',
      'I burned the croissants',
      '2025-03-04 10:00',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('windows memory with an omitted note and caps entries', () => {
    const past = Array.from({ length: 50 }, (_, i) => ({
      agent: 'Ada',
      kind: 'stimulus' as const,
      type: 'CONVERSATION',
      content: `message ${i} ${'x'.repeat(i === 49 ? 900 : 0)}`,
      counterpart: 'Bo',
    }));
    const text = renderMemory({
      selfName: 'Ada',
      past,
      droppedBefore: 0,
      consolidated: [{ content: 'I met Bo.' }],
      firstN: 3,
      lastN: 4,
      maxEntryChars: 100,
    });
    expect(text).toContain('message 2"');
    expect(text).not.toContain('message 3"');
    // The tail moves 2 (half of lastN) at a time: 50 - 3 - 4 = 43 overflow, so 42 are omitted and 5 shown.
    expect(text).toContain('(42 later events omitted for brevity)');
    expect(text).toContain('message 45');
    expect(text).not.toContain('message 44');
    expect(text).toContain('I met Bo.');
    expect(text.split('\n').every((line) => line.length < 130)).toBe(true);
    expect(
      renderEntry({ agent: 'Ada', kind: 'action', type: 'TALK', content: 'hi', counterpart: 'Bo' }, 'Ada', 50),
    ).toBe('I said to Bo: "hi"');
  });
});

describe.runIf(HAS_TINYTROUPE)(`act prompt ${NEEDS_TINYTROUPE}`, () => {
  it('matches the committed snapshot for Lisa', async () => {
    const model = new ScriptedModel({
      'agent.act': [
        turn(
          [{ type: 'TALK', content: 'Happy to help with search questions.', target: 'Facilitator' }],
          'help the team',
        ),
      ],
    });
    const agent = new TinyPerson({
      spec: tinyTroupePersona('Lisa'),
      model,
      clock: fixedClock(),
      faculties: [new RecallFaculty(), new WordProcessorFaculty()],
    });
    agent.makeAccessible('Oscar');
    agent.changeLocation('Microsoft campus, Redmond');
    agent.listen('Hello Lisa, can you help us?', 'Facilitator');
    await agent.act();
    agent.listen('What do you think about AI in search?', 'Facilitator');
    const messages = agent.buildPrompt();
    const rendered = messages.map((message) => `=== ${message.role} ===\n${message.content}`).join('\n\n');
    await expect(rendered).toMatchFileSnapshot('__snapshots__/lisa-act-prompt.txt');
    const tokens = countMessageTokens(messages);
    expect(tokens).toBeGreaterThan(1500);
    expect(tokens).toBeLessThan(3000);
  });

  it('stays bounded: 200 turns is not much larger than 20', async () => {
    const model = new ScriptedModel(agentScript());
    const topics = [
      'pricing',
      'remote work',
      'electric cars',
      'holidays',
      'coffee',
      'privacy',
      'music apps',
      'gardening',
      'streaming',
      'banking',
    ];
    const agent = new TinyPerson({ spec: tinyTroupePersona('Oscar'), model, clock: fixedClock() });
    const sizes: Record<number, number> = {};
    for (let i = 1; i <= 200; i++) {
      agent.listen(
        `Question ${i}: what do you think about ${topics[i % topics.length]} for people like you?`,
        'Facilitator',
      );
      if (i === 20 || i === 200) sizes[i] = countMessageTokens(agent.buildPrompt());
      await agent.act();
    }
    expect(sizes[200] / sizes[20]).toBeLessThanOrEqual(1.3);
    expect(agent.semanticMemories.length).toBeGreaterThan(10);
  });
});
