import { z } from 'zod';
import { jobThread } from '../session/thread-posts.js';
import { ResultsExtractor, summarizeFocusGroup, type FocusGroupSummary } from '../../engine/extraction/index.js';
import { UserInputError } from '../../engine/errors.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { Store } from '../../engine/store/ports.js';
import type { JobContext, JobKind } from '../jobs/job-types.js';
import { syntheticLabel } from '../replies.js';
import { channelPanel } from './channel-data.js';

export const SummarizeInput = z.object({
  focus: z.string().optional(),
  threadKey: z.string().optional(),
  latestThread: z.boolean().optional(),
  all: z.boolean(),
});
export type SummarizeInput = z.infer<typeof SummarizeInput>;

export const summaryKey = (channelKey: string, threadKey?: string) => `summary:${channelKey}:${threadKey ?? '*'}`;

/** The summary as readable text. */
export function summaryText(summary: FocusGroupSummary): string {
  const section = (title: string, items: string[]) =>
    items.length ? [`${title}:`, ...items.map((item) => `  • ${item}`)] : [];
  return [
    summary.overview,
    ...section(
      'Themes',
      summary.themes.map(
        (theme) =>
          `${theme.theme} — ${theme.description}${theme.quotes.length ? ` (${theme.quotes.map((quote) => `${quote.persona}: “${quote.text}”`).join(' ')})` : ''}`,
      ),
    ),
    ...section('Agreements', summary.agreements),
    ...section('Disagreements', summary.disagreements),
    ...section(
      'Objections',
      summary.objections.map((objection) => `${objection.persona}: ${objection.objection}`),
    ),
    ...section('Surprises', summary.surprises),
    ...section('Recommendations', summary.recommendations),
  ].join('\n');
}

/**
 * `/summarize`: a focus-group summary of the thread (or the whole channel) from the stored
 * transcript, with verified quotes; labelled synthetic and kept for `/export`.
 */
export function summarizeJob(deps: { store: Store; model: LanguageModel }): JobKind<SummarizeInput> {
  return {
    kind: 'summarize',
    input: SummarizeInput,
    resumable: true,
    // Queued behind a running ask or brainstorm of the channel, so it reads what they said.
    lane: (_input, conversation) => `world:${conversation.tenantId}:${conversation.channelKey}`,
    describe: (input) =>
      `Summarizing ${input.all ? 'the whole channel' : 'the conversation'}${input.focus ? ` (focus: ${input.focus})` : ''}`,
    async run(context: JobContext, input: SummarizeInput) {
      const tenantId = context.conversation.tenantId;
      const threadKey = await jobThread(deps.store, context.conversation, input);
      const { panel, world } = await channelPanel(deps.store, context.conversation, input.all ? undefined : threadKey);
      const events = await deps.store.listEvents(
        tenantId,
        world.id,
        threadKey && !input.all ? { threadKey: threadKey } : undefined,
      );
      if (!events.some((event) => event.kind === 'action' && event.agent !== 'facilitator')) {
        throw new UserInputError(
          'summary.empty',
          'Nobody has said anything here yet, so there is nothing to summarize.',
          '/panel ask "What would make you switch?"',
        );
      }
      await context.progress(0, 1, 'Summarizing');
      const extractor = new ResultsExtractor({ model: deps.model });
      const result = await summarizeFocusGroup(extractor, {
        source: events,
        panel: panel.name,
        focus: input.focus,
        signal: context.signal,
        attribution: { tenantId, jobId: context.job.id },
      });
      await context.progress(1, 1, 'Summarizing');
      const where = {
        ...context.conversation,
        threadKey: input.all ? context.conversation.threadKey : (threadKey ?? context.conversation.threadKey),
      };
      const text = `Summary${input.focus ? ` (focus: ${input.focus})` : ''}\n${summaryText(result.summary)}`;
      await context.post(
        'summary',
        {
          kind: 'text',
          text,
          speaker: { kind: 'bot' },
          blocks: [{ kind: 'section', text }, syntheticLabel(deps.model, 'Summary of a synthetic panel')],
        },
        where,
      );
      await deps.store.setValue(
        tenantId,
        summaryKey(context.conversation.channelKey, input.all ? undefined : threadKey),
        { summary: result.summary, quoteCheck: result.quoteCheck },
      );
      return { themes: result.summary.themes.length, calls: result.calls };
    },
  };
}
