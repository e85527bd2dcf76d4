import { describe, expect, it } from 'vitest';
import { consolidate } from '../../../engine/agent/memory/consolidation.js';
import { TinyPerson } from '../../../engine/agent/tiny-person.js';
import { profileMessages } from '../../../engine/agent/compact-profile/profile-prompt.js';
import { mapMessages } from '../../../engine/extraction/extractor-prompts.js';
import { pollMessages } from '../../../engine/extraction/polls/ask.js';
import { parsePoll } from '../../../engine/extraction/polls/definition.js';
import { personaMessages } from '../../../engine/factory/prompts.js';
import type { ChatMessage } from '../../../engine/llm/port.js';
import { markStablePrefix, PREFIX_END_MARKER, sharedPrefix } from '../../../engine/llm/prompt-prefix.js';
import { renderStoryMessages } from '../../../engine/steering/story-prompts.js';
import { renderBatchedMessages } from '../../../engine/validation/batched-prompts.js';
import { renderPropositionMessages } from '../../../engine/validation/proposition-prompts.js';
import { renderExaminerMessages } from '../../../engine/validation/validator-prompts.js';
import { ScriptedModel, turn } from '../../doubles/scripted-model.js';
import { ADA } from '../agent/fixtures.js';

/**
 * One snapshot per task: the second of two consecutive calls for the same persona and task, with a marker
 * where its exact repeat of the first call's prompt ends (what a provider's prompt cache serves). Each test
 * also checks that everything stable (instructions, persona) is before the marker and what changes after.
 */
function expectPrefix(previous: ChatMessage[], next: ChatMessage[], stable: string[], changing: string[]) {
  const marked = markStablePrefix(previous, next);
  const [before, after] = marked.split(PREFIX_END_MARKER);
  for (const text of stable) expect(before, `stable part "${text}"`).toContain(text);
  // A changing part may share its first characters with the previous call's ("Would you …"), never all of them.
  for (const text of changing) expect(before, `changing part "${text}"`).not.toContain(text);
  expect(after.length).toBeGreaterThan(0);
  return marked;
}

const snapshot = (task: string) => `__snapshots__/${task}.txt`;

