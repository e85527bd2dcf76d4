/**
 * Prompt growth over a long conversation: two TinyTroupe-sized personas answer a facilitator's
 * follow-up every step for 200 steps (one thread, offline model). Prints the act-prompt tokens
 * of one persona at turn 20 and turn 200 (goal: ratio <= 1.3, i.e. memory in the prompt stays
 * bounded instead of growing with the conversation).
 */
import { TinyPerson, AGENT_TASKS } from '../engine/agent/index.js';
import { OfflineModel } from '../engine/llm/offline/offline-model.js';
import { SimulatedClock, TinyWorld } from '../engine/world/index.js';
import { TokenRecordingModel, fixed, tinyTroupePersonas } from './lib/world-fixtures.js';
import { agentOfflineResponders } from '../engine/llm/offline/index.js';

const TURNS = 200;
const FOLLOW_UPS = [
  'What do you think of working from home?',
  'How do you usually plan your week?',
  'Which app do you open first in the morning?',
  'What would make your commute better?',
  'How do you decide what to cook for dinner?',
  'What is the last thing you bought online, and why?',
  'How do you keep in touch with old friends?',
  'Which chore would you happily pay someone else to do?',
];

const model = new TokenRecordingModel(new OfflineModel({ responders: agentOfflineResponders }));
const clock = new SimulatedClock();
const [lisa, oscar] = tinyTroupePersonas().map((spec) => new TinyPerson({ spec, model, clock: clock.now }));
const world = new TinyWorld({ name: 'long-thread', agents: [lisa, oscar], clock });
world.makeEveryoneAccessible();

const started = performance.now();
for (let turn = 1; turn <= TURNS; turn++) {
  world.broadcast(`Question ${turn}: ${FOLLOW_UPS[turn % FOLLOW_UPS.length]}`, 'facilitator', 'thread');
  await world.step({ stepDuration: { minutes: 2 }, threadKey: 'thread' });
}
const seconds = (performance.now() - started) / 1000;

const lisaTurns = model.calls
  .filter((call) => call.task === AGENT_TASKS.act && call.persona === lisa.name)
  .map((call) => call.inputTokens);
const at = (turn: number) => lisaTurns[turn - 1];
const consolidations = model.calls.filter((call) => call.task === AGENT_TASKS.consolidate).length;
console.log(
  `prompt-growth: ${lisa.name} and ${oscar.name}, ${TURNS} turns in one thread, offline model, ${fixed(seconds, 1)} s`,
);
console.log(
  `act prompt tokens: turn 1 ${at(1)}, turn 10 ${at(10)}, turn 20 ${at(20)}, turn 50 ${at(50)}, turn 100 ${at(100)}, turn 200 ${at(200)}; max ${Math.max(...lisaTurns)}`,
);
console.log(`consolidation calls: ${consolidations}; episodic events of ${lisa.name}: ${lisa.trajectory().length}`);
console.log(`RESULT prompt-growth tokens turn 200 / turn 20 = ${fixed(at(200) / at(20))} (goal <= 1.3)`);
