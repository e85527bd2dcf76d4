import { describe, expect, it } from 'vitest';
import type { WorldEvent } from '../../../engine/agent/events.js';
import { CancelledError } from '../../../engine/errors.js';
import {
  TinyWorld,
  type WorldIntervention,
  type WorldObserverEvent,
  type WorldView,
} from '../../../engine/world/index.js';
import { ScriptedAgent, type TurnScript } from '../../doubles/scripted-agent.js';

const talk: TurnScript = ({ agent, turn }) => [{ type: 'TALK', content: `${agent.name} turn ${turn}`, target: '' }];

/** Fires on the steps listed, broadcasting a nudge; records every evaluation. */
class NudgeIntervention implements WorldIntervention {
  readonly calls: { step: number; time: string }[] = [];
  constructor(
    readonly name: string,
    private readonly onSteps: number[],
    private readonly log: string[],
  ) {}
  async evaluate(world: WorldView, step: number): Promise<boolean> {
    this.calls.push({ step, time: world.currentTime.toISOString() });
    this.log.push(`${this.name}@${step}`);
    if (!this.onSteps.includes(step)) return false;
    world.broadcast(`${this.name} says: be bold`, this.name);
    return true;
  }
}

describe('TinyWorld steps, interventions and observers', () => {
  it('advances the simulated clock and evaluates interventions in order at the start of every step', async () => {
    const log: string[] = [];
    const first = new NudgeIntervention('first', [2], log);
    const second = new NudgeIntervention('second', [1, 3], log);
    const ada = new ScriptedAgent('Ada', {
      script: (context) => {
        log.push(`Ada acts ${context.turn}`);
        return talk(context);
      },
    });
    const world = new TinyWorld({
      name: 'w',
      agents: [ada],
      interventions: [first, second],
      initialTime: '2025-05-01T10:00:00Z',
    });
    const results = await world.run({ steps: 3, stepDuration: { minutes: 30 } });
    expect(log).toEqual([
      'first@1',
      'second@1',
      'Ada acts 1',
      'first@2',
      'second@2',
      'Ada acts 2',
      'first@3',
      'second@3',
      'Ada acts 3',
    ]);
    expect(first.calls.map((c) => c.time)).toEqual([
      '2025-05-01T10:30:00.000Z',
      '2025-05-01T11:00:00.000Z',
      '2025-05-01T11:30:00.000Z',
    ]);
    expect(results.map((r) => r.interventionsFired)).toEqual([['second'], ['first'], ['second']]);
    expect(world.interventionFires).toEqual([
      { intervention: 'second', step: 1, time: '2025-05-01T10:30:00.000Z' },
      { intervention: 'first', step: 2, time: '2025-05-01T11:00:00.000Z' },
      { intervention: 'second', step: 3, time: '2025-05-01T11:30:00.000Z' },
    ]);
    expect(ada.heard()).toEqual([
      'second: second says: be bold',
      'first: first says: be bold',
      'second: second says: be bold',
    ]);
    expect(world.currentTime.toISOString()).toBe('2025-05-01T11:30:00.000Z');
  });

  it('emits agent-acted in stable agent order as soon as earlier agents are done, then step-finished', async () => {
    const seen: string[] = [];
    // Cy answers first and Ada last; Ada's slowness must hold back the others' announcements.
    const agents = [
      new ScriptedAgent('Ada', { delayMs: () => 40, script: talk }),
      new ScriptedAgent('Bo', { delayMs: () => 20, script: talk }),
      new ScriptedAgent('Cy', { delayMs: () => 0, script: talk }),
    ];
    const finished: string[] = [];
    const observer = (event: WorldObserverEvent) => {
      if (event.kind === 'agent-acted') seen.push(`${event.agent}@${event.step}:${event.threadKey}`);
      if (event.kind === 'step-finished') seen.push(`finished ${event.step}:${event.threadKey}`);
      if (event.kind === 'intervention-fired') seen.push(`fired ${event.intervention}`);
    };
    const intervention: WorldIntervention = { name: 'always', evaluate: async () => true };
    const world = new TinyWorld({ name: 'w', agents, observer, interventions: [intervention] });
    for (const agent of agents) {
      const original = agent.act.bind(agent);
      agent.act = async (options) => {
        const actions = await original(options);
        finished.push(agent.name);
        return actions;
      };
    }
    await world.run({ steps: 2, threadKey: 'q1' });
    expect(finished.slice(0, 3)).toEqual(['Cy', 'Bo', 'Ada']);
    expect(seen).toEqual([
      'fired always',
      'Ada@1:q1',
      'Bo@1:q1',
      'Cy@1:q1',
      'finished 1:q1',
      'fired always',
      'Ada@2:q1',
      'Bo@2:q1',
      'Cy@2:q1',
      'finished 2:q1',
    ]);
  });

  it('feeds every transcript event to the event sink in order, stamped with thread and simulated time', async () => {
    const sunk: WorldEvent[] = [];
    const agents = ['Ada', 'Bo'].map((n, i) => new ScriptedAgent(n, { delayMs: () => (1 - i) * 10, script: talk }));
    const world = new TinyWorld({
      name: 'w',
      agents,
      initialTime: '2025-01-01T00:00:00Z',
      eventSink: async (events) => {
        await new Promise((r) => setTimeout(r, 5));
        sunk.push(...events);
      },
    });
    world.broadcast('Question?', 'facilitator', 't9');
    await world.run({ steps: 2, stepDuration: 60_000, threadKey: 't9' });
    expect(sunk).toEqual(world.trajectory());
    expect(sunk.map((e) => `${e.agent}:${e.content}@${e.simTime}`)).toEqual([
      'facilitator:Question?@2025-01-01T00:00:00.000Z',
      'Ada:Ada turn 1@2025-01-01T00:01:00.000Z',
      'Bo:Bo turn 1@2025-01-01T00:01:00.000Z',
      'Ada:Ada turn 2@2025-01-01T00:02:00.000Z',
      'Bo:Bo turn 2@2025-01-01T00:02:00.000Z',
    ]);
    expect(sunk.every((e) => e.threadKey === 't9')).toBe(true);
    expect(world.trajectory({ firstN: 1, lastN: 1 }).map((e) => e.content)).toEqual(['Question?', 'Bo turn 2']);
  });

  it('stops on cancellation: no delivery for the cancelled step and no further steps', async () => {
    const controller = new AbortController();
    const agents = ['Ada', 'Bo'].map((n) => new ScriptedAgent(n, { delayMs: () => 30, script: talk }));
    const world = new TinyWorld({
      name: 'w',
      agents,
      observer: (e) => void (e.kind === 'step-finished' && e.step === 1 && controller.abort()),
    });
    await expect(world.run({ steps: 5, signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
    expect(world.stepCount).toBe(1);
    expect(agents.map((a) => a.actCalls)).toEqual([1, 1]);

    const mid = new AbortController();
    const slow = ['Ada', 'Bo'].map((n) => new ScriptedAgent(n, { delayMs: () => 50, script: talk }));
    const midWorld = new TinyWorld({ name: 'w2', agents: slow });
    const running = midWorld.run({ steps: 3, signal: mid.signal });
    setTimeout(() => mid.abort(), 10);
    await expect(running).rejects.toBeInstanceOf(CancelledError);
    expect(slow.map((a) => a.heard())).toEqual([[], []]);
  });

  it('queues concurrent runs instead of interleaving their steps', async () => {
    const agents = ['Ada', 'Bo'].map((n) => new ScriptedAgent(n, { delayMs: () => 5, script: talk }));
    const world = new TinyWorld({ name: 'w', agents });
    await Promise.all([world.run({ steps: 2, threadKey: 'a' }), world.run({ steps: 2, threadKey: 'b' })]);
    expect(world.trajectory().map((e) => e.threadKey)).toEqual(['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b']);
  });

  it('round-trips clock, steps, accessibility and intervention fires through toState/fromState', async () => {
    const log: string[] = [];
    const make = () => {
      const agents = ['Ada', 'Bo', 'Cy'].map((n) => new ScriptedAgent(n, { script: talk }));
      return new TinyWorld({ name: 'w', agents, interventions: [new NudgeIntervention('nudge', [1], log)] });
    };
    const world = make();
    world.getAgent('Ada')!.makeAccessible('Bo');
    await world.run({ steps: 2, stepDuration: { hours: 1 } });
    const state = JSON.parse(JSON.stringify(world.toState()));
    const restored = make().fromState(state);
    expect(restored.toState()).toEqual(world.toState());
    expect(restored.currentTime.getTime()).toBe(world.currentTime.getTime());
    expect([...restored.getAgent('Ada')!.accessibleAgents]).toEqual(['Bo']);
    expect(() => make().fromState({ version: 2 })).toThrow(expect.objectContaining({ code: 'world.state' }));
  });
});
