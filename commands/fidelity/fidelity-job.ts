import { z } from 'zod';
import { renderVegaLitePng } from '../../engine/extraction/charts/index.js';
import { buildFidelityReport, type FidelityReport, type SurveyData } from '../../engine/extraction/fidelity/index.js';
import { compareDistributions, runPoll, type PollAnswer } from '../../engine/extraction/polls/index.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { Store } from '../../engine/store/ports.js';
import { channelPanel } from '../extraction/channel-data.js';
import type { JobContext, JobKind } from '../jobs/job-types.js';
import { peopleResultChart } from '../poll-with-people/people-result.js';
import { syntheticLabel } from '../replies.js';
import { fidelityMarkdown } from './fidelity-markdown.js';
import { fidelitySummaryText } from './fidelity-summary.js';

/** A fidelity job's input: the survey as read at the command (plain JSON), the method and `--align`. */
export const FidelityInput = z.object({
  survey: z.object({
    rows: z.number().int().min(1),
    questions: z.array(z.record(z.string(), z.unknown())).min(1),
    segments: z.array(z.record(z.string(), z.unknown())),
    skipped: z.array(z.object({ column: z.string(), reason: z.string() })),
    ambiguous: z.array(z.string()),
  }),
  method: z.enum(['direct', 'ssr']),
  align: z.boolean(),
  fileName: z.string(),
});
export type FidelityInput = z.infer<typeof FidelityInput>;

/**
 * `/fidelity`: the seated panel answers every survey question (as a poll, direct or SSR), then the thread
 * gets the summary beside the two baselines, charts of the three questions furthest from the survey, and the
 * report as Markdown and JSON; the report is stored for `/fidelity history`.
 */
export function fidelityJob(deps: { store: Store; model: LanguageModel }): JobKind<FidelityInput> {
  return {
    kind: 'fidelity',
    input: FidelityInput,
    resumable: true,
    lane: (_input, conversation) => `world:${conversation.tenantId}:${conversation.channelKey}`,
    describe: (input) => `Scoring the panel against ${input.fileName} (${input.survey.questions.length} questions)`,
    async run(context: JobContext, input: FidelityInput) {
      if (context.job.result?.saved) return context.job.result;
      const survey = input.survey as unknown as SurveyData;
      const tenantId = context.conversation.tenantId;
      const { panel, personas } = await channelPanel(deps.store, context.conversation);
      const total = survey.questions.length * personas.length;
      let done = 0;
      let chain = Promise.resolve();
      const answers = new Map<string, PollAnswer[]>();
      let lexicalStandIn = false;
      for (const question of survey.questions) {
        const run = await runPoll({
          personas: personas.map((persona) => ({ id: persona.id, name: persona.name, spec: persona.spec })),
          poll: question.poll,
          model: deps.model,
          panel: panel.name,
          // SSR rates Likert answers; the other questions are asked directly.
          method: question.poll.kind === 'likert' ? input.method : 'direct',
          signal: context.signal,
          attribution: { tenantId, jobId: context.job.id },
          onProgress: () => {
            done++;
            chain = chain.then(() => context.progress(done, total, 'Fidelity: answered')).catch(() => undefined);
          },
        });
        answers.set(question.column, run.answers);
        if (run.ssr?.lexicalStandIn) lexicalStandIn = true;
      }
      await chain;
      const report = buildFidelityReport({
        survey,
        answers,
        specs: new Map(personas.map((persona) => [persona.id, persona.spec])),
        method: input.method,
        panel: panel.name,
        align: input.align,
      });
      await postReport(context, deps.model, report, input.fileName, lexicalStandIn ? SSR_STAND_IN_NOTE : undefined);
      const saved = await deps.store.saveFidelityReport({
        tenantId,
        panelId: panel.id,
        method: report.method,
        questions: report.questions.length,
        meanKsSimilarity: report.summary.meanKsSimilarity,
        meanJsd: report.summary.meanJsd,
        report: report as unknown as Record<string, unknown>,
      });
      const outcome = { saved: true, reportId: saved.id, questions: report.questions.length };
      await context.recordResult(outcome);
      return outcome;
    },
  };
}

/** Said with an SSR report whose similarities came from the offline demo model's lexical stand-in. */
const SSR_STAND_IN_NOTE =
  'SSR similarity: a LEXICAL STAND-IN from the offline demo model (lexical similarity, not embeddings): the SSR figures check the wiring, not the method.';

async function postReport(
  context: JobContext,
  model: Pick<LanguageModel, 'name'>,
  report: FidelityReport,
  fileName: string,
  note?: string,
): Promise<void> {
  const summary = fidelitySummaryText(report, fileName);
  await context.post('summary', {
    kind: 'text',
    text: note ? `${summary.text}\n${note}` : summary.text,
    speaker: { kind: 'bot' },
    blocks: [
      ...summary.blocks,
      ...(note ? [{ kind: 'context' as const, text: note }] : []),
      syntheticLabel(model, 'Synthetic panel fidelity'),
    ],
  });
  const worst = [...report.questions].sort((a, b) => b.scores.jsd - a.scores.jsd).slice(0, 3);
  for (const [index, question] of worst.entries()) {
    const scale = question.kind === 'likert' ? question.options.map((_, at) => at + 1) : undefined;
    const comparison = compareDistributions(
      question.options,
      { label: 'panel', counts: question.syntheticShares, n: question.nSynthetic },
      { label: 'survey', counts: question.realShares, n: question.nReal },
      scale,
    );
    const poll = report.questions[report.questions.indexOf(question)];
    const chart = peopleResultChart(
      {
        poll: (question.kind === 'likert'
          ? {
              kind: 'likert',
              question: poll.question,
              points: question.options.length,
              labels: { low: '1', high: String(question.options.length) },
            }
          : { kind: 'single-choice', question: poll.question, options: question.options }) as never,
        comparison,
        divergentSegments: [],
      },
      `Synthetic panel beside the survey · JSD ${question.scores.jsd.toFixed(2)}`,
    );
    const png = await renderVegaLitePng(chart.spec);
    await context.post(`chart-${index}`, {
      kind: 'image',
      title: `Fidelity: ${question.question}`,
      png: new Uint8Array(png),
      altText: chart.altText,
      speaker: { kind: 'bot' },
    });
  }
  const stem = `fidelity-${report.createdAt.slice(0, 10)}`;
  await context.post('markdown', {
    kind: 'file',
    filename: `${stem}.md`,
    mimeType: 'text/markdown',
    bytes: new TextEncoder().encode(fidelityMarkdown(report, note)),
    title: 'Fidelity report (Markdown)',
  });
  await context.post('json', {
    kind: 'file',
    filename: `${stem}.json`,
    mimeType: 'application/json',
    bytes: new TextEncoder().encode(`${JSON.stringify(note ? { ...report, note } : report, null, 2)}\n`),
    title: 'Fidelity report (JSON)',
  });
}
