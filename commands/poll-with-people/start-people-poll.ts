import type { Command } from '../grammar/command-types.js';
import type { DispatchContext, HandleOutcome } from '../dispatch-context.js';
import { pollDefinition, type PollInput } from '../extraction/poll-input.js';
import type { Conversation } from '../reply.js';

/**
 * `/poll … --with-people`: opens the people poll (its ballot goes into the poll's thread), then starts the
 * panel's poll job as usual, told which people poll it answers beside.
 */
export async function startPeoplePoll(
  service: DispatchContext,
  conversation: Conversation,
  command: Extract<Command, { name: 'poll' }>,
  input: PollInput,
  text: string,
  size: number,
): Promise<HandleOutcome> {
  const where = input.threadKey ? { ...conversation, threadKey: input.threadKey } : conversation;
  const record = await service.peoplePolls.open(where, pollDefinition(input), command.closeAfterMs);
  const outcome = await service.startJob(conversation, 'poll', { ...input, peoplePollId: record.id }, text, {
    poll: size,
  });
  if (outcome.jobId) await service.peoplePolls.attachJob(conversation.tenantId, record.id, outcome.jobId);
  return outcome;
}
