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
