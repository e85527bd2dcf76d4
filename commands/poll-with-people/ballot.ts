import type { PeoplePollRecord } from '../../engine/store/ports.js';
import type { PollDefinition } from '../../engine/extraction/polls/index.js';
import type { Reply } from '../reply.js';

/** The labels people see on the ballot buttons (Likert ends carry their words). */
export function ballotLabels(poll: PollDefinition, options: readonly string[]): string[] {
  if (poll.kind === 'likert')
    return options.map((option, index) =>
      index === 0 ? `1 ${poll.labels.low}` : index === options.length - 1 ? `${option} ${poll.labels.high}` : option,
    );
  return options.map((option) => option);
}

/**
 * The ballot posted for the humans of the channel: one button per option (each runs `/vote <n> --poll <id>`
 * as the person who clicks) and a [Close] button; the options are marked as one choice, so a platform whose
 * button rows are short (Teams, Slack beyond five) shows them as a select with one [Vote]. The text says how
 * to vote by typing, for the local chat.
 *
 * @example
 *   await poster.post(conversation, ballotReply(record, poll));
 */
export function ballotReply(record: PeoplePollRecord, poll: PollDefinition): Reply {
  const labels = ballotLabels(poll, record.options);
  const closes = record.closeAt
    ? ` It closes at ${record.closeAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`
    : '';
  const text = `People poll: ${poll.question}\nThe panel answers too; your votes are compared with theirs when the poll closes. One vote each, changeable until then.${closes}\n${labels.map((label, index) => `${index + 1}. ${label}`).join('\n')}\nVote with the buttons or type /vote <number>; /poll close ends it.`;
  return {
    kind: 'text',
    text,
    speaker: { kind: 'bot' },
    idempotencyKey: `people-poll:${record.id}:ballot`,
    blocks: [
      { kind: 'section', text: `*People poll:* ${poll.question}` },
      {
        kind: 'context',
        text: `The panel answers too; your votes are compared with theirs when the poll closes. One vote each, changeable until then.${closes}`,
      },
      {
        kind: 'actions',
        choice: { count: labels.length, prompt: 'Your answer', submitLabel: 'Vote' },
        buttons: [
          ...labels.map((label, index) => ({
            id: `vote-${index + 1}`,
            label,
            value: `/vote ${index + 1} --poll ${record.id}`,
          })),
          { id: 'poll-close', label: 'Close', value: `/poll close ${record.id}` },
        ],
      },
      { kind: 'context', text: 'Or type /vote <number> in this thread; /poll close ends it.' },
    ],
  };
}
