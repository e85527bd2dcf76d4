import type { CompactProfileTask } from '../../engine/agent/compact-profile/tasks.js';
import { analyzePoll, runPoll, type Breakdown, type PollRun } from '../../engine/extraction/polls/index.js';
import { jobThread } from '../session/thread-posts.js';
import { renderVegaLitePng } from '../../engine/extraction/charts/index.js';
import type { WorldEvent } from '../../engine/agent/events.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { Store } from '../../engine/store/ports.js';
import type { JobContext, JobKind } from '../jobs/job-types.js';
import { botText, syntheticLabel } from '../replies.js';
import { describeFailure } from '../session/turn-guard.js';
import { channelPanel, savedPolls } from './channel-data.js';
import { mainPollChart, segmentPollChart, type PollChart } from './poll-charts.js';
import { PollInput, dimensionOf, pollDefinition } from './poll-input.js';
import { tallyText } from './poll-report.js';
import { segmentText } from './poll-segments.js';
import { pollMethodNote } from './poll-method-note.js';
import type { PeoplePolls } from '../poll-with-people/people-polls.js';

export { PollInput, pollDefinition, pollJobInput, checkBreakdown } from './poll-input.js';

/** What a persona said and heard in the conversation, condensed for the poll prompt. */
function memoryOf(name: string, events: WorldEvent[]): string | undefined {
  const lines = events
    .filter(
      (event) =>
        event.kind === 'action' && event.type === 'TALK' && (event.agent === name || event.agent === 'facilitator'),
    )
    .slice(-8)
    .map((event) => `${event.agent === name ? 'You' : event.agent}: ${event.content.slice(0, 300)}`);
  return lines.length ? lines.join('\n') : undefined;
}

/**
 * `/poll`: every persona answers in character (progress "12/20 answered"), then the chart (Likert:
 * diverging bars), the tally with intervals, weighted figures and warnings, and with `--by` a
 * breakdown chart, a per-segment table and a test of the difference; results are kept for `/export`
 * and `/poll compare`.
 */
