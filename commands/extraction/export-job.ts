import { z } from 'zod';
import { jobThread } from '../session/thread-posts.js';
import {
  ArtifactExporter,
  makeProvenance,
  type ExportBundle,
  type FocusGroupSummary,
  type QuoteCheckReport,
} from '../../engine/extraction/index.js';
import { renderVegaLitePng } from '../../engine/extraction/charts/index.js';
import { mainPollChart } from './poll-charts.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { Store } from '../../engine/store/ports.js';
import { EXPORT_FORMATS } from '../grammar/command-types.js';
import type { JobContext, JobKind } from '../jobs/job-types.js';
import { channelPanel, savedPolls } from './channel-data.js';
import { summaryKey } from './summarize-job.js';
import { peoplePollExports } from '../export-settings/people-poll-export.js';

export const ExportInput = z.object({
  format: z.enum(EXPORT_FORMATS),
  threadKey: z.string().optional(),
  latestThread: z.boolean().optional(),
  all: z.boolean(),
});
export type ExportInput = z.infer<typeof ExportInput>;

/**
 * `/export`: the transcript of the thread (or channel), its latest summary and polls (with charts
 * in DOCX) as one file in the chosen format, stamped synthetic with the model and time.
 */
export function exportJob(deps: { store: Store; model: LanguageModel }): JobKind<ExportInput> {
  return {
    kind: 'export',
    input: ExportInput,
    resumable: true,
    // Queued behind a running ask or brainstorm of the channel, so it reads what they said.
    lane: (_input, conversation) => `world:${conversation.tenantId}:${conversation.channelKey}`,
    describe: (input) => `Exporting ${input.all ? 'the whole channel' : 'the conversation'} as ${input.format}`,
    async run(context: JobContext, input: ExportInput) {
      const tenantId = context.conversation.tenantId;
      const thread = input.all ? undefined : await jobThread(deps.store, context.conversation, input);
      const { panel, world } = await channelPanel(deps.store, context.conversation, thread);
      const transcript = await deps.store.listEvents(tenantId, world.id, thread ? { threadKey: thread } : undefined);
      const saved = (await deps.store.getValue(tenantId, summaryKey(context.conversation.channelKey, thread))) as
        | { summary: FocusGroupSummary; quoteCheck?: QuoteCheckReport }
        | undefined;
      const polls = await savedPolls(deps.store, context.conversation).list(thread, input.all);
      const peoplePolls = await peoplePollExports(deps.store, context.conversation, thread, input.all);
      const charts =
        input.format === 'docx'
          ? await Promise.all(
              polls.map(async (poll) => ({
                title: poll.results.poll.question,
                png: new Uint8Array(await renderVegaLitePng(mainPollChart(poll.results, poll.answers ?? []).spec)),
                width: 640,
                height: 360,
              })),
            )
          : undefined;
      const bundle: ExportBundle = {
        title: `${panel.name} ${thread ? `thread ${thread}` : 'channel'}`,
        provenance: makeProvenance(deps.model, panel.name),
        transcript,
        summary: saved?.summary,
        quoteCheck: saved?.quoteCheck,
        polls,
        ...(peoplePolls.length ? { peoplePolls } : {}),
        charts,
      };
      const exporter = new ArtifactExporter();
      const file = await exporter.export(bundle, input.format);
      const where = { ...context.conversation, threadKey: thread ?? context.conversation.threadKey };
      await context.post(
        'file',
        {
          kind: 'file',
          filename: file.filename,
          mimeType: file.mimeType,
          bytes: new Uint8Array(file.data),
          title: `Export (${input.format}, synthetic panel)`,
          speaker: { kind: 'bot' },
        },
        where,
      );
      // A CSV is one table: the people's votes and their distribution beside the panel's come as two more.
      if (input.format === 'csv' && peoplePolls.length)
        for (const table of ['people-votes', 'people-results'] as const) {
          const extra = await exporter.export(bundle, 'csv', table);
          await context.post(
            `file:${table}`,
            {
              kind: 'file',
              filename: extra.filename,
              mimeType: extra.mimeType,
              bytes: new Uint8Array(extra.data),
              title: `Export (${table}, real people beside the synthetic panel)`,
              speaker: { kind: 'bot' },
            },
            where,
          );
        }
      return { filename: file.filename, bytes: file.data.byteLength, events: transcript.length };
    },
  };
}
