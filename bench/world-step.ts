/**
 * World step latency: 20 TinyTroupe-sized personas (real TinyPerson) take one step on a model
 * with a fixed 200 ms round trip. Prints wall time ÷ one round trip (goal <= 1.15: everyone acts
 * at once). The headline fake answers with a canned turn after 200 ms, so only latency is
 * simulated; the other rows show what in-process work adds: the offline model tokenizing every
 * prompt on our event loop, the limiter's token estimate, and a 4-call limit like TinyTroupe's
 * global semaphore. The last row caps the provider at c = 32 concurrent calls for N = 100
 * personas: the floor is then ⌈N / c⌉ = 4 round trips, and it prints wall ÷ that floor (goal <= 1.1).
 */
import { TinyPerson, ActTurnSchema, AGENT_TASKS } from '../engine/agent/index.js';
import { LimitedModel } from '../engine/llm/limited-model.js';
import { OfflineModel } from '../engine/llm/offline/offline-model.js';
import type { LanguageModel } from '../engine/llm/port.js';
import { SimulatedClock, TinyWorld } from '../engine/world/index.js';
import { DelayedModel, InstantActModel, fixed, personaCohort } from './lib/world-fixtures.js';
import { agentOfflineResponders } from '../engine/llm/offline/index.js';

const PERSONAS = 20;
const LATENCY_MS = 200;
const QUESTION = 'We are thinking about a subscription that delivers fresh pasta weekly. Would you sign up?';

function buildWorld(model: LanguageModel, personas = PERSONAS) {
  const clock = new SimulatedClock();
  const agents = personaCohort(personas).map((spec) => new TinyPerson({ spec, model, clock: clock.now }));
  const world = new TinyWorld({ name: 'world-step', agents, clock });
  world.broadcast(QUESTION, 'facilitator');
  return world;
}

/** Median wall time of single calls with a real act prompt through the same model stack. */
async function roundTrip(model: LanguageModel): Promise<number> {
  const probe = new TinyPerson({ spec: personaCohort(1)[0], model });
  probe.listen(QUESTION, 'facilitator');
  const request = {
    task: AGENT_TASKS.act,
    schema: ActTurnSchema,
    messages: probe.buildPrompt(),
    hints: { persona: probe.spec },
  };
  await model.complete(request);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await model.complete(request);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[2];
}

/** Median of three fresh worlds, after a warm-up world (a running bot is warm; a cold JIT is not the engine). */
async function measure(label: string, model: LanguageModel, personas = PERSONAS, floorTrips = 1) {
  const trip = await roundTrip(model);
  await buildWorld(model, personas).run({ steps: 1 });
  const walls: number[] = [];
  let talked = 0;
  for (let i = 0; i < 3; i++) {
    const world = buildWorld(model, personas);
    const started = performance.now();
    const [result] = await world.run({ steps: 1 });
    walls.push(performance.now() - started);
    talked = result.turns.filter((turn) => turn.actions.some((a) => a.type === 'TALK')).length;
  }
  const wall = walls.sort((a, b) => a - b)[1];
  const floor = floorTrips > 1 ? `, wall/(${floorTrips} round trips) ${fixed(wall / (trip * floorTrips))}` : '';
  console.log(
    `${label.padEnd(50)} wall ${fixed(wall, 0).padStart(5)} ms (median of 3), round trip ${fixed(trip, 0)} ms, wall/round-trip ${fixed(wall / trip)}${floor} (${talked}/${personas} talked)`,
  );
  return wall / (trip * floorTrips);
}

const fake = () => new DelayedModel(new InstantActModel(), LATENCY_MS);
const offline = () => new DelayedModel(new OfflineModel({ responders: agentOfflineResponders }), LATENCY_MS);

console.log(`world-step: ${PERSONAS} personas, one step, fixed ${LATENCY_MS} ms model latency`);
const ratio = await measure('fake provider (latency only)', fake());
await measure('fake provider + LimitedModel(64)', new LimitedModel(fake(), { maxConcurrency: 64 }));
await measure('OfflineModel + 200 ms (tokenizes in-process)', offline());
await measure('fake provider + LimitedModel(4), TinyTroupe-like', new LimitedModel(fake(), { maxConcurrency: 4 }));
const CAPPED_N = 100;
const CAP = 32;
const trips = Math.ceil(CAPPED_N / CAP);
const capped = await measure(
  `N=${CAPPED_N}, fake provider + LimitedModel(${CAP})`,
  new LimitedModel(fake(), { maxConcurrency: CAP }),
  CAPPED_N,
  trips,
);
console.log(`RESULT world-step wall/round-trip = ${fixed(ratio)} (goal <= 1.15; TinyTroupe's 4-call semaphore >= 5)`);
console.log(
  `RESULT world-step N=${CAPPED_N}, c=${CAP}: wall/⌈N/c⌉ round trips = ${fixed(capped)} (⌈N/c⌉ = ${trips}; goal <= 1.1; new row, no earlier figure)`,
);
