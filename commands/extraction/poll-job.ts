import { z } from 'zod';
import { analyzePoll, parsePoll, runPoll, type PollDefinition } from '../../engine/extraction/polls/index.js';
import { pollBarChartSpec, renderVegaLitePng } from '../../engine/extraction/charts/index.js';
import { formatInterval, formatShare } from '../../engine/extraction/export/index.js';
import type { WorldEvent } from '../../engine/agent/events.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { Store } from '../../engine/store/ports.js';
import type { JobContext, JobKind } from '../jobs/job-types.js';
import { syntheticLabel } from '../replies.js';
import { channelPanel, savedPolls } from './channel-data.js';

export const PollInput = z.object({
  kind: z.enum(['likert', 'choice', 'yesno', 'number', 'open']),
  question: z.string().min(1),
  options: z.array(z.string()),
  threadKey: z.string().optional(),
});
export type PollInput = z.infer<typeof PollInput>;

/** The grammar's poll kinds as extraction poll definitions (validated: a UserInputError when wrong). */
export function pollDefinition(input: Pick<PollInput, 'kind' | 'question' | 'options'>): PollDefinition {
  const kind = { likert: 'likert', choice: 'single-choice', yesno: 'yes-no', number: 'numeric', open: 'open-ended' }[input.kind];
  return parsePoll(input.kind === 'choice' ? { kind, question: input.question, options: input.options } : { kind, question: input.question });
}

/** What a persona said and heard in the conversation, condensed for the poll prompt. */
function memoryOf(name: string, events: WorldEvent[]): string | undefined {
  const lines = events
    .filter((event) => event.kind === 'action' && event.type === 'TALK' && (event.agent === name || event.agent === 'facilitator'))
    .slice(-8)
    .map((event) => `${event.agent === name ? 'You' : event.agent}: ${event.content.slice(0, 300)}`);
  return lines.length ? lines.join('\n') : undefined;
}

/**
 * `/poll`: every persona answers in character (progress "12/20 answered"), then a chart image and
 * the tally with intervals are posted; results are kept for `/export`.
 */
export function pollJob(deps: { store: Store; model: LanguageModel }): JobKind<PollInput> {
  return {
    kind: 'poll',
    input: PollInput,
    resumable: true,
    describe: (input) => `Polling the panel: ${input.question}`,
    async run(context: JobContext, input: PollInput) {
      if (context.job.result?.saved) return context.job.result;
      const tenantId = context.conversation.tenantId;
      const { panel, personas, world } = await channelPanel(deps.store, context.conversation);
      const events = await deps.store.listEvents(tenantId, world.id, input.threadKey ? { threadKey: input.threadKey } : undefined);
      const where = { ...context.conversation, threadKey: input.threadKey ?? context.conversation.threadKey };
      const attribution = { tenantId, jobId: context.job.id };
      let chain = Promise.resolve();
      const run = await runPoll({
        personas: personas.map((persona) => ({ id: persona.id, name: persona.name, spec: persona.spec, memorySummary: memoryOf(persona.name, events) })),
        poll: pollDefinition(input),
        model: deps.model,
        weights: panel.weights,
        panel: panel.name,
        signal: context.signal,
        attribution,
        onProgress: ({ done, total }) => {
          chain = chain.then(() => context.progress(done, total, 'Polling: answered')).catch(() => undefined);
        },
      });
      await chain;
      const analysis = await analyzePoll(run, { model: deps.model, signal: context.signal, attribution });
      const { results } = analysis;
      const png = await renderVegaLitePng(pollBarChartSpec(results, { answers: run.answers }));
      await context.post('chart', { kind: 'image', title: `Poll: ${run.poll.question}`, png: new Uint8Array(png), altText: `Bar chart of ${results.n} synthetic answers to "${run.poll.question}"`, speaker: { kind: 'bot' } }, where);
      const rows = results.options.map((tally) => [tally.option, String(tally.count), formatShare(tally.share), formatInterval(tally.ci)]);
      const scale = results.scale ? `\nMean ${results.scale.mean.toFixed(2)}${results.scale.ci ? ` (95% CI ${formatInterval(results.scale.ci, false)})` : ''}, median ${results.scale.median}.` : '';
      const failures = run.failures.length ? `\n${run.failures.length} persona(s) could not answer.` : '';
      const text = [`Poll: ${run.poll.question} (n=${results.n})`, ...rows.map((row) => `  ${row[0]}: ${row[1]} (${row[2]}, 95% CI ${row[3]})`)].join('\n') + scale + failures;
      await context.post('tally', { kind: 'text', text, speaker: { kind: 'bot' }, blocks: [{ kind: 'section', text: `Poll: ${run.poll.question} (n=${results.n})` }, { kind: 'table', columns: ['option', 'count', 'share', '95% CI'], rows }, syntheticLabel(deps.model, 'Synthetic panel poll')] }, where);
      const polls = savedPolls(deps.store, context.conversation);
      await polls.add(input.threadKey, { results, answers: run.answers });
      await polls.remember(input.threadKey);
      const outcome = { saved: true, n: results.n, failures: run.failures.length };
      await context.recordResult(outcome);
      return outcome;
    },
  };
}
