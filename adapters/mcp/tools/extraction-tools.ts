import { z } from 'zod';
import { EXPORT_FORMATS, POLL_KINDS } from '../../../commands/grammar/command-types.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { TENANT_CHANNEL, quote } from '../panel-channels.js';
import { botText, provenanceLabel } from '../reply-content.js';
import { defineTool, jobOf, jobOutput } from '../tool-declaration.js';
import { placeFor } from './session-tools.js';

const panelName = z.string().min(1).max(40).describe('The panel name, as list_panels shows it');
const threadId = z
  .string()
  .min(1)
  .max(80)
  .describe('A thread id returned by ask_panel or brainstorm (default: the panel’s latest thread)');

/** `/poll`: a structured poll with counts, confidence intervals and a chart (returned as image content). */
export const poll = defineTool({
  name: 'poll',
  title: 'Poll the panel',
  description:
    'A structured poll of every persona: yesno, choice, multi, likert, number or open. Returns the results table and the chart (PNG image content and a troupe://charts/{id} resource). Runs as a job.',
  input: {
    panel: panelName,
    kind: z.enum(POLL_KINDS),
    question: z.string().min(1).max(1000),
    options: z.array(z.string().min(1).max(200)).max(20).optional().describe('The options of a choice or multi poll'),
    method: z
      .enum(['direct', 'ssr'])
      .optional()
      .describe(
        'How answers are elicited: direct (each persona picks an answer) or, for likert, ssr (free text rated against anchor statements by embedding similarity; needs an embeddings endpoint)',
      ),
    thread: threadId.optional(),
    points: z
      .union([z.literal(5), z.literal(7)])
      .optional()
      .describe('Likert scale points'),
    min: z.number().optional().describe('Number polls: the lowest answer'),
    max: z.number().optional().describe('Number polls: the highest answer'),
    unit: z.string().min(1).max(20).optional().describe('Number polls: the unit, e.g. USD'),
    maxSelections: z.number().int().min(1).optional().describe('Multi polls: most options one persona may pick'),
    by: z
      .string()
      .min(1)
      .max(80)
      .optional()
      .describe('Breakdown: age-band, gender, nationality, occupation or a spec path'),
  },
  output: {
    panel: z.string(),
    question: z.string(),
    results: z.string(),
    chart: z.string().optional().describe('troupe://charts/{id}: the chart as a PNG resource'),
    ...jobOutput,
  },
  async command(args, context) {
    const place = await placeFor(context, args.panel, args.thread);
    const words = [`/poll ${args.kind}`, quote(args.question), ...(args.options ?? []).map(quote)];
    if (args.points) words.push(`--points ${args.points}`);
    if (args.method) words.push(`--method ${args.method}`);
    if (args.min !== undefined) words.push(`--min ${args.min}`);
    const max = args.kind === 'multi' ? args.maxSelections : args.max;
    if (max !== undefined) words.push(`--max ${max}`);
    if (args.unit) words.push(`--unit ${quote(args.unit)}`);
    if (args.by) words.push(`--by ${quote(args.by)}`);
    return { ...place, text: words.join(' ') };
  },
  async result(run, args, context) {
    const content: CallToolResult['content'] = [];
    let chart: string | undefined;
    for (const { reply } of run.replies) {
      if (reply.kind !== 'image') continue;
      const uri = await context.artifacts.save(context.tenantId, {
        kind: 'chart',
        filename: 'poll-chart.png',
        mimeType: 'image/png',
        bytes: reply.png,
      });
      chart ??= uri;
      content.push(
        { type: 'image', data: Buffer.from(reply.png).toString('base64'), mimeType: 'image/png' },
        { type: 'resource_link', uri, name: reply.title, description: reply.altText, mimeType: 'image/png' },
      );
    }
    return {
      structured: {
        panel: args.panel,
        question: args.question,
        results: botText(run.replies),
        ...(chart ? { chart } : {}),
        label: provenanceLabel(run.replies) ?? context.fallbackLabel,
        job: jobOf(run),
      },
      content,
    };
  },
});

/** `/summarize`: the focus-group summary with verified quotes. */
export const summarize = defineTool({
  name: 'summarize',
  title: 'Summarize',
  description:
    'A focus-group summary of a thread (default: the panel’s latest) or, with `all`, of the whole panel conversation, with verified quotes. Labelled synthetic. Runs as a job.',
  input: {
    panel: panelName,
    thread: threadId.optional(),
    focus: z.string().min(1).max(500).optional().describe('What the summary should focus on'),
    all: z.boolean().optional(),
  },
  output: { panel: z.string(), summary: z.string(), ...jobOutput },
  async command(args, context) {
    const place = await placeFor(context, args.panel, args.thread);
    const words = ['/summarize'];
    if (args.focus) words.push(quote(args.focus));
    if (args.all) words.push('--all');
    return { ...place, text: words.join(' ') };
  },
  async result(run, args, context) {
    return {
      structured: {
        panel: args.panel,
        summary: botText(run.replies),
        label: provenanceLabel(run.replies) ?? context.fallbackLabel,
        job: jobOf(run),
      },
    };
  },
});

const FORMATS = [...EXPORT_FORMATS, 'tinytroupe'] as const;

/** `/export` (or `/panel export tinytroupe`): a file, returned as a resource link. */
export const exportConversation = defineTool({
  name: 'export',
  title: 'Export',
  description:
    'Exports a thread (default: the latest) or, with `all`, the whole conversation as md, json, csv or docx; `tinytroupe` exports the panel as TinyTroupe agent files (zip). Returns a troupe://exports/{id} resource link.',
  input: { panel: panelName, format: z.enum(FORMATS), thread: threadId.optional(), all: z.boolean().optional() },
  output: {
    panel: z.string(),
    uri: z.string(),
    filename: z.string(),
    mimeType: z.string(),
    bytes: z.number(),
    label: z.string(),
    job: jobOutput.job,
  },
  async command(args, context) {
    const place = await placeFor(context, args.panel, args.thread);
    if (args.format === 'tinytroupe')
      return { ...place, text: `/panel export tinytroupe --panel ${quote(args.panel)}` };
    return { ...place, text: `/export ${args.format}${args.all ? ' --all' : ''}` };
  },
  async result(run, args, context) {
    const file = run.replies.map(({ reply }) => reply).find((reply) => reply.kind === 'file');
    if (file?.kind !== 'file') throw new Error('the export posted no file');
    const uri = await context.artifacts.save(context.tenantId, {
      kind: 'export',
      filename: file.filename,
      mimeType: file.mimeType,
      bytes: file.bytes,
    });
    return {
      structured: {
        panel: args.panel,
        uri,
        filename: file.filename,
        mimeType: file.mimeType,
        bytes: file.bytes.byteLength,
        label: file.title ?? context.fallbackLabel,
        job: jobOf(run),
      },
      content: [{ type: 'resource_link', uri, name: file.filename, mimeType: file.mimeType, description: file.title }],
    };
  },
});

/** `/usage`: what this tenant has spent. */
export const usage = defineTool({
  name: 'usage',
  title: 'Usage',
  description: 'Model calls, tokens and cost this tenant has spent, and its running jobs.',
  readOnly: true,
  input: {},
  output: { text: z.string() },
  command: async () => ({ channelKey: TENANT_CHANNEL, text: '/usage' }),
  result: async (run) => ({ structured: { text: botText(run.replies) } }),
});
