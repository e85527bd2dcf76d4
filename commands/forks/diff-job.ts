import { z } from 'zod';
import type { WorldEvent } from '../../engine/agent/events.js';
import { renderVegaLitePng } from '../../engine/extraction/charts/index.js';
import {
  type FocusGroupSummary,
  type PollAnswer,
  type PollDiff,
  type PollExport,
  ResultsExtractor,
  diffPolls,
  diffThemes,
  parsePoll,
  pollOptions,
  runPoll,
  summarizeFocusGroup,
} from '../../engine/extraction/index.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { PersonaRecord, Store } from '../../engine/store/ports.js';
import { savedPolls } from '../extraction/channel-data.js';
import { summaryKey } from '../extraction/summarize-job.js';
import type { JobContext, JobKind } from '../jobs/job-types.js';
import { botText, syntheticLabel } from '../replies.js';
import type { Conversation } from '../reply.js';
import { type DiffReport, type SideBySide, diffChart, diffLines, diffMarkdown } from './diff-report.js';
import { type DiffSide, diffSides } from './diff-sides.js';

export const DiffInput = z.object({ threads: z.array(z.string().min(1)).min(1).max(2) });
export type DiffInput = z.infer<typeof DiffInput>;

type SavedPoll = PollExport & { answers: PollAnswer[] };

const comparable = (a: PollExport, b: PollExport) =>
  a.results.poll.kind !== 'open-ended' &&
  a.results.poll.kind === b.results.poll.kind &&
  JSON.stringify(pollOptions(a.results.poll)) === JSON.stringify(pollOptions(b.results.poll));

/** Pairs each of B's polls (latest first) with A's latest comparable poll; at most three pairs. */
function pollPairs(a: readonly PollExport[], b: readonly PollExport[]): [SavedPoll, SavedPoll][] {
  const usable = (polls: readonly PollExport[]) =>
    polls.filter((poll): poll is SavedPoll => Boolean(poll.answers?.length)).reverse();
  const left = usable(a);
  const pairs: [SavedPoll, SavedPoll][] = [];
  const seen = new Set<string>();
  for (const poll of usable(b)) {
    const match = left.find((candidate) => comparable(candidate, poll));
    const key = `${poll.results.poll.kind}:${poll.results.poll.question}`;
    if (match && !seen.has(key) && pairs.length < 3) {
      seen.add(key);
      pairs.push([match, poll]);
    }
  }
  return pairs;
}

/** Each persona's last words in a thread. */
function lastWords(events: readonly WorldEvent[], names: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const event of events)
    if (event.kind === 'action' && event.type === 'TALK' && names.includes(event.agent))
      out.set(event.agent, event.content);
  return out;
}

/**
 * `/diff`: compares two threads (a fork and its parent, or two named threads) — every poll asked
 * in both with the fitting test and effect size (plus the paired test when the same personas
 * answered both), each persona's answer or stance side by side with who changed, and the two
 * summaries' themes (shared, only in A, only in B); posted as a chart, text and a Markdown export.
 */
export function diffJob(deps: { store: Store; model: LanguageModel }): JobKind<DiffInput> {
  return {
    kind: 'diff',
    input: DiffInput,
    resumable: true,
    lane: (_input, conversation) => `world:${conversation.tenantId}:${conversation.channelKey}`,
    describe: () => 'Comparing the two threads',
    async run(context: JobContext, input: DiffInput) {
      const [a, b] = await diffSides(deps.store, context.conversation, input.threads);
      const outcome = await compareSides(context, deps, [a, b]);
      await context.recordResult(outcome);
      return outcome;
    },
  };
}

/**
 * Builds the diff of two sides and posts it (chart, text, Markdown export) in `where` (default the
 * job's conversation); `extra` lines go under the text (an experiment's assignment and results table).
 */
