import { comparePeopleWithPanel, parsePoll, type PollAnswer } from '../../engine/extraction/polls/index.js';
import type { PeoplePollExport } from '../../engine/extraction/export/index.js';
import type { Store } from '../../engine/store/ports.js';
import type { Conversation } from '../reply.js';
import { exportNamesAllowed } from './export-names.js';
import { voterNames } from './voter-names.js';

/**
 * The people polls of the exported thread (or of the whole channel with `all`), each with the people's
 * distribution, the panel's beside it once it answered, and every vote by platform user id — with the
 * voter's name only while the workspace allows names in exports.
 *
 * @example
 *   const peoplePolls = await peoplePollExports(store, conversation, threadKey, false);
 */
export async function peoplePollExports(
  store: Store,
  conversation: Conversation,
  threadKey: string | undefined,
  all: boolean,
): Promise<PeoplePollExport[]> {
  const { tenantId, channelKey } = conversation;
  // Like the panel's saved polls: a thread's own, or the channel-level ones when there is no thread.
  const records = (await store.listPeoplePolls(tenantId, channelKey, all ? undefined : threadKey)).filter(
    (record) => all || record.threadKey === threadKey,
  );
  if (!records.length) return [];
  const named = await exportNamesAllowed(store, tenantId);
  return Promise.all(
    records.map(async (record): Promise<PeoplePollExport> => {
      const poll = parsePoll(record.poll);
      const votes = await store.listVotes(tenantId, record.id);
      const names = named ? await voterNames(store, tenantId, record.id) : {};
      const counts = record.options.map((option) => votes.filter((vote) => vote.option === option).length);
      const n = votes.length;
      const exported: PeoplePollExport = {
        pollId: record.id,
        question: poll.question,
        kind: poll.kind,
        options: [...record.options],
        status: record.closedAt ? 'closed' : 'open',
        people: { n, counts, shares: counts.map((count) => (n ? count / n : 0)) },
        votes: votes.map((vote) => ({
          userId: vote.userId,
          option: vote.option,
          votedAt: vote.votedAt.toISOString(),
          ...(named && names[vote.userId] ? { name: names[vote.userId] } : {}),
        })),
      };
      if (record.panelAnswers) {
        const answers = record.panelAnswers as unknown as PollAnswer[];
        const { comparison } = comparePeopleWithPanel(
          poll,
          answers,
          votes.map((vote) => vote.option),
          new Map(),
        );
        exported.panel = { n: comparison.first.n, shares: [...comparison.first.shares] };
        exported.jsd = comparison.jsd;
        if (comparison.ordinal) exported.wasserstein = comparison.wasserstein ?? null;
      }
      return exported;
    }),
  );
}
