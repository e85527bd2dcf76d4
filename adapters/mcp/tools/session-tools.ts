import { z } from 'zod';
import { UserInputError } from '../../../engine/errors.js';
import type { CommandRun } from '../command-caller.js';
import { quote } from '../panel-channels.js';
import { botText, openedThread, personaMessages, provenanceLabel } from '../reply-content.js';
import { defineTool, jobOf, jobOutput, type ToolContext } from '../tool-declaration.js';

const panelName = z.string().min(1).max(40).describe('The panel name, as list_panels shows it');
const threadId = z.string().min(1).max(80).describe('A thread id returned by ask_panel or brainstorm');

const answers = z.array(z.object({ persona: z.string(), personaId: z.string().optional(), text: z.string() }));

/** The channel (and thread) a session tool runs in; a thread must belong to the panel. */
export async function placeFor(
  context: ToolContext,
  panel: string,
  thread?: string,
): Promise<{ channelKey: string; threadKey?: string }> {
  const channelKey = await context.channels.seated(context.tenantId, panel);
  if (!thread) return { channelKey };
  const place = await context.channels.place(context.tenantId, thread);
  if (place.channelKey !== channelKey)
    throw new UserInputError(
      'mcp.thread',
      `Thread "${thread}" belongs to panel "${place.panel}", not "${panel}".`,
      `{"panel": "${place.panel}", "thread": "${thread}"}`,
    );
  return { channelKey, threadKey: thread };
}

/** The thread a run opened (remembered for follow-ups and forks), else the one it continued. */
export async function threadOf(
  run: CommandRun,
  context: ToolContext,
  panel: string,
  channelKey: string,
  given?: string,
) {
  const opened = openedThread(run.replies);
  if (opened) await context.channels.remember(context.tenantId, opened, { channelKey, panel });
  return opened ?? given ?? (run.job?.result?.threadKey as string | undefined) ?? '';
}

/** `/panel ask`: every persona answers, in a new thread or one to continue. */
export const askPanel = defineTool({
  name: 'ask_panel',
  title: 'Ask the panel',
  description:
    'Asks every persona of the panel a question; each answers under its own name. Without `thread` it opens a new thread; with one it continues that conversation. Runs as a job (progress, cancellable).',
  input: { panel: panelName, question: z.string().min(1).max(2000), thread: threadId.optional() },
  output: { panel: z.string(), thread: z.string(), answers, text: z.string(), ...jobOutput },
  async command(args, context) {
    const place = await placeFor(context, args.panel, args.thread);
    return { ...place, text: `/panel ask ${quote(args.question)}` };
  },
  async result(run, args, context) {
    const channelKey = (await placeFor(context, args.panel)).channelKey;
    return {
      structured: {
        panel: args.panel,
        thread: await threadOf(run, context, args.panel, channelKey, args.thread),
        answers: personaMessages(run.replies),
        text: botText(run.replies),
        label: provenanceLabel(run.replies) ?? context.fallbackLabel,
        job: jobOf(run),
      },
    };
  },
});

/** A follow-up in a thread: to one persona (`persona`), or to everyone. */
export const followUp = defineTool({
  name: 'follow_up',
  title: 'Follow up in a thread',
  description:
    'Continues a thread: the question goes to one persona when `persona` is given (only they answer), otherwise to the whole panel. Runs as a job.',
  input: {
    thread: threadId,
    question: z.string().min(1).max(2000),
    persona: z.string().min(1).max(80).optional().describe('The persona to ask, by name'),
  },
  output: { panel: z.string(), thread: z.string(), answers, text: z.string(), ...jobOutput },
  async command(args, context) {
    const place = await context.channels.place(context.tenantId, args.thread);
    const channelKey = await context.channels.seated(context.tenantId, place.panel);
    // A plain message in a thread is the follow-up; a leading slash would make it a command instead.
    const text = args.question.replace(/^\s*\/+/, '');
    return {
      channelKey,
      threadKey: args.thread,
      text,
      ...(args.persona ? { addressedPersona: args.persona } : {}),
    };
  },
  async result(run, args, context) {
    const place = await context.channels.place(context.tenantId, args.thread);
    return {
      structured: {
        panel: place.panel,
        thread: args.thread,
        answers: personaMessages(run.replies),
        text: botText(run.replies),
        label: provenanceLabel(run.replies) ?? context.fallbackLabel,
        job: jobOf(run),
      },
    };
  },
});

/** `/brainstorm`: a multi-round discussion in a thread. */
export const brainstorm = defineTool({
  name: 'brainstorm',
  title: 'Brainstorm with the panel',
  description:
    'A multi-round discussion of a topic among the personas; `diverge` adds the variety intervention. Opens a thread unless one is given. Runs as a job.',
  input: {
    panel: panelName,
    topic: z.string().min(1).max(2000),
    rounds: z.number().int().min(1).optional(),
    diverge: z.boolean().optional(),
    thread: threadId.optional(),
  },
  output: { panel: z.string(), thread: z.string(), messages: answers, text: z.string(), ...jobOutput },
  async command(args, context) {
    const place = await placeFor(context, args.panel, args.thread);
    const words = [`/brainstorm ${quote(args.topic)}`];
    if (args.rounds !== undefined) words.push(`--rounds ${args.rounds}`);
    if (args.diverge) words.push('--diverge');
    return { ...place, text: words.join(' ') };
  },
  async result(run, args, context) {
    const channelKey = (await placeFor(context, args.panel)).channelKey;
    return {
      structured: {
        panel: args.panel,
        thread: await threadOf(run, context, args.panel, channelKey, args.thread),
        messages: personaMessages(run.replies),
        text: botText(run.replies),
        label: provenanceLabel(run.replies) ?? context.fallbackLabel,
        job: jobOf(run),
      },
    };
  },
});