export async function compareSides(
  context: JobContext,
  deps: { store: Store; model: LanguageModel },
  [a, b]: [DiffSide, DiffSide],
  options: { where?: Conversation; extra?: string[]; keyPrefix?: string } = {},
): Promise<Record<string, unknown>> {
  const where = options.where ?? context.conversation;
  const prefix = options.keyPrefix ?? '';
  const { store, model } = deps;
  const tenantId = context.conversation.tenantId;
  const attribution = { tenantId, jobId: context.job.id };
  const panel = await store.getPanelById(tenantId, a.world.panelId);
  const personas = panel ? await store.listPersonas(tenantId, panel.id) : [];
  const names = personas.map((persona) => persona.name);
  const labels: [string, string] = [a.label, b.label];
  const polls = savedPolls(store, context.conversation);
  const pairs = pollPairs(await polls.list(a.threadKey, false), await polls.list(b.threadKey, false));
  const notes: string[] = [];
  const diffs = pairs.flatMap(([left, right]): PollDiff[] => {
    try {
      return [diffPolls(right.results.poll, [labels[0], left.answers], [labels[1], right.answers])];
    } catch (error) {
      notes.push(`“${right.results.poll.question}” could not be tested: ${(error as Error).message}`);
      return [];
    }
  });
  const events = async (side: DiffSide) =>
    store.listEvents(tenantId, side.world.id, side.threadKey ? { threadKey: side.threadKey } : undefined);
  const [eventsA, eventsB] = await Promise.all([events(a), events(b)]);
  await context.progress(1, 3, 'Comparing: answers');
  const { people, basis } = pairs.length
    ? fromPoll(pairs[0], names)
    : await fromStance(personas, [lastWords(eventsA, names), lastWords(eventsB, names)], model, context, attribution);
  await context.progress(2, 3, 'Comparing: themes');
  const themesOf = async (side: DiffSide, sideEvents: WorldEvent[]) => {
    const saved = (await store.getValue(tenantId, summaryKey(context.conversation.channelKey, side.threadKey))) as
      | { summary: FocusGroupSummary }
      | undefined;
    if (saved) return saved.summary.themes.map((theme) => theme.theme);
    if (!sideEvents.some((event) => event.kind === 'action' && names.includes(event.agent))) return undefined;
    const result = await summarizeFocusGroup(new ResultsExtractor({ model }), {
      source: sideEvents,
      panel: panel?.name,
      signal: context.signal,
      attribution,
    });
    return result.summary.themes.map((theme) => theme.theme);
  };
  const [themesA, themesB] = [await themesOf(a, eventsA), await themesOf(b, eventsB)];
  const report: DiffReport = {
    labels,
    polls: diffs,
    basis,
    people,
    ...(themesA && themesB ? { themes: diffThemes(themesA, themesB) } : {}),
  };
  await context.progress(3, 3, 'Comparing');
  const chart = diffChart(report);
  await context.post(
    `${prefix}chart`,
    {
      kind: 'image',
      title: `Diff: ${labels[0]} vs ${labels[1]}`,
      png: new Uint8Array(await renderVegaLitePng(chart.spec)),
      altText: chart.altText,
      speaker: { kind: 'bot' },
    },
    where,
  );
  const text = [...diffLines(report), ...notes, ...(options.extra ?? [])].join('\n');
  await context.post(
    `${prefix}text`,
    botText(text, { blocks: [{ kind: 'section', text }, syntheticLabel(model, 'Synthetic panel diff')] }),
    where,
  );
  const markdown = diffMarkdown(report, `Diff: ${labels[0]} vs ${labels[1]} (${panel?.name ?? 'panel'})`);
  await context.post(
    `${prefix}file`,
    {
      kind: 'file',
      filename: 'troupe-diff.md',
      mimeType: 'text/markdown',
      bytes: new TextEncoder().encode(markdown),
      title: 'Diff export (synthetic panel)',
      speaker: { kind: 'bot' },
    },
    where,
  );
  const outcome = {
    polls: diffs.length,
    changed: people.filter((person) => person.changed).length,
    personas: people.length,
    ...(report.themes ? { shared: report.themes.shared.length } : {}),
  };
  return outcome;
}

function fromPoll([left, right]: [SavedPoll, SavedPoll], names: readonly string[]) {
  const value = (answers: PollAnswer[], name: string) => {
    const found = answers.find((answer) => answer.personaName === name)?.value;
    return Array.isArray(found) ? found.join(' + ') : found;
  };
  const people: SideBySide[] = names.map((persona) => {
    const a = value(left.answers, persona);
    const b = value(right.answers, persona);
    return { persona, a, b, changed: a !== undefined && b !== undefined && a !== b };
  });
  return { people, basis: `answers to “${right.results.poll.question}”` };
}

/** Without a shared poll: a 1–5 stance rating of each persona's last words in each thread. */
async function fromStance(
  personas: readonly PersonaRecord[],
  said: [Map<string, string>, Map<string, string>],
  model: LanguageModel,
  context: JobContext,
  attribution: { tenantId: string; jobId: string },
) {
  const poll = parsePoll({
    kind: 'likert',
    question:
      'Where do you stand on what was asked in this conversation? 1 = strongly against / no, 5 = strongly for / yes.',
    points: 5,
  });
  const rate = async (words: Map<string, string>) => {
    const speakers = personas.filter((persona) => words.has(persona.name));
    if (!speakers.length) return new Map<string, number>();
    const run = await runPoll({
      personas: speakers.map((persona) => ({
        id: persona.id,
        name: persona.name,
        spec: persona.spec,
        memorySummary: `You said: ${words.get(persona.name)}`,
      })),
      poll,
      model,
      signal: context.signal,
      attribution,
    });
    return new Map(run.answers.map((answer) => [answer.personaName, Number(answer.value)]));
  };
  const [a, b] = [await rate(said[0]), await rate(said[1])];
  const people: SideBySide[] = personas.map((persona) => {
    const left = a.get(persona.name);
    const right = b.get(persona.name);
    return {
      persona: persona.name,
      a: left,
      b: right,
      changed: left !== undefined && right !== undefined && left !== right,
    };
  });
  return { people, basis: 'stance 1–5, rated from what each persona said last' };
}
