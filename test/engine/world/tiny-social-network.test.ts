import { describe, expect, it } from 'vitest';
import type { Action } from '../../../engine/agent/events.js';
import { DELIVERY_NOTICES, TinySocialNetwork } from '../../../engine/world/index.js';
import { ScriptedAgent } from '../../doubles/scripted-agent.js';

const once = (actions: Action[]) => ({ script: ({ turn }: { turn: number }) => (turn === 1 ? actions : []) });

describe('TinySocialNetwork', () => {
  it('delivers only between related agents and tells the speaker when a TALK is not delivered', async () => {
    const ada = new ScriptedAgent(
      'Ada',
      once([
        { type: 'TALK', content: 'Hi Bo', target: 'Bo' },
        { type: 'TALK', content: 'Hi Cy', target: 'Cy' },
      ]),
    );
    const bo = new ScriptedAgent('Bo', once([{ type: 'TALK', content: 'Hello everyone', target: '' }]));
    const cy = new ScriptedAgent('Cy');
    const net = new TinySocialNetwork({ name: 'office', agents: [ada, bo, cy] });
    net.addRelation('Ada', 'Bo', 'colleagues');
    const results = await net.run({ steps: 2, threadKey: 't' });
    expect(results).toHaveLength(2);
    expect(bo.heard()).toEqual(['Ada: Hi Bo']);
    expect(cy.heard()).toEqual([]);
    expect(ada.heard()).toEqual(['Bo: Hello everyone']);
    expect(ada.events.filter((e) => e.type === 'SOCIAL').map((e) => e.content)).toEqual([
      DELIVERY_NOTICES.unreachableTalk('Cy'),
    ]);
    expect(
      net
        .trajectory()
        .filter((e) => e.kind === 'stimulus')
        .map((e) => [e.agent, e.counterpart, e.threadKey]),
    ).toEqual([['Ada', 'world', 't']]);
  });

  it('resets accessibility to relations before each step and refuses REACH_OUT to strangers', async () => {
    const ada = new ScriptedAgent('Ada', once([{ type: 'REACH_OUT', content: '', target: 'Cy' }]));
    const bo = new ScriptedAgent('Bo');
    const cy = new ScriptedAgent('Cy');
    const net = new TinySocialNetwork({
      name: 'n',
      agents: [ada, bo, cy],
      relations: [{ a: 'Ada', b: 'Bo', name: 'friends' }],
    });
    ada.makeAccessible('Cy');
    await net.step();
    expect([...ada.accessibleAgents]).toEqual(['Bo']);
    expect([...cy.accessibleAgents]).toEqual([]);
    expect(ada.events.some((e) => e.content === DELIVERY_NOTICES.unreachableReach('Cy'))).toBe(true);
  });

  it('facilitator broadcasts still reach everyone; an agent broadcast reaches its relations only', () => {
    const [ada, bo, cy] = ['Ada', 'Bo', 'Cy'].map((n) => new ScriptedAgent(n));
    const net = new TinySocialNetwork({ name: 'n', agents: [ada, bo, cy] });
    net.addRelation(ada, cy, 'family');
    net.broadcast('Welcome', 'facilitator');
    net.broadcast('News from Ada', 'Ada');
    expect([ada.heard(), bo.heard(), cy.heard()]).toEqual([
      ['facilitator: Welcome'],
      ['facilitator: Welcome'],
      ['facilitator: Welcome', 'Ada: News from Ada'],
    ]);
  });

  it('manages named relations, removal, agent removal and state', async () => {
    const [ada, bo, cy] = ['Ada', 'Bo', 'Cy'].map((n) => new ScriptedAgent(n));
    const net = new TinySocialNetwork({ name: 'n', agents: [ada, bo] });
    net.addRelation('Ada', 'Bo', 'friends').addRelation('Ada', 'Bo', 'colleagues').addRelation('Bo', cy, 'neighbours');
    expect(net.agents.map((a) => a.name)).toEqual(['Ada', 'Bo', 'Cy']);
    expect(net.isRelated('Bo', 'Ada', 'friends')).toBe(true);
    expect(net.relatedTo('Bo')).toEqual(['Ada', 'Cy']);
    expect(() => net.addRelation('Ada', 'Zed')).toThrow(expect.objectContaining({ code: 'network.unknown-agent' }));
    expect(() => net.addRelation('Ada', 'Ada')).toThrow(expect.objectContaining({ code: 'network.self-relation' }));
    net.removeRelation('Ada', 'Bo', 'friends');
    expect(net.isRelated('Ada', 'Bo')).toBe(true);
    const state = JSON.parse(JSON.stringify(net.toState()));
    const copy = new TinySocialNetwork({
      name: 'n',
      agents: ['Ada', 'Bo', 'Cy'].map((n) => new ScriptedAgent(n)),
    }).fromState(state);
    expect(copy.relations).toEqual(net.relations);
    expect(copy.toState()).toEqual(net.toState());
    net.removeRelation('Ada', 'Bo');
    expect(ada.accessibleAgents.has('Bo')).toBe(false);
    net.removeAgent('Cy');
    expect(net.relations).toEqual([]);
  });
});
