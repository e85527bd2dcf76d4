import { z } from 'zod';
import { UserInputError } from '../../errors.js';

const question = z.string().trim().min(3, 'the question is missing or too short');
const options = z
  .array(z.string().trim().min(1, 'an option cannot be empty'))
  .min(2, 'needs at least 2 options')
  .max(12, 'allows at most 12 options')
  .refine(
    (list) => new Set(list.map((option) => option.toLowerCase())).size === list.length,
    'options must be different from each other',
  );

/**
 * A poll definition. Kinds: `yes-no`, `single-choice`, `multiple-choice`, `likert` (5 or 7 points),
 * `numeric` (optional min/max), `open-ended` (answers normalised into `categories`).
 *
 * @example
 *   parsePoll({ kind: 'single-choice', question: 'Which name?', options: ['Nova', 'Orbit'] });
 */
export const PollDefinitionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('yes-no'), question }),
  z.object({ kind: z.literal('single-choice'), question, options }),
  z.object({
    kind: z.literal('multiple-choice'),
    question,
    options,
    maxSelections: z.number().int().min(1).optional(),
  }),
  z.object({
    kind: z.literal('likert'),
    question,
    points: z.union([z.literal(5), z.literal(7)]).default(5),
    labels: z
      .object({ low: z.string().min(1), high: z.string().min(1) })
      .default({ low: 'Strongly disagree', high: 'Strongly agree' }),
  }),
  z
    .object({
      kind: z.literal('numeric'),
      question,
      min: z.number().optional(),
      max: z.number().optional(),
      unit: z.string().optional(),
    })
    .refine((poll) => poll.min === undefined || poll.max === undefined || poll.min < poll.max, 'min must be below max'),
  z.object({ kind: z.literal('open-ended'), question, categories: z.number().int().min(2).max(10).default(5) }),
]);
export type PollDefinition = z.infer<typeof PollDefinitionSchema>;
export type PollKind = PollDefinition['kind'];

const EXAMPLES: Record<string, string> = {
  'yes-no': `{ kind: 'yes-no', question: 'Would you pay for this?' }`,
  'single-choice': `{ kind: 'single-choice', question: 'Which name do you prefer?', options: ['Nova', 'Orbit'] }`,
  'multiple-choice': `{ kind: 'multiple-choice', question: 'Which features matter?', options: ['Price', 'Speed', 'Design'] }`,
  likert: `{ kind: 'likert', question: 'I would recommend it to a friend.', points: 5 }`,
  numeric: `{ kind: 'numeric', question: 'How much would you pay per month?', min: 0, max: 100, unit: 'USD' }`,
  'open-ended': `{ kind: 'open-ended', question: 'What worries you most?' }`,
};

/** Validates a poll definition; a UserInputError (`poll.invalid`) says what is wrong and shows a correct one. */
export function parsePoll(input: unknown): PollDefinition {
  const parsed = PollDefinitionSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const kind = typeof input === 'object' && input !== null ? String((input as { kind?: unknown }).kind ?? '') : '';
  const example = EXAMPLES[kind] ?? EXAMPLES['single-choice'];
  const problems = parsed.error.issues.map((issue) => {
    const where = issue.path.length ? issue.path.join('.') : '';
    if (issue.code === 'invalid_union' && !(kind in EXAMPLES))
      return `unknown poll kind "${kind}"; use one of ${Object.keys(EXAMPLES).join(', ')}`;
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  const label = kind in EXAMPLES ? `A ${kind} poll` : 'The poll';
  throw new UserInputError('poll.invalid', `${label} is not valid: ${problems.join('; ')}.`, example);
}

/** The midpoint of a scale poll (3 of 1..5, 4 of 1..7). */
export function scaleMidpoint(points: number): number {
  return (points + 1) / 2;
}
