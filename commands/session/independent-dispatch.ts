import type { DispatchContext, HandleOutcome } from '../dispatch-context.js';
import type { Command } from '../grammar/command-types.js';
import { projectTurns } from '../jobs/turn-estimate.js';
import { seatedSnapshots } from './memory-snapshots.js';
import { pollJobInput } from '../extraction/poll-input.js';
import type { Conversation } from '../reply.js';

/**
 * Starts `/panel ask … --independent-then-discuss` or `/poll … --independent-then-discuss`: in the
 * current thread when typed in one, otherwise in a new thread opened with the question.
 */
export async function startIndependent(
  service: DispatchContext,
  conversation: Conversation,
  command: Extract<Command, { name: 'panel.ask' | 'poll' }>,
  text: string,
  size: number,
): Promise<HandleOutcome> {
  const rounds = command.rounds ?? 2;
  const poll = command.name === 'poll' ? pollJobInput(command, undefined) : undefined;
  const input = {
    question: command.question,
    rounds,
    ...(conversation.threadKey ? { threadKey: conversation.threadKey } : {}),
    ...(poll ? { poll } : {}),
  };
  // Two private steps plus the rounds, and every persona measured twice.
  const snapshots = [...(await seatedSnapshots(service.options, conversation, size)).values()];
  return service.startJob(conversation, 'independent', input, text, {
    projected: projectTurns(snapshots, { steps: rounds + 2, actors: size, listeners: size, opening: 1 }),
    poll: size * 2,
  });
}
