import { z } from 'zod';
import { quote } from '../panel-channels.js';
import { botText, personaMessages, provenanceLabel } from '../reply-content.js';
import { defineTool, jobOf, jobOutput } from '../tool-declaration.js';
import { placeFor, threadOf } from './session-tools.js';

const panelName = z.string().min(1).max(40).describe('The panel name, as list_panels shows it');
const threadId = z.string().min(1).max(80).describe('A thread id returned by ask_panel, brainstorm or fork');
const answers = z.array(z.object({ persona: z.string(), personaId: z.string().optional(), text: z.string() }));

/** `/fork "<changed stimulus>"` in a thread: the same personas and memories up to the fork point, in a new thread. */
export const fork = defineTool({
  name: 'fork',
  title: 'Fork a thread',
  description:
    'Forks a thread: a new thread with the same personas and their memories up to the fork point, then the changed stimulus (e.g. the same question at $12 instead of $9). The parent never sees the fork. `from` forks from an earlier step (a number, 0 or now). Returns the new thread and its answers. Runs as a job.',
  input: {
    panel: panelName,
    thread: threadId,
    stimulus: z.string().min(1).max(2000).describe('The changed question or stimulus'),
    from: z
      .union([z.number().int().min(0), z.literal('now')])
      .optional()
      .describe('Fork point: keep steps 1…n of the thread, 0 for none of it, now for all of it'),
  },
  output: { panel: z.string(), thread: z.string(), parent: z.string(), answers, text: z.string(), ...jobOutput },
  async command(args, context) {
    const place = await placeFor(context, args.panel, args.thread);
    const from = args.from !== undefined ? ` --from ${args.from}` : '';
    return { ...place, text: `/fork ${quote(args.stimulus)}${from}` };
  },
  async result(run, args, context) {
    const { channelKey } = await placeFor(context, args.panel);
    return {
      structured: {
        panel: args.panel,
        thread: await threadOf(run, context, args.panel, channelKey),
        parent: args.thread,
        answers: personaMessages(run.replies),
        text: botText(run.replies),
        label: provenanceLabel(run.replies) ?? context.fallbackLabel,
        job: jobOf(run),
      },
    };
  },
});

/** `/diff` in a fork's thread: the fork against its parent (polls tested, stances side by side, themes). */
export const diff = defineTool({
  name: 'diff',
  title: 'Compare a fork with its parent',
  description:
    "Compares a fork's thread with its parent thread: polls asked in both with the right test and effect size, each persona's answer side by side (who changed their mind), and the themes shared or only on one side. Runs as a job.",
  input: { panel: panelName, thread: threadId.describe('The thread id of a fork (as fork returned it)') },
  output: { panel: z.string(), thread: z.string(), report: z.string(), ...jobOutput },
  async command(args, context) {
    return { ...(await placeFor(context, args.panel, args.thread)), text: '/diff' };
  },
  async result(run, args, context) {
    return {
      structured: {
        panel: args.panel,
        thread: args.thread,
        report: botText(run.replies),
        label: provenanceLabel(run.replies) ?? context.fallbackLabel,
        job: jobOf(run),
      },
    };
  },
});

const columns = (what: string) =>
  z.array(z.string().min(1).max(200)).max(100).optional().describe(`The CSV columns that are ${what}`);

/** `/fidelity` with the survey CSV as its attachment: the panel scored against real answers, beside two baselines. */
export const fidelity = defineTool({
  name: 'fidelity',
  title: 'Score the panel against a real survey',
  description:
    'Scores the panel against real survey answers: a CSV with one row per respondent and one column per question (optional segment columns such as age or gender). The panel answers the same questions; the report gives per question JSD, KS similarity and Wasserstein (ordinal), Kendall tau, the mean difference, bunching flags, per segment, beside a uniform-random and an always-the-majority baseline. Runs as a job.',
  input: {
    panel: panelName,
    csv: z.string().min(1).max(2_000_000).describe('The survey as CSV text (UTF-8, a header row first)'),
    questions: columns('questions'),
    segments: columns('segments'),
    method: z.enum(['direct', 'ssr']).optional().describe('How the panel answers Likert questions'),
    align: z.boolean().optional().describe("Rake the panel's weights to the survey's segment marginals first"),
  },
  output: { panel: z.string(), report: z.string(), ...jobOutput },
  async command(args, context) {
    const words = ['/fidelity'];
    if (args.method) words.push(`--method ${args.method}`);
    if (args.align) words.push('--align');
    if (args.questions) words.push(`--questions ${quote(args.questions.join(','))}`);
    if (args.segments) words.push(`--segments ${quote(args.segments.join(','))}`);
    const { channelKey } = await placeFor(context, args.panel);
    return {
      channelKey,
      text: words.join(' '),
      files: [{ name: 'survey.csv', bytes: new TextEncoder().encode(args.csv) }],
    };
  },
  async result(run, args, context) {
    return {
      structured: {
        panel: args.panel,
        report: botText(run.replies),
        label: provenanceLabel(run.replies) ?? context.fallbackLabel,
        job: jobOf(run),
      },
    };
  },
});
