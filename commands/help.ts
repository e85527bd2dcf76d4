import { UserInputError } from '../engine/errors.js';
import type { CommandParser } from './grammar/parse.js';
import { didYouMean } from './grammar/suggest.js';
import type { Reply } from './reply.js';
import { botText } from './replies.js';

/**
 * `/help` and `/help <command>` from the grammar table, so help never drifts from parsing.
 *
 * @example
 *   helpReply(parser, 'poll') // usage, summary and examples of /poll
 */
export function helpReply(parser: CommandParser, topic?: string): Reply {
  if (!topic) {
    const lines = parser.specs.map((spec) => `${spec.usage} — ${spec.summary}`);
    const text = [
      'Commands:',
      ...lines,
      'In a thread, a plain message is a follow-up to the panel; start it with @Name to ask one persona.',
      'Commands in a thread apply to that thread; in the channel, to the latest thread (--all: the whole channel).',
    ].join('\n');
    return botText(text, {
      ephemeral: true,
      blocks: [
        {
          kind: 'table',
          columns: ['command', 'what it does'],
          rows: parser.specs.map((spec) => [spec.usage, spec.summary]),
        },
      ],
    });
  }
  const lastWord = (words: string[]) => words.length > 1 && words.at(-1) === topic.toLowerCase().trim();
  const byLastWord = parser.specs.filter((candidate) => lastWord(candidate.words));
  const spec =
    parser.findByName(topic) ??
    parser.specs.find(
      (candidate) => candidate.words[0] === topic.toLowerCase().split(/\s+/)[0] && candidate.words.length === 1,
    ) ??
    // `/help ask` means `/help panel ask` when only one command ends with that word.
    (byLastWord.length === 1 ? byLastWord[0] : undefined);
  if (!spec) {
    const groups = parser.specs.filter((candidate) => candidate.words[0] === topic.toLowerCase().split(/\s+/)[0]);
    if (groups.length) {
      return botText(groups.map((candidate) => `${candidate.usage} — ${candidate.summary}`).join('\n'), {
        ephemeral: true,
      });
    }
    const names = parser.specs.map((candidate) => candidate.words.join(' '));
    throw new UserInputError(
      'help.unknown',
      `There is no command "${topic}".${didYouMean(topic, names)}`,
      '/help poll',
    );
  }
  const text = [
    spec.usage,
    spec.summary,
    ...(spec.details ?? []),
    'Examples:',
    ...spec.examples.map((example) => `  ${example}`),
  ].join('\n');
  return botText(text, { ephemeral: true });
}
