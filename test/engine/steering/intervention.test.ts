import { describe, expect, it } from 'vitest';
import {
  Intervention,
  offTopicIntervention,
  recentWordOverlap,
  VARIETY_THOUGHT,
  varietyIntervention,
} from '../../../engine/steering/index.js';
import { Proposition } from '../../../engine/validation/index.js';
import { ScriptedModel } from '../../doubles/scripted-model.js';
import { ScriptedAgent, ScriptedWorld, talk } from '../../doubles/scripted-agent.js';

/** Every judge call reports the same usage, so the tallies below are exact. */
const FIXED_USAGE = { usage: { inputTokens: 100, outputTokens: 10 } };

describe('Intervention', () => {
  it('fires exactly when both preconditions hold and records each firing', async () => {
    const lisa = new ScriptedAgent('Lisa');
    const world = new ScriptedWorld('Room', [lisa]);
    let judgeSays = false;
    const model = new ScriptedModel(
      {
        'proposition.check': () => ({ value: judgeSays, justification: judgeSays ? 'bored' : 'fine', confidence: 1 }),
      },
      FIXED_USAGE,
    );
    let functional = false;
    const effects: number[] = [];
    const intervention = new Intervention(lisa, {
      functionalPrecondition: () => functional,
      textualPrecondition: new Proposition('Lisa is bored', lisa, { model }),
      effect: ([target], { step }) => {
        effects.push(step);
        (target as ScriptedAgent).think('do something else');
      },
    });
    const outcomes: boolean[] = [];
    for (const [step, f, j] of [
      [1, false, true],
      [2, true, false],
      [3, true, true],
      [4, false, false],
      [5, true, true],
    ] as const) {
      functional = f;
      judgeSays = j;
      world.currentTime = new Date(Date.UTC(2025, 0, 1, 9, step));
      outcomes.push(await intervention.evaluate(world, step));
    }
    expect(outcomes).toEqual([false, false, true, false, true]);
    expect(effects).toEqual([3, 5]);
    // The judge is only asked when the cheap functional precondition holds.
    expect(model.requests).toHaveLength(3);
    expect(intervention.firings).toEqual([
      { step: 3, time: new Date(Date.UTC(2025, 0, 1, 9, 3)), target: 'Lisa', justification: 'bored' },
      { step: 5, time: new Date(Date.UTC(2025, 0, 1, 9, 5)), target: 'Lisa', justification: 'bored' },
    ]);
    expect(lisa.events.filter((e) => e.type === 'THOUGHT')).toHaveLength(2);
  });

  it('createForEach builds one intervention per agent; cooldown and maxFirings limit firing', async () => {
    const agents = [new ScriptedAgent('A'), new ScriptedAgent('B')];
    const world = new ScriptedWorld('Room', agents);
    const fired: string[] = [];
    const interventions = Intervention.createForEach(agents, (agent) => ({
      functionalPrecondition: () => agent.name === 'A',
      effect: () => void fired.push(agent.name),
      cooldownSteps: 1,
      maxFirings: 2,
    }));
    expect(interventions).toHaveLength(2);
    for (let step = 1; step <= 6; step++) for (const i of interventions) await i.evaluate(world, step);
    expect(fired).toEqual(['A', 'A']);
    expect(interventions[0].firings.map((f) => f.step)).toEqual([1, 3]);
  });

  it('requires a precondition and a model for textual claims', () => {
    const a = new ScriptedAgent('A');
    expect(() => new Intervention(a, { effect: () => {} })).toThrow(/precondition/);
    expect(() => new Intervention(a, { textualPrecondition: 'A is bored', effect: () => {} })).toThrow(/needs a model/);
    const fluent = new Intervention(a, { always: true, effect: () => {} }).setTextualPrecondition(
      'A is bored',
      new ScriptedModel({}, FIXED_USAGE),
    );
    expect(fluent.name).toContain('A');
  });
});

describe('ready-made interventions', () => {
  it('measures how much recent talk reuses earlier words', () => {
    expect(recentWordOverlap(['a bike app for kids', 'a bike app'], 1)).toBe(1);
    expect(recentWordOverlap(['a bike app for kids', 'solar roof tiles'], 1)).toBe(0);
  });

  it('variety fires when the agent repeats itself, not while it brings new ideas', async () => {
    const lisa = new ScriptedAgent('Lisa');
    const world = new ScriptedWorld('Room', [lisa]);
    const variety = varietyIntervention(lisa, { cooldownSteps: 0 });
    for (const idea of ['a bike sharing app', 'solar powered umbrellas', 'recipe planner for families'])
      lisa.record(talk(idea));
    expect(await variety.evaluate(world, 1)).toBe(false);
    lisa.record(talk('the bike sharing app again'));
    lisa.record(talk('bike app for families'));
    expect(await variety.evaluate(world, 2)).toBe(true);
    expect(lisa.events.at(-1)).toMatchObject({ type: 'THOUGHT', content: VARIETY_THOUGHT });
    // Nothing new said since the nudge: no second firing.
    expect(await variety.evaluate(world, 3)).toBe(false);
  });

  it('off-topic brings a world back with a broadcast and an agent with a thought', async () => {
    const lisa = new ScriptedAgent('Lisa');
    const world = new ScriptedWorld('Room', [lisa]);
    const worldRule = offTopicIntervention(world, 'ideas for electric bikes', { cooldownSteps: 0 });
    world.say('Lisa', 'electric bikes for commuters');
    world.say('Lisa', 'what about the football game');
    world.say('Lisa', 'great weather today');
    expect(await worldRule.evaluate(world, 1)).toBe(false);
    world.say('Lisa', 'my cat is sleeping');
    expect(await worldRule.evaluate(world, 2)).toBe(true);
    expect(world.broadcasts).toEqual(["Let's get back to the topic: ideas for electric bikes."]);
    for (const t of ['football', 'weather', 'cats']) lisa.record(talk(t));
    const agentRule = offTopicIntervention(lisa, 'electric bikes');
    expect(await agentRule.evaluate(world, 3)).toBe(true);
    expect(lisa.events.at(-1)?.type).toBe('THOUGHT');
  });
});
