import { UserInputError } from '../errors.js';

/** The checkpoint a fork asked for does not exist in the parent world. */
export function checkpointMissing(checkpoint: number, available: number): UserInputError {
  return new UserInputError(
    'fork.no-checkpoint',
    available
      ? `There is no step ${checkpoint} to fork from (this world has checkpoints 1 to ${available}).`
      : 'This world has no recorded steps to fork from yet: fork from now instead.',
    '/fork "Would you still buy it at $12?"',
  );
}

/** World names of forks: the fork's own key, never a platform channel, so `getWorld(channel)` cannot return it. */
export const forkWorldKey = (channelKey: string, key: string) => `${channelKey}#fork:${key}`;
