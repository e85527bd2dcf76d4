/**
 * Estimate ÷ metered per job kind: runs each kind of job through the real command layer (the
 * offline model, metered into a MemoryStore) and prints the tokens and calls the job's estimate
 * promised beside what was metered for that job. Goal: every ratio within 0.75–1.25.
 *
 * The offline model's prompts are the engine's real prompts, so input tokens are what a provider
 * would see; its answers are shorter than a real model's, so output tokens are only indicative.
 *
 *   npx tsx bench/estimate-accuracy.ts
 */
import type { Conversation } from '../commands/reply.js';
import { CommandService } from '../commands/service.js';
import { MeteredModel } from '../engine/llm/metered-model.js';
import { OfflineModel } from '../engine/llm/offline/offline-model.js';
import { allOfflineResponders } from '../engine/llm/offline/all-responders.js';
import { MemoryStore } from '../engine/store/memory-store.js';

const conversation: Conversation = { tenantId: 'bench', channelKey: 'C1', userId: 'U1' };
const store = new MemoryStore();
const model = new MeteredModel(new OfflineModel({ responders: allOfflineResponders() }), { usageStore: store });
const service = new CommandService({
  store,
  model,
  sink: {
    post: async (_conversation, reply) => ({
      messageId: `m${Math.random()}`,
      threadKey: reply.opensThread ? `t${Math.random()}` : undefined,
    }),
  },
  limits: { maxPanelSize: 50, maxConcurrentJobs: 3 },
});

const rows: string[][] = [];
async function measure(label: string, text: string): Promise<void> {
  const outcome = await service.handle(conversation, text);
  await service.whenIdle();
  if (!outcome.ok || !outcome.jobId || !outcome.estimate) throw new Error(`${label}: ${String(outcome.error)}`);
  const metered = await store.summarizeUsage(conversation.tenantId, { jobId: outcome.jobId });
  const estimated = outcome.estimate.inputTokens + outcome.estimate.outputTokens;
  const spent = metered.inputTokens + metered.outputTokens;
  rows.push([
    label,
    String(outcome.estimate.calls),
    String(metered.calls),
    String(estimated),
    String(spent),
    (estimated / Math.max(1, spent)).toFixed(2),
    (outcome.estimate.inputTokens / Math.max(1, metered.inputTokens)).toFixed(2),
  ]);
}

await measure('panel.create (8 personas)', '/panel create 8 nurses in Lagos who commute by bus --name nurses');
await measure('panel.ask', '/panel ask What would make a bus-tracking app worth paying for?');
await measure('poll (likert)', '/poll likert "How likely are you to pay 1,500 naira a month?"');
await measure('brainstorm (3 rounds)', '/brainstorm features for commuting nurses --rounds 3');
await measure('brainstorm --diverge (3 rounds)', '/brainstorm safety features for night shifts --rounds 3 --diverge');
await service.handle(conversation, '/intervene when "the panel only talks about price" then "I should mention safety"');
await measure('panel.ask + 1 /intervene rule', '/panel ask Would you recommend it to a colleague?');
// A topic of its own: the same command text again within seconds would be the earlier job, deduplicated.
await measure('brainstorm + 1 rule (3 rounds)', '/brainstorm perks for nurses on night shifts --rounds 3');
await measure('summarize', '/summarize');

const header = [
  'job kind',
  'est calls',
  'metered calls',
  'est tokens',
  'metered tokens',
  'est÷metered',
  'input est÷metered',
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
const line = (cells: string[]) =>
  cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
console.log('Estimate ÷ metered per job kind (offline model, goal 0.75–1.25)');
console.log(line(header));
for (const row of rows) console.log(line(row));

const all = model.tally.byTask;
console.log('\nMetered per call by task (offline model):');
for (const [task, figures] of Object.entries(all).sort()) {
  const calls = Math.max(1, figures.calls - figures.cachedCalls);
  console.log(
    `  ${task.padEnd(34)} ${String(figures.calls).padStart(4)} calls  ~${Math.round(figures.inputTokens / calls)} in / ~${Math.round(figures.outputTokens / calls)} out`,
  );
}
