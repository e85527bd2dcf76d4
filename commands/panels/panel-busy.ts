import { UserInputError } from '../../engine/errors.js';
import type { JobRecord, PanelRecord, Store } from '../../engine/store/ports.js';

/**
 * Refuses to delete a panel while one of the workspace's jobs is working with it (an ask, a brainstorm or
 * a poll in a channel where it is seated, or its own creation): the job holds the panel's personas in
 * memory and would write their memories back into a panel that is gone.
 *
 * @example
 *   await requirePanelIdle(store, runner.activeJobs(tenantId), panel);
 */
export async function requirePanelIdle(store: Store, active: readonly JobRecord[], panel: PanelRecord): Promise<void> {
  for (const job of active) {
    const channelKey = (job.conversation as { channelKey?: unknown }).channelKey;
    const creating = job.kind === 'panel.create' && job.input.panelName === panel.name;
    const world =
      !creating && typeof channelKey === 'string' ? await store.getWorld(panel.tenantId, channelKey) : undefined;
    if (creating || world?.panelId === panel.id)
      throw new UserInputError(
        'panel.busy',
        `Panel "${panel.name}" is busy: a ${job.kind} job (${job.id}) is working with it. Wait for it to finish, or stop it with /cancel ${job.id}, then delete the panel.`,
        `/cancel ${job.id}`,
      );
  }
}

/**
 * Refuses to seat another panel in a channel while a job runs there: the job's world is the panel seated
 * when it started, and its answers and memories belong to it.
 *
 * @example
 *   requireChannelIdle(runner.hasPendingIn(conversation), 'nurses');
 */
export function requireChannelIdle(busy: boolean, panelName: string): void {
  if (busy)
    throw new UserInputError(
      'channel.busy',
      `A job is still running in this channel with the panel seated here. Wait for it to finish, or stop it with /cancel, then seat "${panelName}".`,
      '/cancel',
    );
}
