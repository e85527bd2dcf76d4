import { UserInputError } from '../../engine/errors.js';
import type { PollExport } from '../../engine/extraction/export/index.js';
import { makeProvenance } from '../../engine/extraction/provenance.js';
import { comparePolls, pollOptions, type PollRun } from '../../engine/extraction/polls/index.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { Store } from '../../engine/store/ports.js';
import type { Conversation, Reply } from '../reply.js';
import { botText, syntheticLabel } from '../replies.js';
import { savedPolls } from './channel-data.js';
import { comparisonLines } from './poll-report.js';

type SavedPoll = PollExport & { answers: NonNullable<PollExport['answers']> };

/** Same kind and same options (open-ended categories differ run to run, so those never compare). */
function comparable(a: PollExport, b: PollExport): boolean {
  const [first, second] = [a.results.poll, b.results.poll];
  return (
    first.kind !== 'open-ended' &&
    first.kind === second.kind &&
    JSON.stringify(pollOptions(first)) === JSON.stringify(pollOptions(second))
  );
}

/** The latest pair of comparable polls, earlier first. */
function latestPair(polls: readonly PollExport[]): [SavedPoll, SavedPoll] | undefined {
  const usable = polls.filter((poll): poll is SavedPoll => Boolean(poll.answers?.length));
  for (let later = usable.length - 1; later > 0; later--) {
    for (let earlier = later - 1; earlier >= 0; earlier--) {
      if (comparable(usable[earlier], usable[later])) return [usable[earlier], usable[later]];
    }
  }
  return undefined;
}

function asRun(poll: SavedPoll, model: LanguageModel): PollRun {
  return {
    poll: poll.results.poll,
    answers: poll.answers,
    failures: [],
    provenance: poll.results.provenance ?? makeProvenance(model, 'saved poll'),
  };
}

/** One line describing a poll: its question, n and headline figure. */
function describePoll(label: string, poll: SavedPoll): string {
  const { results } = poll;
  const headline = results.scale
    ? `mean ${results.scale.mean.toFixed(2)}`
    : results.options
        .slice()
        .sort((a, b) => b.share - a.share)
        .slice(0, 3)
        .map((tally) => `${tally.option} ${Math.round(tally.share * 100)}%`)
        .join(', ');
  return `  ${label}: "${results.poll.question}" (n=${results.n}) — ${headline}`;
}

/**
 * `/poll compare`: the last two polls of the thread with the same kind and options, compared with
 * chi-square (Cramér's V) or Welch's t (Cohen's d), the p-value stated plainly.
 *
 * @example
 *   await pollCompareReply(store, model, conversation, threadKey); // "No clear difference between earlier poll …: p = 0.41, …"
 */
export async function pollCompareReply(
  store: Store,
  model: LanguageModel,
  conversation: Conversation,
  threadKey: string | undefined,
): Promise<Reply> {
  const polls = await savedPolls(store, conversation).list(threadKey, false);
  const pair = latestPair(polls);
  if (!pair) {
    const found =
      polls.length === 0
        ? 'There is no poll in this thread yet'
        : polls.length === 1
          ? 'There is only one poll in this thread'
          : `None of the ${polls.length} polls in this thread share a kind and options with another (open-ended polls are never compared)`;
    throw new UserInputError(
      'poll.compare.none',
      `${found}. /poll compare needs two polls of the same kind with the same options: run one, change something (ask, brainstorm, intervene), run it again, then /poll compare.`,
      '/poll yesno "Would you pay $5 a month?"',
    );
  }
  const [earlier, latest] = pair;
  const comparison = comparePolls(asRun(earlier, model), asRun(latest, model), ['earlier poll', 'latest poll']);
  const samePanel =
    earlier.results.provenance?.panel !== undefined &&
    earlier.results.provenance.panel === latest.results.provenance?.panel;
  const lines = [
    `Comparing two ${earlier.results.poll.kind} polls of this thread:`,
    describePoll('earlier poll', earlier),
    describePoll('latest poll', latest),
    ...comparisonLines(comparison),
    ...(samePanel
      ? [
          'Note: the same personas answered both polls, so the groups are not independent; the p-value is indicative only.',
        ]
      : []),
  ];
  return botText(lines.join('\n'), {
    blocks: [{ kind: 'section', text: lines.join('\n') }, syntheticLabel(model, 'Synthetic panel poll comparison')],
  });
}
