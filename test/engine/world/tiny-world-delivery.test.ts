import { describe, expect, it } from 'vitest';
import type { Action } from '../../../engine/agent/events.js';
import { TinyWorld } from '../../../engine/world/index.js';
import { ScriptedAgent, latencies, type TurnScript } from '../../doubles/scripted-agent.js';

const echo: TurnScript = ({ agent, newStimuli, turn }) => [
  { type: 'THINK', content: `${agent.name} thinks (turn ${turn})`, target: '' },
  {
    type: 'TALK',
    content: `${agent.name} t${turn} heard [${newStimuli.map((s) => `${s.counterpart}:${s.content.slice(0, 12)}`).join(' / ')}]`,
    target: '',
  },
];

function say(...actions: Action[]): TurnScript {
  return () => actions;
}

describe('TinyWorld delivery', () => {
  it('gives identical transcripts whichever agent finishes first', async () => {
    const names = ['Ada', 'Bo', 'Cy', 'Di'];
    const finishOrders: string[][] = [];
    const runOnce = async (delayFor: (index: number) => () => number) => {
      const finished: string[] = [];
      const agents = names.map(
        (name, i) =>
          new ScriptedAgent(name, {
            delayMs: delayFor(i),
            script: (context) => {
              finished.push(name);
              return echo(context);
            },
          }),
      );
      const world = new TinyWorld({ name: 'panel', agents });
      world.broadcast('What do you think of oat milk?', 'facilitator', 't1');
      await world.run({ steps: 3, stepDuration: { minutes: 1 }, threadKey: 't1' });
      finishOrders.push(finished.slice(0, names.length));
      return { transcript: world.trajectory(), memories: agents.map((a) => a.events) };
    };
    const ascending = await runOnce((i) => () => i * 15);
    const descending = await runOnce((i) => () => (names.length - i) * 15);
    const shuffled = await runOnce((i) => latencies(i + 7, 25));
    expect(finishOrders[0]).not.toEqual(finishOrders[1]);
    expect(descending).toEqual(ascending);
    expect(shuffled).toEqual(ascending);
    // Parallel: nobody hears this step's words during the step, so turn 1 only heard the facilitator.
    expect(ascending.memories[3].filter((e) => e.kind === 'action' && e.type === 'TALK')[0].content).toBe(
      `Di t1 heard [facilitator:${'What do you think of oat milk?'.slice(0, 12)}]`,
    );
    expect(ascending.transcript.every((e) => e.threadKey === 't1')).toBe(true);
  });

  it('delivers a targeted TALK only to its target and an untargeted one to everyone else', async () => {
    const ada = new ScriptedAgent('Ada', { script: say({ type: 'TALK', content: 'Bo, you first', target: 'Bo' }) });
    const bo = new ScriptedAgent('Bo', { script: say({ type: 'TALK', content: 'Hello all', target: '' }) });
    const cy = new ScriptedAgent('Cy', { script: say({ type: 'THINK', content: 'hmm', target: '' }) });
    const world = new TinyWorld({ name: 'w', agents: [ada, bo, cy] });
    const [result] = await world.run({ steps: 1 });
    expect(result.turns.map((t) => t.agent)).toEqual(['Ada', 'Bo', 'Cy']);
    expect(bo.heard()).toEqual(['Ada: Bo, you first']);
    expect(cy.heard()).toEqual(['Bo: Hello all']);
    expect(ada.heard()).toEqual(['Bo: Hello all']);
    expect(world.trajectory().map((e) => [e.agent, e.type, e.counterpart])).toEqual([
      ['Ada', 'TALK', 'Bo'],
      ['Bo', 'TALK', undefined],
      ['Cy', 'THINK', undefined],
    ]);
  });

  it('treats an unknown target as no target, and drops untargeted talk when broadcastIfNoTarget is false', async () => {
    const build = (broadcastIfNoTarget: boolean) => {
      const ada = new ScriptedAgent('Ada', {
        script: say(
          { type: 'TALK', content: 'anyone?', target: 'Zed' },
          { type: 'TALK', content: 'to all', target: '' },
        ),
      });
      const bo = new ScriptedAgent('Bo');
      return { bo, world: new TinyWorld({ name: 'w', agents: [ada, bo], broadcastIfNoTarget }) };
    };
    const on = build(true);
    await on.world.step();
    expect(on.bo.heard()).toEqual(['Ada: anyone?', 'Ada: to all']);
    const off = build(false);
    await off.world.step();
    expect(off.bo.heard()).toEqual([]);
  });

  it('matches targets ignoring case and never delivers to the speaker', async () => {
    const ada = new ScriptedAgent('Ada', {
      script: say(
        { type: 'TALK', content: 'hi bo', target: 'bo' },
        { type: 'TALK', content: 'note to self', target: 'Ada' },
      ),
    });
    const bo = new ScriptedAgent('Bo');
    const world = new TinyWorld({ name: 'w', agents: [ada, bo] });
    await world.step();
    expect(bo.heard()).toEqual(['Ada: hi bo', 'Ada: note to self']);
    expect(ada.heard()).toEqual([]);
  });

  it('REACH_OUT makes two agents mutually accessible and tells both', async () => {
    const ada = new ScriptedAgent('Ada', { script: say({ type: 'REACH_OUT', content: '', target: 'Bo' }) });
    const bo = new ScriptedAgent('Bo');
    const world = new TinyWorld({ name: 'w', agents: [ada, bo] });
    expect(ada.accessibleAgents.has('Bo')).toBe(false);
    await world.step();
    expect([...ada.accessibleAgents]).toEqual(['Bo']);
    expect([...bo.accessibleAgents]).toEqual(['Ada']);
    expect(ada.events.some((e) => e.type === 'SOCIAL' && e.content.includes('Bo was successfully reached out'))).toBe(
      true,
    );
    expect(bo.events.some((e) => e.type === 'SOCIAL' && e.content.includes('Ada reached out to you'))).toBe(true);
  });

  it('broadcast reaches every agent, and an agent source reaches everyone but itself', () => {
    const agents = ['Ada', 'Bo', 'Cy'].map((n) => new ScriptedAgent(n));
    const world = new TinyWorld({ name: 'w', agents });
    world.broadcast('Welcome', 'facilitator');
    world.broadcast('I am Ada', 'Ada');
    expect(agents.map((a) => a.heard())).toEqual([
      ['facilitator: Welcome'],
      ['facilitator: Welcome', 'Ada: I am Ada'],
      ['facilitator: Welcome', 'Ada: I am Ada'],
    ]);
    expect(world.trajectory().map((e) => e.agent)).toEqual(['facilitator', 'Ada']);
  });

  it('in sequential mode later agents hear earlier ones within the step, in a seeded order', async () => {
    const make = (seed: number) => {
      const agents = ['Ada', 'Bo', 'Cy', 'Di'].map((n) => new ScriptedAgent(n, { script: echo }));
      return { agents, world: new TinyWorld({ name: 'w', agents, mode: 'sequential', seed }) };
    };
    const first = make(11);
    const [result] = await first.world.run({ steps: 1 });
    const order = result.turns.map((t) => t.agent);
    expect([...order].sort()).toEqual(['Ada', 'Bo', 'Cy', 'Di']);
    order.forEach((name, position) => {
      const agent = first.agents.find((a) => a.name === name)!;
      const talk = agent.events.find((e) => e.kind === 'action' && e.type === 'TALK')!;
      for (const earlier of order.slice(0, position)) expect(talk.content).toContain(`${earlier}:`);
      for (const later of order.slice(position + 1)) expect(talk.content).not.toContain(`${later}:`);
    });
    const again = make(11);
    expect((await again.world.run({ steps: 1 }))[0].turns.map((t) => t.agent)).toEqual(order);
    const fixed = new TinyWorld({
      name: 'w',
      agents: ['Ada', 'Bo', 'Cy'].map((n) => new ScriptedAgent(n, { script: echo })),
      mode: 'sequential',
      sequentialOrder: 'fixed',
    });
    expect((await fixed.step()).turns.map((t) => t.agent)).toEqual(['Ada', 'Bo', 'Cy']);
  });

  it('makeEveryoneAccessible, addAgent and removeAgent keep accessibility consistent', () => {
    const [ada, bo, cy] = ['Ada', 'Bo', 'Cy'].map((n) => new ScriptedAgent(n));
    const world = new TinyWorld({ name: 'w', agents: [ada, bo] });
    world.addAgent(cy);
    expect(() => world.addAgent(new ScriptedAgent('Cy'))).toThrow(
      expect.objectContaining({ code: 'world.duplicate-agent' }),
    );
    world.makeEveryoneAccessible();
    expect([...ada.accessibleAgents].sort()).toEqual(['Bo', 'Cy']);
    expect(world.removeAgent('Cy')).toBe(true);
    expect([...ada.accessibleAgents]).toEqual(['Bo']);
    expect(world.agents.map((a) => a.name)).toEqual(['Ada', 'Bo']);
    expect(world.removeAgent('Cy')).toBe(false);
  });
});
