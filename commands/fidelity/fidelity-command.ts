import { UserInputError } from '../../engine/errors.js';
import { parseSurveyCsv } from '../../engine/extraction/fidelity/index.js';
import { ssrEmbedder, ssrNeedsEmbeddings } from '../../engine/extraction/polls/index.js';
import type { UploadedFile } from '../../personas/uploads.js';
import type { DispatchContext, HandleOutcome } from '../dispatch-context.js';
import { channelPanel } from '../extraction/channel-data.js';
import type { Command } from '../grammar/command-types.js';
import type { Conversation, Reply } from '../reply.js';
import { botText } from '../replies.js';

const EXAMPLE = '/fidelity survey.csv --segments "age,gender"';

/**
 * `/fidelity` with an attached CSV: reads and maps it at once (clear errors before any model call), asks
 * when a column could be a question or a segment, otherwise starts the fidelity job.
 */
export async function startFidelity(
  service: DispatchContext,
  conversation: Conversation,
  command: Extract<Command, { name: 'fidelity' }>,
  text: string,
  files: readonly UploadedFile[],
): Promise<HandleOutcome> {
  const { personas } = await channelPanel(service.options.store, conversation);
  if (!files.length)
    throw new UserInputError(
      'fidelity.no_file',
      command.path
        ? 'Attach the CSV to the message: a path is read only in the local chat.'
        : 'Attach the survey as a CSV (one row per respondent, one column per question); in the local chat give its path.',
      EXAMPLE,
    );
  if (command.method === 'ssr' && !ssrEmbedder(service.options.model)) throw ssrNeedsEmbeddings();
  const file = files.find((entry) => /\.csv$/i.test(entry.name)) ?? files[0];
  const survey = parseSurveyCsv(file.bytes, { questions: command.questions, segments: command.segments });
  if (survey.ambiguous.length) {
    await service.reply(conversation, mappingQuestion(file.name, survey));
    return { ok: true };
  }
  return service.startJob(
    conversation,
    'fidelity',
    { survey, method: command.method, align: command.align, fileName: file.name },
    text,
    { poll: personas.length * survey.questions.length },
  );
}

function mappingQuestion(fileName: string, survey: ReturnType<typeof parseSurveyCsv>): Reply {
  const questions = survey.questions.map((question) => question.column);
  const sure = questions.filter((column) => !survey.ambiguous.includes(column));
  const segments = survey.segments.map((segment) => segment.column);
  const quote = (names: string[]) => names.map((name) => `"${name}"`).join(', ') || 'none';
  const suggestion = `/fidelity --questions "${questions.join(',')}" --segments "${[...segments].join(',')}"`;
  return botText(
    `I read ${fileName} (${survey.rows} rows). Questions: ${quote(sure)}. Segments: ${quote(segments)}. Left out: ${
      survey.skipped.map((entry) => `"${entry.column}" (${entry.reason})`).join(', ') || 'none'
    }.\nI am not sure whether ${quote(survey.ambiguous)} ${survey.ambiguous.length > 1 ? 'are questions or respondent segments' : 'is a question or a respondent segment'}. Say which and attach the CSV again, e.g.\n${suggestion}`,
  );
}

/** `/fidelity history`: the seated panel's fidelity reports over time, with the change since the first. */
export async function fidelityHistory(service: DispatchContext, conversation: Conversation): Promise<Reply> {
  const { panel } = await channelPanel(service.options.store, conversation);
  const reports = await service.options.store.listFidelityReports(conversation.tenantId, panel.id);
  if (!reports.length)
    return botText(`Panel ${panel.name} has no fidelity report yet. Attach a survey CSV: ${EXAMPLE}`);
  const f = (value: number | null) => (value === null ? '–' : value.toFixed(2));
  const rows = reports.map((report) => [
    report.createdAt.toISOString().slice(0, 16).replace('T', ' '),
    report.method,
    String(report.questions),
    f(report.meanJsd),
    f(report.meanKsSimilarity),
  ]);
  const first = reports[0];
  const last = reports[reports.length - 1];
  const trend =
    reports.length > 1
      ? `Since the first report: mean JSD ${last.meanJsd <= first.meanJsd ? 'down' : 'up'} ${Math.abs(last.meanJsd - first.meanJsd).toFixed(2)} (lower is closer to the survey).`
      : 'One report so far; run /fidelity again after changing the panel to see the trend.';
  const columns = ['when (UTC)', 'method', 'questions', 'mean JSD', 'mean KS similarity'];
  return {
    kind: 'text',
    speaker: { kind: 'bot' },
    text: [`Fidelity history of panel ${panel.name}`, ...[columns, ...rows].map((row) => row.join(' | ')), trend].join(
      '\n',
    ),
    blocks: [
      { kind: 'section', text: `*Fidelity history of panel ${panel.name}*` },
      { kind: 'table', columns, rows },
      { kind: 'context', text: trend },
    ],
  };
}
