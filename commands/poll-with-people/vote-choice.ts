import { UserInputError } from '../../engine/errors.js';
import type { PollDefinition } from '../../engine/extraction/polls/index.js';
import { ballotLabels } from './ballot.js';

/**
 * The option a typed or clicked vote stands for: its number (1-based) or its name, case-insensitive.
 * @example voteOption(poll, ['yes', 'no'], '2') // 'no'
 */
export function voteOption(poll: PollDefinition, options: readonly string[], choice: string): string {
  const typed = choice.trim().toLowerCase();
  if (/^\d+$/.test(typed)) {
    const index = Number(typed) - 1;
    if (index >= 0 && index < options.length) return options[index];
  } else {
    const labels = ballotLabels(poll, options).map((label) => label.toLowerCase());
    const found = options.findIndex((option, index) => option.toLowerCase() === typed || labels[index] === typed);
    if (found >= 0) return options[found];
  }
  throw new UserInputError(
    'vote.unknown_option',
    `"${choice.slice(0, 60)}" is not an option of this poll. Pick a number from 1 to ${options.length}: ${ballotLabels(
      poll,
      options,
    )
      .map((label, index) => `${index + 1} ${label}`)
      .join(', ')}.`,
    '/vote 2',
  );
}
