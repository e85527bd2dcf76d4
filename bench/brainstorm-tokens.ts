/**
 * Token economy of a brainstorm: 3 TinyTroupe-sized personas × 7 steps in a parallel world on
 * the offline model, after one facilitator broadcast asking for product ideas (TinyTroupe's
 * product-brainstorming example). Prints input tokens per agent-step (gpt-tokenizer, o200k, over
 * the exact messages sent) and calls per agent-step; goal <= 4k and <= 1.1 (TinyTroupe: ~15.5k
 * and 1.52).
 */
import { TinyPerson } from '../engine/agent/index.js';
import { OfflineModel } from '../engine/llm/offline/offline-model.js';
import { SimulatedClock, TinyWorld } from '../engine/world/index.js';
import { TokenCountingModel, fixed, tinyTroupePersonas } from './lib/world-fixtures.js';
import { agentOfflineResponders } from '../engine/llm/offline/index.js';

const STEPS = 7;
const REQUEST =
  'Folks, we need to brainstorm ideas for a new product. Your mission is to discuss potential product ideas ' +
  'for an AI-powered feature in a word processor that would help people in their daily work. Please start the discussion now.';

const model = new TokenCountingModel(new OfflineModel({ responders: agentOfflineResponders }));
const clock = new SimulatedClock();
const agents = tinyTroupePersonas().map((spec) => new TinyPerson({ spec, model, clock: clock.now }));
const world = new TinyWorld({ name: 'brainstorm', agents, clock });
world.makeEveryoneAccessible();
world.broadcast(REQUEST, 'facilitator');

const started = performance.now();
await world.run({ steps: STEPS, stepDuration: { minutes: 10 } });
const seconds = (performance.now() - started) / 1000;

const agentSteps = agents.length * STEPS;
const inputTokens = model.calls.reduce((sum, call) => sum + call.inputTokens, 0);
const byTask = new Map<string, { calls: number; tokens: number }>();
for (const call of model.calls) {
  const tally = byTask.get(call.task) ?? { calls: 0, tokens: 0 };
  tally.calls++;
  tally.tokens += call.inputTokens;
  byTask.set(call.task, tally);
}
const largest = Math.max(...model.calls.map((call) => call.inputTokens));

console.log(
  `brainstorm-tokens: ${agents.length} personas (${agents.map((a) => a.name).join(', ')}) × ${STEPS} steps, offline model, ${fixed(seconds, 1)} s`,
);
console.log(`calls ${model.calls.length}, input tokens ${inputTokens}, largest prompt ${largest} tokens`);
for (const [task, tally] of byTask)
  console.log(
    `  ${task.padEnd(20)} ${tally.calls} calls, ${tally.tokens} input tokens (${fixed(tally.tokens / tally.calls, 0)} per call)`,
  );
console.log(`said: ${world.trajectory().filter((e) => e.type === 'TALK').length} TALK events`);
console.log(
  `RESULT brainstorm-tokens input tokens per agent-step = ${fixed(inputTokens / agentSteps, 0)} (goal <= 4000; TinyTroupe ~15.5k)`,
);
console.log(
  `RESULT brainstorm-tokens calls per agent-step = ${fixed(model.calls.length / agentSteps)} (goal <= 1.1; TinyTroupe 1.52)`,
);
