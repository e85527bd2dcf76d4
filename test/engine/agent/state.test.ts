import { describe, expect, it } from 'vitest';
import { TinyPerson } from '../../../engine/agent/tiny-person.js';
import { GroundingFaculty } from '../../../engine/agent/faculties/grounding.js';
import { RecallFaculty } from '../../../engine/agent/faculties/recall.js';
import { WordProcessorFaculty } from '../../../engine/agent/faculties/word-processor.js';
import { MemoryStore } from '../../../engine/store/memory-store.js';
import { UserInputError } from '../../../engine/errors.js';
import { libraryPersona } from '../../fixtures/tinytroupe.js';
import { agentScript } from '../../doubles/agent-script.js';
import { ScriptedModel } from '../../doubles/scripted-model.js';
import { fixedClock } from './fixtures.js';

async function busyAgent() {
  const model = new ScriptedModel(agentScript());
  const agent = new TinyPerson({
    spec: libraryPersona('priya-nair'),
    model,
    clock: fixedClock(),
    memory: { consolidateAfter: 4, firstN: 0, lastN: 2 },
    faculties: [
      new RecallFaculty(),
      new GroundingFaculty({ documents: [{ name: 'brief.md', content: 'Launch in May.' }] }),
      new WordProcessorFaculty(),
    ],
  });
  agent.makeAccessible('Oscar');
  agent.changeLocation('Seattle office');
  for (const question of [
    'What do you think about search ads?',
    'Could you write a memo about privacy?',
    'How about voice assistants?',
    'And dashboards?',
  ]) {
    agent.listen(question, 'Facilitator', 'thread-1');
    await agent.act({ threadKey: 'thread-1' });
  }
  agent.listen('One more: what about the launch?', 'Facilitator', 'thread-1');
  return { agent, model };
}

describe('agent state round trip', () => {
  it('restores spec, memories, cognitive state, accessible agents, faculties and artifacts from JSON', async () => {
    const { agent, model } = await busyAgent();
    const state = JSON.parse(JSON.stringify(agent.toState()));
    const restored = TinyPerson.fromState(state, { model, clock: fixedClock() });
    expect(restored.toState()).toEqual(agent.toState());
    expect(restored.artifacts.length).toBe(1);
    expect(restored.semanticMemories.length).toBeGreaterThan(0);
    expect(restored.cognitiveState.location).toBe('Seattle office');
    expect(restored.faculties.map((faculty) => faculty.name)).toEqual(['recall', 'grounding', 'word-processor']);
    expect(restored.buildPrompt()).toEqual(agent.buildPrompt());
    // The restored agent sends the model exactly the request the original would.
    await agent.act();
    await restored.act();
    const [fromOriginal, fromRestored] = model.calls('agent.act').slice(-2);
    expect(fromRestored.messages).toEqual(fromOriginal.messages);
  });

  it('round-trips through the MemoryStore', async () => {
    const { agent, model } = await busyAgent();
    const store = new MemoryStore();
    await store.ensureTenant({ id: 't1', platform: 'local' });
    const panel = await store.createPanel('t1', { name: 'p', description: 'test' });
    const [record] = await store.addPersonas('t1', panel.id, [{ name: agent.name, spec: agent.spec }]);
    await store.savePersonaState('t1', record.id, agent.toState());
    const [loaded] = await store.listPersonas('t1', panel.id);
    const restored = TinyPerson.fromState(loaded.state, { model, clock: fixedClock() });
    expect(restored.toState()).toEqual(agent.toState());
    expect(restored.trajectory().map((event) => event.content)).toEqual(
      agent.trajectory().map((event) => event.content),
    );
  });

  it('rejects a broken state with the path', () => {
    const model = new ScriptedModel(agentScript());
    expect(() => TinyPerson.fromState({ version: 1, spec: { name: 'X' } }, { model })).toThrow(UserInputError);
    expect(() => TinyPerson.fromState({ version: 1, spec: { name: 'X' } }, { model })).toThrow(/state\.cognitiveState/);
  });
});
