import { z } from 'zod';
import { UserInputError } from '../../engine/errors.js';
import { parsePoll, segmentOf, type Dimension, type PollDefinition } from '../../engine/extraction/polls/index.js';
import type { Store } from '../../engine/store/ports.js';
import { POLL_KINDS, type Command } from '../grammar/command-types.js';
import { POLL_DIMENSIONS, POLL_EXAMPLES } from '../grammar/poll-spec.js';
import type { Conversation } from '../reply.js';
import { channelPanel } from './channel-data.js';

/** A poll job's input: the grammar's command plus the thread it applies to (plain JSON, kept on the job). */
export const PollInput = z.object({
  kind: z.enum(POLL_KINDS),
  question: z.string().min(1),
  options: z.array(z.string()),
  threadKey: z.string().optional(),
  latestThread: z.boolean().optional(),
  points: z.union([z.literal(5), z.literal(7)]).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  unit: z.string().optional(),
  maxSelections: z.number().int().min(1).optional(),
  by: z.string().optional(),
  /** The people poll this panel run answers beside (`--with-people`). */
  peoplePollId: z.string().optional(),
  method: z.enum(['direct', 'ssr']).optional(),
  anchors: z.array(z.string()).optional(),
});
export type PollInput = z.infer<typeof PollInput>;

type PollCommand = Extract<Command, { name: 'poll' }>;

/**
 * The grammar's poll kinds as extraction poll definitions (validated: a UserInputError when wrong).
 *
 * @example
 *   pollDefinition({ kind: 'likert', question: 'I trust it', options: [], points: 7 }); // { kind: 'likert', points: 7, … }
 */
export function pollDefinition(input: Omit<PollInput, 'threadKey'>): PollDefinition {
  const { question } = input;
  const definitions = {
    likert: () => ({ kind: 'likert', question, points: input.points ?? 5 }),
    choice: () => ({ kind: 'single-choice', question, options: input.options }),
    multi: () => ({ kind: 'multiple-choice', question, options: input.options, maxSelections: input.maxSelections }),
    yesno: () => ({ kind: 'yes-no', question }),
    number: () => ({ kind: 'numeric', question, min: input.min, max: input.max, unit: input.unit }),
    open: () => ({ kind: 'open-ended', question }),
  };
  try {
    return parsePoll(definitions[input.kind]());
  } catch (error) {
    // The engine's example is code; a person in chat needs a command.
    if (error instanceof UserInputError) throw new UserInputError(error.code, error.message, POLL_EXAMPLES[input.kind]);
    throw error;
  }
}

/** The job input for a parsed `/poll` command (validated against the engine's poll rules first). */
export function pollJobInput(command: PollCommand, threadKey: string | undefined, latestThread = false): PollInput {
  const { name: _name, all: _all, withPeople: _withPeople, closeAfterMs: _closeAfterMs, ...rest } = command;
  const input = PollInput.parse({
    ...rest,
    ...(threadKey ? { threadKey } : {}),
    ...(latestThread ? { latestThread } : {}),
  });
  pollDefinition(input);
  return input;
}

/** The engine dimension for a `--by` value: a known name or a spec path. */
export function dimensionOf(by: string): Dimension {
  return (POLL_DIMENSIONS as readonly string[]).includes(by) ? (by as Dimension) : { path: by };
}

/**
 * Refuses a `--by` that would put every persona of the seated panel in the `unknown` segment (a typo
 * in a spec path), before any persona is asked.
 */
export async function checkBreakdown(store: Store, conversation: Conversation, by: string): Promise<void> {
  const { personas } = await channelPanel(store, conversation);
  const dimension = dimensionOf(by);
  if (personas.length && personas.every((persona) => segmentOf(persona.spec, dimension) === 'unknown')) {
    throw new UserInputError(
      'poll.dimension',
      `No persona of this panel has a value for "${by}", so there is nothing to break down. Use ${POLL_DIMENSIONS.join(', ')} or a persona spec path such as residence.`,
      '/poll yesno "Would you pay $5 a month?" --by age-band',
    );
  }
}
