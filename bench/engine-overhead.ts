/**
 * Engine overhead: 1,000 TinyTroupe-sized personas (real TinyPerson) take one step in a parallel
 * world on a zero-latency model that answers with a canned turn, so what is measured is the
 * engine: prompt assembly, parsing, memory, delivery. Prints CPU time (process.cpuUsage) and
 * heap growth (heapUsed after a forced GC) per persona, for building the personas and for the step.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TinyPerson } from '../engine/agent/index.js';
import { SimulatedClock, TinyWorld } from '../engine/world/index.js';
import { InstantActModel, fixed, personaCohort } from './lib/world-fixtures.js';

const PERSONAS = 1000;

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

/** Builds 1,000 personas, runs one step, and reports CPU and heap per persona. */
async function measure(label: string, broadcastIfNoTarget: boolean) {
  const specs = personaCohort(PERSONAS);
  const model = new InstantActModel();
  const clock = new SimulatedClock();

  const heapBefore = heap();
  const buildStarted = process.cpuUsage();
  const agents = specs.map((spec) => new TinyPerson({ spec, model, clock: clock.now }));
  const world = new TinyWorld({ name: 'overhead', agents, clock, broadcastIfNoTarget });
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
    (broadcastIfNoTarget ? PERSONAS - 1 : 0);

  console.log(`${label}: ${model.calls} calls, ${listens} listen deliveries`);
  console.log(
    `  build: CPU ${fixed(buildCpu / PERSONAS, 3)} ms/persona, heap ${kb((heapBuilt - heapBefore) / PERSONAS)} KB/persona`,
  );
  console.log(
    `  step:  CPU ${fixed(stepCpu, 0)} ms total = ${fixed(stepCpu / PERSONAS, 3)} ms/persona (wall ${fixed(stepWall, 0)} ms), heap +${kb((heapAfter - heapBuilt) / PERSONAS)} KB/persona`,
  );
  return {
    cpu: stepCpu / PERSONAS,
    heap: (heapAfter - heapBuilt) / PERSONAS,
    total: (heapAfter - heapBefore) / PERSONAS,
  };
}

console.log(`engine-overhead: ${PERSONAS} TinyTroupe-sized personas, one step, zero-latency model`);
const quiet = await measure('answers kept (broadcastIfNoTarget false: acting only)', false);
const loud = await measure('everyone hears everyone (default: 1,000 broadcasts to 999 listeners)', true);
console.log(
  `RESULT engine-overhead step CPU per persona = ${fixed(quiet.cpu, 3)} ms acting only, ${fixed(loud.cpu, 3)} ms with all-to-all delivery`,
);
console.log(
  `RESULT engine-overhead step heap per persona = ${kb(quiet.heap)} KB acting only, ${kb(loud.heap)} KB with all-to-all delivery (persona incl. spec and memory: ${kb(loud.total)} KB)`,
);
