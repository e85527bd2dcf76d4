import { describe, expect, it } from 'vitest';
import { TinyPerson } from '../../../engine/agent/tiny-person.js';
import { RecallFaculty } from '../../../engine/agent/faculties/recall.js';
import { ADA } from './fixtures.js';
import { ScriptedModel, turn } from '../../doubles/scripted-model.js';

function agentWith(replies: unknown[], faculties = [] as RecallFaculty[]) {
  const model = new ScriptedModel({ 'agent.act': replies });
  return { model, agent: new TinyPerson({ spec: ADA, model, faculties }) };
}

describe('TinyPerson act loop', () => {
  it('commits actions in order and stops at DONE', async () => {
    const { agent } = agentWith([
      turn([
        { type: 'THINK', content: 'Hmm' },
        { type: 'TALK', content: 'Hello Bo', target: 'Bo' },
        { type: 'DONE' },
        { type: 'TALK', content: 'never said' },
      ]),
    ]);
    agent.listen('Hi Ada, how are you?', 'Bo');
    const actions = await agent.act();
    expect(actions.map((action) => action.type)).toEqual(['THINK', 'TALK']);
    expect(actions[1]).toEqual({ type: 'TALK', content: 'Hello Bo', target: 'Bo' });
    const kinds = agent.trajectory().map((event) => `${event.kind}:${event.type}`);
    expect(kinds).toEqual(['stimulus:CONVERSATION', 'action:THINK', 'action:TALK']);
    expect(agent.cognitiveState.goals).toBe('answer well');
  });

  it('works when DONE is missing (it is implied)', async () => {
    const { agent } = agentWith([turn([{ type: 'talk', content: 'Fine, thanks' }])]);
    agent.listen('How are you?', 'Bo');
    expect(await agent.act()).toEqual([{ type: 'TALK', content: 'Fine, thanks', target: '' }]);
  });

  it('caps the number of actions and leaves a warning memory', async () => {
    const many = Array.from({ length: 20 }, (_, i) => ({
      type: 'THINK',
      content: `distinct thought number ${i} about topic ${i * 7}`,
    }));
    const { agent } = agentWith([turn(many)]);
    const actions = await agent.act({ maxActions: 4 });
    expect(actions).toHaveLength(4);
    expect(agent.trajectory().at(-1)?.content).toMatch(/more than 4 things/);
  });

  it('guards against repetition: a near-copy of the previous action becomes DONE plus a warning', async () => {
    const { agent } = agentWith([
      turn([{ type: 'TALK', content: 'I really like the new bike lanes in town', target: 'Bo' }]),
      turn([
        { type: 'TALK', content: 'I really like the new bike lanes in town!', target: 'Bo' },
        { type: 'TALK', content: 'something else entirely', target: 'Bo' },
      ]),
    ]);
    agent.listen('Bike lanes?', 'Bo');
    expect(await agent.act()).toHaveLength(1);
    agent.listen('And?', 'Bo');
    expect(await agent.act()).toEqual([]);
    const last = agent.trajectory().at(-1);
    expect(last?.kind).toBe('stimulus');
    expect(last?.content).toMatch(/repeat myself/);
  });

  it('skips a repeated THINK but still says the TALK that follows it', async () => {
    const thought =
      'The facilitator is asking about parking. It makes me think of travel on a budget; I will answer honestly.';
    const { agent } = agentWith([
      turn([
        { type: 'THINK', content: thought, target: '' },
        { type: 'TALK', content: 'Parking at £10 is too much for me.', target: 'Bo' },
      ]),
      turn([
        { type: 'THINK', content: thought.replace('parking', 'rain'), target: '' },
        { type: 'TALK', content: 'Rain would keep me off the bike.', target: 'Bo' },
      ]),
    ]);
    agent.listen('Parking?', 'Bo');
    await agent.act();
    agent.listen('Rain?', 'Bo');
    expect(await agent.act()).toEqual([{ type: 'TALK', content: 'Rain would keep me off the bike.', target: 'Bo' }]);
    expect(agent.trajectory().some((event) => /repeat myself \(THINK/.test(event.content))).toBe(true);
  });

  it('keeps similar content addressed to a different target', async () => {
    const { agent } = agentWith([
      turn([
        { type: 'TALK', content: 'The meeting is at noon', target: 'Bo' },
        { type: 'TALK', content: 'The meeting is at noon', target: 'Cy' },
      ]),
    ]);
    expect(await agent.act()).toHaveLength(2);
  });

  it('drops unknown action types with a warning memory, keeps faculty actions', async () => {
    const { agent, model } = agentWith(
      [
        turn([
          { type: 'DANCE', content: 'a jig' },
          { type: 'RECALL', content: 'bikes' },
          { type: 'TALK', content: 'Done dancing' },
        ]),
      ],
      [new RecallFaculty()],
    );
    const actions = await agent.act();
    expect(actions.map((action) => action.type)).toEqual(['RECALL', 'TALK']);
    const stimuli = agent
      .trajectory()
      .filter((event) => event.kind === 'stimulus')
      .map((event) => event.content);
    expect(stimuli.some((content) => /cannot take \(DANCE\)/.test(content))).toBe(true);
    expect(stimuli.some((content) => /recall/i.test(content) && content.includes('bikes'))).toBe(true);
    expect(model.calls('agent.act')[0].messages[0].content).toContain('RECALL:');
  });

  it('shows new stimuli last and only once; REACH_OUT makes the target accessible', async () => {
    const { agent, model } = agentWith([turn([{ type: 'REACH_OUT', target: 'Cy' }]), turn([{ type: 'DONE' }])]);
    agent.listen('Please talk to Cy about the budget', 'Bo');
    await agent.act();
    expect(agent.accessibleAgents.has('Cy')).toBe(true);
    await agent.act();
    const [first, second] = model.calls('agent.act').map((request) => request.messages[1].content);
    expect(first.split('# New stimuli')[1]).toContain('talk to Cy about the budget');
    expect(second.split('# New stimuli')[1]).toContain('Nothing new happened');
    expect(second).toContain('People you can talk to: Cy');
  });

  it('stamps events with the simulated clock and the thread key', async () => {
    const events: unknown[] = [];
    const model = new ScriptedModel({ 'agent.act': [turn([{ type: 'TALK', content: 'ok', target: 'Bo' }])] });
    const agent = new TinyPerson({
      spec: ADA,
      model,
      clock: () => new Date('2025-01-02T03:04:05Z'),
      onEvent: (event) => events.push(event),
    });
    agent.listen('ready?', 'Bo', 't1');
    await agent.act({ threadKey: 't1' });
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'stimulus',
        threadKey: 't1',
        simTime: '2025-01-02T03:04:05.000Z',
        counterpart: 'Bo',
      }),
      expect.objectContaining({ kind: 'action', type: 'TALK', threadKey: 't1', counterpart: 'Bo' }),
    ]);
  });
});
