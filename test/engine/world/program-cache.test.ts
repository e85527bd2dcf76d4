import { describe, expect, it } from 'vitest';
import { TinyPerson, type PersonaSpec } from '../../../engine/agent/index.js';
import { CachingModel } from '../../../engine/llm/caching-model.js';
import type { LlmCacheStore } from '../../../engine/store/ports.js';
import { SimulatedClock, TinyWorld } from '../../../engine/world/index.js';
import { RecordingModel } from '../../doubles/recording-model.js';
import { ScriptedAgent, latencies } from '../../doubles/scripted-agent.js';
import { libraryPersona } from '../../fixtures/tinytroupe.js';
import { agentScript } from '../../doubles/agent-script.js';
import { ScriptedModel } from '../../doubles/scripted-model.js';

const SPECS: PersonaSpec[] = [
  libraryPersona('priya-nair'),
  libraryPersona('henrik-lund'),
  { name: 'Marta Silva', age: 52, occupation: 'School nurse', nationality: 'Portuguese' },
];

/** The response cache as a plain map, so the test can count and read entries. */
class MapCacheStore implements LlmCacheStore {
  readonly entries = new Map<string, string>();
  async getCached(key: string) {
    return this.entries.get(key);
  }
  async putCached(key: string, value: string) {
    this.entries.set(key, value);
  }
}

/** A simulation program: a question before each of three steps. Returns live calls per step. */
async function runProgram(store: MapCacheStore, questions: string[]) {
  const counting = new RecordingModel(new ScriptedModel(agentScript()));
  const model = new CachingModel(counting, store);
  const clock = new SimulatedClock('2025-02-03T10:00:00Z');
  const agents = SPECS.map((spec) => new TinyPerson({ spec, model, clock: clock.now }));
  const world = new TinyWorld({ name: 'cache-demo', agents, clock });
  const liveCallsPerStep: number[] = [];
  for (const question of questions) {
    world.broadcast(question, 'facilitator', 'thread-1');
    const before = counting.calls.length;
    await world.step({ stepDuration: { minutes: 10 }, threadKey: 'thread-1' });
    liveCallsPerStep.push(counting.calls.length - before);
  }
  return { liveCallsPerStep, counting, transcript: world.trajectory() };
}

const QUESTIONS = [
  'Would you pay for a smart grocery list app?',
  'What would make you trust it with your data?',
  'Which feature matters most to you?',
];

describe('program-constrained caching', () => {
  it('replays an unchanged program from the cache with zero calls, and goes live from the first change', async () => {
    const store = new MapCacheStore();
    const first = await runProgram(store, QUESTIONS);
    expect(first.liveCallsPerStep.every((n) => n >= SPECS.length)).toBe(true);

    // Growth is one entry per distinct call, each holding that one response (not the world state).
    const firstCalls = first.counting.calls.length;
    expect(store.entries.size).toBe(firstCalls);
    const returned = new Set(first.counting.calls.map((c) => c.value));
    for (const raw of store.entries.values()) {
      const entry = JSON.parse(raw);
      expect(Object.keys(entry).sort()).toEqual(['model', 'value']);
      expect(returned.has(JSON.stringify(entry.value))).toBe(true);
    }

    const replay = await runProgram(store, QUESTIONS);
    expect(replay.counting.calls).toHaveLength(0);
    expect(replay.transcript).toEqual(first.transcript);
    expect(store.entries.size).toBe(firstCalls);

    const changed = await runProgram(store, [QUESTIONS[0], 'Would you rather it were free with ads?', QUESTIONS[2]]);
    expect(changed.liveCallsPerStep[0]).toBe(0);
    expect(changed.liveCallsPerStep[1]).toBeGreaterThanOrEqual(SPECS.length);
    expect(changed.liveCallsPerStep[2]).toBeGreaterThanOrEqual(SPECS.length);
    const stepOneEvents = first.transcript.findIndex((e) => e.content === QUESTIONS[1]);
    expect(changed.transcript.slice(0, stepOneEvents)).toEqual(first.transcript.slice(0, stepOneEvents));
    expect(changed.transcript).not.toEqual(first.transcript);
    expect(store.entries.size).toBe(firstCalls + changed.counting.calls.length);
  });

  it('issues the same requests whatever the latencies, so parallel runs hit the cache', async () => {
    const store = new MapCacheStore();
    const run = async (seed: number) => {
      const counting = new RecordingModel(
        new ScriptedModel({
          'test.say': (request) => ({ say: `I heard ${request.messages[1].content.length} characters.` }),
        }),
      );
      const model = new CachingModel(counting, store);
      const agents = ['Ada', 'Bo', 'Cy', 'Di'].map(
        (name, i) => new ScriptedAgent(name, { model, delayMs: latencies(seed * 10 + i, 20) }),
      );
      const world = new TinyWorld({ name: 'w', agents });
      world.broadcast('Name one product idea.', 'facilitator');
      await world.run({ steps: 3 });
      return { calls: counting.calls.length, transcript: world.trajectory() };
    };
    const first = await run(1);
    const second = await run(2);
    expect(first.calls).toBe(12);
    expect(second.calls).toBe(0);
    expect(second.transcript).toEqual(first.transcript);
  });
});
