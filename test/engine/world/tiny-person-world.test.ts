import { describe, expect, it } from 'vitest';
import { TinyPerson } from '../../../engine/agent/index.js';
import type { CompletionRequest, CompletionResult, LanguageModel } from '../../../engine/llm/port.js';
import { SimulatedClock, TinySocialNetwork, TinyWorld, type WorldObserverEvent } from '../../../engine/world/index.js';
import { latencies } from '../../doubles/scripted-agent.js';
import { agentScript } from '../../doubles/agent-script.js';
import { ScriptedModel } from '../../doubles/scripted-model.js';

/** The scripted persona model with a seeded random delay per call, so calls return in a shuffled order. */
class JitteryModel implements LanguageModel {
  readonly name = 'jittery-scripted';
  readonly offline = true;
  readonly returned: string[] = [];
  private readonly inner = new ScriptedModel(agentScript());
  constructor(private readonly delay: () => number) {}
  async complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    await new Promise((r) => setTimeout(r, this.delay()));
    const result = await this.inner.complete(request);
    this.returned.push(String((request.hints?.persona as { name?: string })?.name));
    return result;
  }
}

const SPECS = [
  { name: 'Ada Lopez', age: 34, occupation: 'Nurse', nationality: 'Spanish' },
  { name: 'Bo Chen', age: 51, occupation: 'Bus driver', nationality: 'Canadian' },
  { name: 'Cy Okafor', age: 27, occupation: 'Software tester', nationality: 'Nigerian' },
  { name: 'Di Novak', age: 63, occupation: 'Retired teacher', nationality: 'Czech' },
];

async function focusGroup(seed: number) {
  const model = new JitteryModel(latencies(seed, 20));
  const clock = new SimulatedClock('2025-04-01T18:00:00Z');
  const agents = SPECS.map((spec) => new TinyPerson({ spec, model, clock: clock.now }));
  const observed: WorldObserverEvent[] = [];
  const world = new TinyWorld({ name: 'focus', agents, clock, observer: (e) => void observed.push(e) });
  world.makeEveryoneAccessible();
  world.broadcast('Would you use a shared e-cargo bike in your neighbourhood?', 'facilitator', 'q');
  await world.run({ steps: 3, stepDuration: { minutes: 5 }, threadKey: 'q' });
  return { model, observed, transcript: world.trajectory(), memories: agents.map((a) => a.trajectory()) };
}

describe('TinyWorld with TinyPerson', () => {
  it('produces the same transcript and memories whatever order the model calls return in', async () => {
    const a = await focusGroup(1);
    const b = await focusGroup(99);
    expect(a.model.returned.slice(0, 4)).not.toEqual(b.model.returned.slice(0, 4));
    expect(b.transcript).toEqual(a.transcript);
    expect(b.memories).toEqual(a.memories);
    expect(a.transcript.filter((e) => e.type === 'TALK' && e.agent !== 'facilitator').length).toBeGreaterThan(0);
    expect(
      a.observed.filter((e) => e.kind === 'agent-acted').map((e) => (e.kind === 'agent-acted' ? e.agent : '')),
    ).toEqual([1, 2, 3].flatMap(() => SPECS.map((s) => s.name)));
    // Everyone heard the others' first answers before their second turn.
    const boHeard = a.memories[1].filter((e) => e.type === 'CONVERSATION').map((e) => e.counterpart);
    expect(new Set(boHeard)).toEqual(new Set(['facilitator', 'Ada Lopez', 'Cy Okafor', 'Di Novak']));
  });

  it('runs a TinySocialNetwork end to end (TinyTroupe cannot: its run() is broken)', async () => {
    const model = new ScriptedModel(agentScript());
    const agents = SPECS.map((spec) => new TinyPerson({ spec, model }));
    const net = new TinySocialNetwork({ name: 'street', agents });
    net.addRelation('Ada Lopez', 'Bo Chen', 'neighbours').addRelation('Cy Okafor', 'Di Novak', 'family');
    net.broadcast('What do you think of the new bike lane?', 'facilitator');
    const results = await net.run({ steps: 2 });
    expect(results.map((r) => r.step)).toEqual([1, 2]);
    const heardBy = (i: number) =>
      new Set(
        agents[i]
          .trajectory()
          .filter((e) => e.type === 'CONVERSATION')
          .map((e) => e.counterpart),
      );
    expect([...heardBy(0)].every((s) => s === 'facilitator' || s === 'Bo Chen')).toBe(true);
    expect([...heardBy(2)].every((s) => s === 'facilitator' || s === 'Di Novak')).toBe(true);
    expect([...agents[0].accessibleAgents]).toEqual(['Bo Chen']);
  });
});