export function pollJob(deps: {
  store: Store;
  model: LanguageModel;
  /** The tasks that read compact profiles (`LLM_COMPACT_PROFILE`); polls do when it has `poll`. */
  compactProfile?: readonly CompactProfileTask[];
  /** Told when the panel has answered a poll the people answer too (`--with-people`). */
  peoplePolls?: Pick<PeoplePolls, 'panelAnswered'>;
}): JobKind<PollInput> {
  return {
    kind: 'poll',
    input: PollInput,
    resumable: true,
    // Queued behind a running ask or brainstorm of the channel, so it reads what they said.
    lane: (_input, conversation) => `world:${conversation.tenantId}:${conversation.channelKey}`,
    describe: (input) => `Polling the panel: ${input.question}${input.by ? ` (by ${input.by})` : ''}`,
    async run(context: JobContext, input: PollInput) {
      if (context.job.result?.saved) return context.job.result;
      const tenantId = context.conversation.tenantId;
      const threadKey = await jobThread(deps.store, context.conversation, input);
      const { panel, personas, world } = await channelPanel(deps.store, context.conversation, threadKey);
      const events = await deps.store.listEvents(tenantId, world.id, threadKey ? { threadKey: threadKey } : undefined);
      const where = { ...context.conversation, threadKey: threadKey ?? context.conversation.threadKey };
      const attribution = { tenantId, jobId: context.job.id };
      let chain = Promise.resolve();
      // A resumed poll counts the answers it asked for before the restart (recorded before anything
      // was posted), so the stored tally is the one people may already have read.
      const asked = context.job.result?.asked as PollRun | undefined;
      const run =
        asked ??
        (await runPoll({
          personas: personas.map((persona) => ({
            id: persona.id,
            name: persona.name,
            spec: persona.spec,
            memorySummary: memoryOf(persona.name, events),
            profile: persona.profile,
          })),
          compactProfile: deps.compactProfile?.includes('poll') ?? false,
          poll: pollDefinition(input),
          model: deps.model,
          weights: panel.weights,
          panel: panel.name,
          signal: context.signal,
          attribution,
          method: input.method,
          anchors: input.anchors,
          onProgress: ({ done, total }) => {
            chain = chain.then(() => context.progress(done, total, 'Polling: answered')).catch(() => undefined);
          },
        }));
      await chain;
      if (!asked) await context.recordResult({ asked: run });
      const why = failureSummary(run.failures);
      if (!run.answers.length) {
        // Nothing to count: say what happened instead of charting n = 0.
        await context.post(
          'no-answers',
          botText(`The poll could not run: no persona answered. ${why} Try again in a minute: /poll …`),
          where,
        );
        if (input.peoplePollId) await deps.peoplePolls?.panelAnswered(tenantId, input.peoplePollId, []);
        const failed = { saved: false, n: 0, failures: run.failures.length, status: 'failed' as const };
        await context.recordResult(failed);
        return failed;
      }
      const specs = new Map(personas.map((persona) => [persona.id, persona.spec]));
      const dimension = input.by ? dimensionOf(input.by) : undefined;
      const analysis = await analyzePoll(run, {
        model: deps.model,
        signal: context.signal,
        attribution,
        specs,
        breakdownBy: dimension,
      });
      const { results } = analysis;
      const postChart = async (key: string, chart: PollChart, title: string) => {
        const png = await renderVegaLitePng(chart.spec);
        await context.post(
          key,
          { kind: 'image', title, png: new Uint8Array(png), altText: chart.altText, speaker: { kind: 'bot' } },
          where,
        );
      };
      await postChart('chart', mainPollChart(results, run.answers), `Poll: ${run.poll.question}`);
      const breakdown: Breakdown | undefined = analysis.breakdown;
      if (breakdown)
        await postChart(
          'chart-segments',
          segmentPollChart(results, breakdown),
          `Poll by ${breakdown.dimension}: ${run.poll.question}`,
        );
      const tally = tallyText(results);
      const method = pollMethodNote(run);
      await context.post(
        'tally',
        {
          kind: 'text',
          text: method ? `${tally.text}\n${method}` : tally.text,
          speaker: { kind: 'bot' },
          blocks: [
            ...tally.blocks,
            ...(method ? [{ kind: 'context' as const, text: method }] : []),
            syntheticLabel(deps.model, 'Synthetic panel poll'),
          ],
        },
        where,
      );
      if (breakdown && dimension) {
        const segments = segmentText(run, { ...analysis, breakdown }, specs, dimension);
        await context.post(
          'segments',
          {
            kind: 'text',
            text: segments.text,
            speaker: { kind: 'bot' },
            blocks: [...segments.blocks, syntheticLabel(deps.model, 'Synthetic panel poll')],
          },
          where,
        );
      }
      if (run.failures.length)
        await context.post(
          'failures',
          botText(`${run.failures.length} of ${personas.length} personas could not answer and are left out. ${why}`),
          where,
        );
      const polls = savedPolls(deps.store, context.conversation);
      await polls.add(threadKey, { results, answers: run.answers }, context.job.id);
      await polls.remember(threadKey);
      if (input.peoplePollId) await deps.peoplePolls?.panelAnswered(tenantId, input.peoplePollId, run.answers);
      const outcome = {
        saved: true,
        n: results.n,
        failures: run.failures.length,
        warnings: results.warnings.length,
        segments: breakdown?.segments.length ?? 0,
        ...(run.failures.length ? { status: 'partial' as const } : {}),
      };
      await context.recordResult(outcome);
      return outcome;
    },
  };
}

/** "Maya, Bo: the model was rate limited." — the failures grouped by reason. */
function failureSummary(failures: { personaName: string; code?: string }[]): string {
  const byReason = new Map<string, string[]>();
  for (const failure of failures) {
    const reason = describeFailure({ code: failure.code ?? 'unknown' });
    byReason.set(reason, [...(byReason.get(reason) ?? []), failure.personaName]);
  }
  return [...byReason].map(([reason, names]) => `${names.join(', ')}: ${reason}.`).join(' ');
}
