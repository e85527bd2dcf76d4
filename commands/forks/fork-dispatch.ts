import { UserInputError } from '../../engine/errors.js';
import type { DispatchContext, HandleOutcome } from '../dispatch-context.js';
import type { Command } from '../grammar/command-types.js';
import { SHORT_SUMMARY } from '../extraction/summary-estimate.js';
import { projectTurns, sumProjections } from '../jobs/turn-estimate.js';
import { seatedSnapshots } from '../session/memory-snapshots.js';
import { pollJobInput } from '../extraction/poll-input.js';
import type { Conversation } from '../reply.js';
import { armPlan } from './arm-projection.js';

type ExperimentCommand = Extract<Command, { name: 'fork' | 'diff' | 'experiment' }>;

/**
 * Starts the jobs of `/fork`, `/diff` and `/experiment` (the dispatcher hands these commands here).
 * `seatedSize` is the dispatcher's own check that a panel is seated, returning its size.
 */
export async function dispatchExperiment(
  service: DispatchContext,
  conversation: Conversation,
  command: ExperimentCommand,
  text: string,
  seatedSize: () => Promise<number>,
): Promise<HandleOutcome> {
  const size = await seatedSize();
  const parentThreadKey = conversation.threadKey;
  // A fork starts from the memories of the thread's world, so its personas' turns cost what theirs would:
  // the personas seated there (an experiment arm's thread seats only its members, not the whole panel).
  const seated = async () => [...(await seatedSnapshots(service.options, conversation, size)).values()];
  switch (command.name) {
    case 'fork': {
      const snapshots = await seated();
      const count = snapshots.length;
      return service.startJob(
        conversation,
        'fork',
        { stimulus: command.stimulus, ...(command.from !== undefined ? { from: command.from } : {}), parentThreadKey },
        text,
        { projected: projectTurns(snapshots, { steps: 1, actors: count, listeners: count, opening: 1 }) },
      );
    }
    case 'diff': {
      if (!command.threads.length && !parentThreadKey)
        throw new UserInputError(
          'diff.where',
          'Type /diff inside a fork’s thread (it compares the fork with its parent), or name two threads.',
          '/diff 1733.0001 1733.0042',
        );
      const threads = command.threads.length ? command.threads : [parentThreadKey as string];
      return service.startJob(conversation, 'diff', { threads }, text, {
        projected: sumProjections(SHORT_SUMMARY, SHORT_SUMMARY),
      });
    }
    case 'experiment': {
      const poll = command.poll ? pollJobInput(command.poll, undefined) : undefined;
      const arms = armPlan(await seated(), command.within);
      return service.startJob(
        conversation,
        'experiment',
        {
          a: command.a,
          b: command.b,
          within: command.within,
          ...(poll ? { poll } : {}),
          ...(command.seed !== undefined ? { seed: command.seed } : {}),
          parentThreadKey,
        },
        text,
        {
          // Between personas the two arms together seat the thread's personas once; within, everyone twice.
          projected: sumProjections(arms.turns, SHORT_SUMMARY, SHORT_SUMMARY),
          poll: poll ? arms.pollAnswers : 0,
        },
      );
    }
  }
}
