/**
 * Engine overhead: 1,000 and 10,000 TinyTroupe-sized personas (real TinyPerson) take one step in a
 * parallel world on a zero-latency model that answers with a canned turn, so what is measured is
 * the engine: prompt assembly, parsing, memory, delivery. Prints CPU time (process.cpuUsage) and
 * heap growth (heapUsed after a forced GC) per persona, for building the personas and for the step:
 * acting only, everyone hearing everyone (1,000 only: 10,000² deliveries is not a focus group), and
 * delivery to a bounded audience (a TinySocialNetwork where each persona has 20 neighbours).
 * Goal at 10,000 acting: linear (per-persona CPU as at 1,000), < 2 s and < 0.1 MB per persona.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TinyPerson } from '../engine/agent/index.js';
import { SimulatedClock, TinySocialNetwork, TinyWorld } from '../engine/world/index.js';
import { InstantActModel, fixed, personaCohort } from './lib/world-fixtures.js';

type Delivery = 'acting only' | 'all to all' | '20 neighbours';
const NEIGHBOURS = 20;

// Expose gc() without command-line flags so `npx tsx bench/engine-overhead.ts` just works.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

const kb = (bytes: number) => fixed(bytes / 1024, 1);

/** Builds `PERSONAS` personas, runs one step, and reports CPU and heap per persona. */
async function measure(PERSONAS: number, delivery: Delivery) {
  const label = `${PERSONAS.toLocaleString('en-US')} personas, ${delivery}`;
  const broadcastIfNoTarget = delivery !== 'acting only';
  const specs = personaCohort(PERSONAS);
  const model = new InstantActModel();
  const clock = new SimulatedClock();

  const heapBefore = heap();
  const buildStarted = process.cpuUsage();
  const agents = specs.map((spec) => new TinyPerson({ spec, model, clock: clock.now }));
  const world =
    delivery === '20 neighbours'
      ? new TinySocialNetwork({ name: 'overhead', agents, clock, broadcastIfNoTarget })
      : new TinyWorld({ name: 'overhead', agents, clock, broadcastIfNoTarget });
  if (world instanceof TinySocialNetwork)
    for (let i = 0; i < PERSONAS; i++)
      for (let step = 1; step <= NEIGHBOURS / 2; step++) world.addRelation(agents[i], agents[(i + step) % PERSONAS]);
  world.broadcast('Would you try a four-day work week?', 'facilitator', 'thread');
  const buildCpu = cpuMs(buildStarted);
  const heapBuilt = heap();

  const stepCpuStarted = process.cpuUsage();
  const wallStarted = performance.now();
  const [result] = await world.run({ steps: 1, threadKey: 'thread' });
  const stepWall = performance.now() - wallStarted;
  const stepCpu = cpuMs(stepCpuStarted);
  const heapAfter = heap();
  const listens =
    result.turns.reduce((sum, turn) => sum + turn.actions.filter((a) => a.type === 'TALK').length, 0) *
    (delivery === 'all to all' ? PERSONAS - 1 : delivery === '20 neighbours' ? NEIGHBOURS : 0);

  console.log(`${label}: ${model.calls} calls, ${listens} listen deliveries`);
  console.log(
    `  build: CPU ${fixed(buildCpu / PERSONAS, 3)} ms/persona, heap ${kb((heapBuilt - heapBefore) / PERSONAS)} KB/persona`,
  );
  console.log(
    `  step:  CPU ${fixed(stepCpu, 0)} ms total = ${fixed(stepCpu / PERSONAS, 3)} ms/persona (wall ${fixed(stepWall, 0)} ms), heap +${kb((heapAfter - heapBuilt) / PERSONAS)} KB/persona`,
  );
  return {
    wall: stepWall,
    cpu: stepCpu / PERSONAS,
    heap: (heapAfter - heapBuilt) / PERSONAS,
    total: (heapAfter - heapBefore) / PERSONAS,
  };
}

console.log('engine-overhead: TinyTroupe-sized personas, one step, zero-latency model');
const quiet = await measure(1000, 'acting only');
const loud = await measure(1000, 'all to all');
const bounded = await measure(1000, '20 neighbours');
const big = await measure(10_000, 'acting only');
const bigBounded = await measure(10_000, '20 neighbours');
console.log(
  `RESULT engine-overhead step CPU per persona = ${fixed(quiet.cpu, 3)} ms acting only, ${fixed(loud.cpu, 3)} ms with all-to-all delivery (1,000; before: 0.185 ms acting only)`,
);
console.log(
  `RESULT engine-overhead step heap per persona = ${kb(quiet.heap)} KB acting only, ${kb(loud.heap)} KB with all-to-all delivery (1,000; before: 1.6 KB; persona incl. spec and memory: ${kb(loud.total)} KB)`,
);
console.log(
  `RESULT engine-overhead 10,000 acting only: step wall ${fixed(big.wall / 1000, 2)} s, CPU ${fixed(big.cpu, 3)} ms/persona (×${fixed(big.cpu / quiet.cpu)} the 1,000 figure; linear = ×1), heap ${fixed(big.total / 1024 / 1024, 3)} MB/persona incl. build (goal: linear, < 2 s, < 0.1 MB)`,
);
console.log(
  `RESULT engine-overhead 10,000 with 20 neighbours each: step wall ${fixed(bigBounded.wall / 1000, 2)} s, CPU ${fixed(bigBounded.cpu, 3)} ms/persona (1,000: ${fixed(bounded.cpu, 3)}), heap ${fixed(bigBounded.total / 1024 / 1024, 3)} MB/persona incl. build`,
);
