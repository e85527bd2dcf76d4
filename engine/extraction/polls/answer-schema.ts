import { z } from 'zod';
import { integerSet } from '../../util/closed-sets.js';
import type { PollDefinition } from './definition.js';

const reason = z.string().min(1).max(400).describe('one or two sentences, in character, why');

/**
 * The structured answer schema for a poll, built from its kind so the model can only give a valid
 * answer: every closed set is an enum (yes/no, the options, the Likert points 1…N).
 *
 * @example
 *   answerSchemaFor({ kind: 'yes-no', question: 'Would you buy it?' }); // { answer: 'yes' | 'no', reason }
 */
export function answerSchemaFor(poll: PollDefinition): z.ZodType<Record<string, unknown>> {
  switch (poll.kind) {
    case 'yes-no':
      return z.object({ answer: z.enum(['yes', 'no']), reason });
    case 'single-choice':
      return z.object({ choice: z.enum(poll.options as [string, ...string[]]), reason });
    case 'multiple-choice':
      return z.object({
        choices: z
          .array(z.enum(poll.options as [string, ...string[]]))
          .min(1)
          .max(poll.maxSelections ?? poll.options.length),
        reason,
      });
    case 'likert':
      return z.object({ rating: integerSet(1, poll.points), reason });
    case 'numeric': {
      let value = z.number();
      if (poll.min !== undefined) value = value.min(poll.min);
      if (poll.max !== undefined) value = value.max(poll.max);
      return z.object({ value, reason });
    }
    case 'open-ended':
      return z.object({ answer: z.string().min(1).max(600), reason });
  }
}

/** The value of an answer: an option, options, a number, or free text. */
export type PollValue = string | string[] | number;

/** Pulls the value out of a validated structured answer. */
export function answerValue(poll: PollDefinition, raw: Record<string, unknown>): PollValue {
  switch (poll.kind) {
    case 'yes-no':
    case 'open-ended':
      return raw.answer as string;
    case 'single-choice':
      return raw.choice as string;
    case 'multiple-choice':
      return [...new Set(raw.choices as string[])];
    case 'likert':
      return raw.rating as number;
    case 'numeric':
      return raw.value as number;
  }
}

/** Human-readable instructions for the answer format, part of the prompt. */
export function answerInstructions(poll: PollDefinition): string {
  switch (poll.kind) {
    case 'yes-no':
      return 'Answer "yes" or "no".';
    case 'single-choice':
      return `Choose exactly one option:\n${poll.options.map((option) => `- ${option}`).join('\n')}`;
    case 'multiple-choice':
      return `Choose one or more options${poll.maxSelections ? ` (at most ${poll.maxSelections})` : ''}:\n${poll.options.map((option) => `- ${option}`).join('\n')}`;
    case 'likert':
      return `Rate from 1 (${poll.labels.low}) to ${poll.points} (${poll.labels.high}). Use the whole scale: extreme ratings are fine when they are what you think.`;
    case 'numeric':
      return `Answer with a number${poll.unit ? ` in ${poll.unit}` : ''}${poll.min !== undefined ? `, at least ${poll.min}` : ''}${poll.max !== undefined ? `, at most ${poll.max}` : ''}.`;
    case 'open-ended':
      return 'Answer in one to three sentences, in your own words.';
  }
}
