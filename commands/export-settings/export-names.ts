import type { KeyValueStore } from '../../engine/store/ports.js';
import type { Reply } from '../reply.js';
import { botText } from '../replies.js';

const KEY = 'config:export-names';

/**
 * Whether this workspace lets exports name the people who voted in people polls (`/config export-names on`).
 * Off by default: votes are then attributed to the platform user id only, and no name is stored.
 *
 * @example
 *   if (await exportNamesAllowed(store, 'slack:T1')) row.name = names[row.userId];
 */
export async function exportNamesAllowed(store: KeyValueStore, tenantId: string): Promise<boolean> {
  return (await store.getValue(tenantId, KEY)) === true;
}

/** `/config export-names [on|off]`: sets the workspace's choice (or, without a value, says what it is). */
export async function exportNamesCommand(store: KeyValueStore, tenantId: string, value?: boolean): Promise<Reply> {
  if (value === undefined) {
    const on = await exportNamesAllowed(store, tenantId);
    return botText(
      `Export names is ${on ? 'on' : 'off'}: ${
        on
          ? 'exports of people polls show the names of the people who voted (where the platform gave them).'
          : 'exports of people polls attribute votes to platform user ids only.'
      } Change it with /config export-names ${on ? 'off' : 'on'}.`,
    );
  }
  if (value) await store.setValue(tenantId, KEY, true);
  else await store.deleteValue(tenantId, KEY);
  return botText(
    value
      ? 'Export names is on for this workspace: from now on people poll votes keep the voter’s name (where the platform gives it), and exports show it. /config export-names off turns it off.'
      : 'Export names is off for this workspace: exports attribute people poll votes to platform user ids only.',
  );
}