describe('prompts keep a stable prefix per persona and task', () => {
  it('agent.act: role, directives, actions, persona and the older memory before the dated state and the stimuli', async () => {
    let now = new Date('2025-03-04T10:00:00Z');
    const model = new ScriptedModel({ 'agent.act': turn([{ type: 'TALK', content: 'Fair prices matter to me.' }]) });
    const ada = new TinyPerson({ spec: ADA, model, clock: () => now });
    ada.listen('Would you pay for a bus-tracking app?', 'Facilitator');
    await ada.act();
    now = new Date('2025-03-04T10:05:00Z');
    ada.listen('What about €3 a month?', 'Facilitator');
    await ada.act();
    now = new Date('2025-03-04T10:10:00Z');
    ada.listen('And if your employer paid half?', 'Facilitator');
    await ada.act();
    const [, first, second] = model.calls('agent.act');
    expect(first.promptCacheKey).toBe(second.promptCacheKey);
    const marked = expectPrefix(
      first.messages,
      second.messages,
      ['# Role', '# Persona', 'Name: Ada Quist', '# Memory', 'Would you pay for a bus-tracking app?'],
      ['Date and time: 2025-03-04 10:10', 'And if your employer paid half?'],
    );
    expect(sharedPrefix(first.messages, second.messages).share).toBeGreaterThan(0.7);
    await expect(marked).toMatchFileSnapshot(snapshot('agent.act'));
  });

  it('agent.consolidate: instructions and the person before the events', async () => {
    const model = new ScriptedModel({ 'agent.consolidate': { memories: ['I met Bo.'] } });
    const entry = (content: string, ordinal: number) => ({
      ordinal,
      agent: ADA.name,
      kind: 'stimulus' as const,
      type: 'CONVERSATION',
      content,
      counterpart: 'Bo',
    });
    await consolidate(model, ADA, [entry('Hello Ada', 0)]);
    await consolidate(model, ADA, [entry('Do you cycle to work?', 1)]);
    const [first, second] = model.calls('agent.consolidate');
    const marked = expectPrefix(
      first.messages,
      second.messages,
      ['long-term memory', `Person: ${ADA.name}`],
      ['Do you cycle to work?'],
    );
    await expect(marked).toMatchFileSnapshot(snapshot('agent.consolidate'));
  });

  it('poll.answer: instructions and persona before the memory and the question, full spec or compact profile', async () => {
    const persona = { id: 'p1', name: ADA.name, spec: ADA, profile: 'Ada Quist is a Dutch nurse.' };
    const yes = parsePoll({ kind: 'yes-no', question: 'Would you pay €3 a month?' });
    const again = parsePoll({ kind: 'yes-no', question: 'Would you recommend it to a colleague?' });
    const full = expectPrefix(
      pollMessages(persona, yes),
      pollMessages(persona, again),
      ['Your persona:', '"name":"Ada Quist"'],
      ['Would you recommend it to a colleague?'],
    );
    await expect(full).toMatchFileSnapshot(snapshot('poll.answer'));
    const compact = expectPrefix(
      pollMessages(persona, yes, true),
      pollMessages(persona, again, true),
      ['Your persona (a compact profile):\nAda Quist is a Dutch nurse.'],
      ['Would you recommend it to a colleague?'],
    );
    expect(compact).not.toContain('"name":"Ada Quist"');
    await expect(compact).toMatchFileSnapshot(snapshot('poll.answer.compact'));
  });

  it('correction.score: instructions, checks, persona and trajectory before the candidate turn', async () => {
    const context = (content: string) => ({
      agentName: ADA.name,
      persona: 'Name: Ada Quist\nAge: 41',
      trajectory: 'Facilitator: Would you pay for it?',
      firstN: 10,
      lastN: 50,
      candidate: [{ type: 'TALK', content, target: 'Facilitator' }],
      scored: [1],
    });
    const checks = [{ name: 'persona_adherence', claim: 'THE NEXT ACTION ADHERES TO THE PERSONA.' }];
    const marked = expectPrefix(
      renderBatchedMessages(checks, context('No, too expensive.')),
      renderBatchedMessages(checks, context('Maybe, if it is reliable.')),
      ['## Checks', 'Name: Ada Quist', '## Trajectory'],
      ['Maybe, if it is reliable.'],
    );
    await expect(marked).toMatchFileSnapshot(snapshot('correction.score'));
  });

  it('proposition.check: instructions and the target before the claim', async () => {
    const target = '### Agent "Ada Quist"\n\nTrajectory: Facilitator said: "Hi"';
    const marked = expectPrefix(
      renderPropositionMessages('check', [target], 'Ada is polite.'),
      renderPropositionMessages('check', [target], 'Ada talks about money.'),
      ['impartial judge', 'Agent "Ada Quist"'],
      ['Ada talks about money.'],
    );
    await expect(marked).toMatchFileSnapshot(snapshot('proposition.check'));
  });

  it('extraction.map: instructions and brief before the transcript part; the part counter is last', async () => {
    const brief = { objective: 'Find what people would pay', fields: [] };
    const marked = expectPrefix(
      mapMessages(brief, 'Ada: I would pay €3.', 1, 2),
      mapMessages(brief, 'Bo: Nothing, I walk.', 2, 2),
      ['Objective: Find what people would pay', 'Transcript part:'],
      ['Bo: Nothing, I walk.', '(That was part 2 of 2.)'],
    );
    await expect(marked).toMatchFileSnapshot(snapshot('extraction.map'));
  });

  it('persona.profile: the writer instructions before the persona', async () => {
    const marked = expectPrefix(
      profileMessages(ADA),
      profileMessages({ ...ADA, name: 'Bo Jansen' }),
      ['compact profile', 'never add a name'],
      ['Bo Jansen'],
    );
    await expect(marked).toMatchFileSnapshot(snapshot('persona.profile'));
  });

  it('validator.question: instructions, persona and the interview so far before the round counter', async () => {
    const person = { name: ADA.name, spec: ADA };
    const round = { question: 'Where do you work?', answer: 'At Utrecht hospital.' };
    const marked = expectPrefix(
      renderExaminerMessages(person, undefined, [round], 5),
      renderExaminerMessages(person, undefined, [round, { question: 'Do you bake?', answer: 'Sourdough.' }], 5),
      [`You are interviewing ${ADA.name}`, 'Where do you work?'],
      ['Do you bake?', 'Questions asked: 2 of at most 5.'],
    );
    await expect(marked).toMatchFileSnapshot(snapshot('validator.question'));
  });

  it('factory.persona: instructions and the population before this person’s values and name', async () => {
    const brief = { description: 'nurses in Lagos', requirements: [] };
    const combo = (name: string, age: string) => ({
      subpopulation_description: 'night-shift nurses',
      sampled_values: { age },
      name,
    });
    const marked = expectPrefix(
      personaMessages(brief, combo('Ngozi Eze', '34')),
      personaMessages(brief, combo('Bisi Ade', '51')),
      ['Population: nurses in Lagos', 'Sub-population: night-shift nurses'],
      ['- age: 51', 'Name: Bisi Ade'],
    );
    await expect(marked).toMatchFileSnapshot(snapshot('factory.persona'));
  });

  it('story.continue: instructions, purpose and the story so far before the state and the request', async () => {
    const input = (state: string, story: string[]) => ({
      purpose: 'test a price rise',
      context: 'a bus company',
      state,
      storySoFar: story,
      instruction: 'Continue the story.',
    });
    const marked = expectPrefix(
      renderStoryMessages(input('Ada is annoyed.', ['Fares rose.'])),
      renderStoryMessages(input('Ada walks.', ['Fares rose.', 'Ada complained.'])),
      ['storyteller', '## Purpose of the story', 'Fares rose.'],
      ['Ada complained.', 'Ada walks.'],
    );
    await expect(marked).toMatchFileSnapshot(snapshot('story.continue'));
  });
});
