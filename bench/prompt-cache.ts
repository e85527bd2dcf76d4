/**
 * What a provider's prompt cache can serve: the share of each persona's input tokens that is an exact repeat
 * of the start of that persona's previous call (same task, same `promptCacheKey`). Two workloads on the
 * offline model (the prompts are the engine's real ones; only the answers are canned):
 *
 * - a 5-persona, 10-turn brainstorm (Troupe's library personas, a parallel world): `agent.act` calls;
 * - a 20-persona panel (TinyTroupe-size fixture personas) answering 3 yes/no polls in a row: `poll.answer`.
 *
 * Beside each figure: the baseline, the same calls re-laid out in the section order used before #18 (the act
 * prompt's user message opened with the dated cognitive state, and consolidated memories came before the
 * events; the memory window's half-window tail step, also new in #18, is kept). Goal ≥ 70 %.
 */
import { TinyPerson } from '../engine/agent/index.js';
import { runPoll } from '../engine/extraction/polls/ask.js';
import type { ChatMessage } from '../engine/llm/port.js';
import { OfflineModel } from '../engine/llm/offline/offline-model.js';
import { allOfflineResponders } from '../engine/llm/offline/all-responders.js';
import { SimulatedClock, TinyWorld } from '../engine/world/index.js';
import { libraryPersonas, percent, prefixRepeats, RecordingModel, tinyTroupeSizePanel } from './lib/cost-fixtures.js';

/** The act prompt as it was laid out before #18: state first, then memory with consolidated memories first. */
function beforeIssue18(messages: ChatMessage[]): ChatMessage[] {
  return messages.map((message) => {
    if (message.role !== 'user') return message;
    const sections = message.content.split('\n\n');
    const memory = sections.findIndex((section) => section.startsWith('# Memory'));
    const state = sections.findIndex((section) => section.startsWith('# Your current state'));
    if (memory < 0 || state < 0) return message;
    const lines = sections[memory].split('\n');
    const cut = lines.indexOf('What I remember from earlier:');
    const oldMemory = cut < 0 ? lines : [lines[0], ...lines.slice(cut), ...lines.slice(1, cut)];
    const reordered = [
      sections[state],
      oldMemory.join('\n'),
      ...sections.filter((_, i) => i !== memory && i !== state),
    ];
    return { ...message, content: reordered.join('\n\n') };
  });
}

// --- 5 personas × 10 turns ---
const brainstormModel = new RecordingModel(new OfflineModel({ responders: allOfflineResponders() }));
const clock = new SimulatedClock();
const agents = libraryPersonas()
  .slice(0, 5)
  .map((spec) => new TinyPerson({ spec, model: brainstormModel, clock: clock.now }));
const world = new TinyWorld({ name: 'brainstorm', agents, clock });
world.makeEveryoneAccessible();
world.broadcast(
  'Let us brainstorm features for a bus-tracking app for commuters. What would make it worth paying for?',
  'facilitator',
);
await world.run({ steps: 10, stepDuration: { minutes: 5 } });
const isAct = (call: { task: string }) => call.task === 'agent.act';
const act = prefixRepeats(brainstormModel.calls, isAct);
const actBefore = prefixRepeats(brainstormModel.calls, isAct, beforeIssue18);
const consolidation = prefixRepeats(brainstormModel.calls, (call) => call.task === 'agent.consolidate');
console.log(
  `prompt-cache brainstorm: ${agents.length} personas × 10 turns, ${act.calls} act calls (${act.tokens} input tokens), ${consolidation.calls} consolidations`,
);
console.log(
  `RESULT prompt-cache brainstorm act: ${percent(act.sharedTokens, act.repeatTokens)} of each persona's input tokens repeat its previous call's prefix ` +
    `(baseline, pre-#18 layout: ${percent(actBefore.sharedTokens, actBefore.repeatTokens)}; goal >= 70 %); ` +
    `counting first calls too: ${percent(act.sharedTokens, act.tokens)} (baseline ${percent(actBefore.sharedTokens, actBefore.tokens)})`,
);
console.log(
  `  consolidation calls: ${percent(consolidation.sharedTokens, consolidation.repeatTokens)} repeat (short instructions, then new events)`,
);

// --- 20 personas × 3 polls ---
const pollModel = new RecordingModel(new OfflineModel({ responders: allOfflineResponders() }));
const panel = tinyTroupeSizePanel(20).map((spec, i) => ({ id: `p${i + 1}`, name: spec.name, spec }));
for (const question of [
  'Would you pay €3 a month for live bus times?',
  'Would you recommend the app to a colleague?',
  'Would you share your location to improve arrival estimates?',
]) {
  await runPoll({ personas: panel, poll: { kind: 'yes-no', question }, model: pollModel });
}
const isPoll = (call: { task: string }) => call.task === 'poll.answer';
const poll = prefixRepeats(pollModel.calls, isPoll);
console.log(
  `prompt-cache poll: 20 TinyTroupe-size personas × 3 yes/no polls, ${poll.calls} calls (${poll.tokens} input tokens)`,
);
console.log(
  `RESULT prompt-cache poll: ${percent(poll.sharedTokens, poll.repeatTokens)} of each persona's input tokens repeat its previous poll call's prefix ` +
    `(baseline: the poll prompt already put the persona first before #18, so the same; goal >= 70 %); counting first calls too: ${percent(poll.sharedTokens, poll.tokens)}`,
);
