import type { KeyValueStore } from '../../engine/store/ports.js';
import type { Conversation } from '../reply.js';
import { exportNamesAllowed } from './export-names.js';

const namesKey = (pollId: string) => `people-poll-names:${pollId}`;

/**
 * Keeps a voter's display name beside their people poll vote — only when the platform gave one and the
 * workspace allows names in exports (`/config export-names on`); otherwise nothing about them but the
 * platform user id is stored.
 *
 * @example
 *   await keepVoterName(store, { ...conversation, userName: 'ada' }, poll.id);
 */
export async function keepVoterName(store: KeyValueStore, conversation: Conversation, pollId: string): Promise<void> {
  const name = conversation.userName?.trim().slice(0, 120);
  if (!name || !(await exportNamesAllowed(store, conversation.tenantId))) return;
  const names = await voterNames(store, conversation.tenantId, pollId);
  if (names[conversation.userId] === name) return;
  await store.setValue(conversation.tenantId, namesKey(pollId), { ...names, [conversation.userId]: name });
}

/** The names kept for a poll's voters, by platform user id (empty when names were never allowed). */
export async function voterNames(
  store: KeyValueStore,
  tenantId: string,
  pollId: string,
): Promise<Record<string, string>> {
  const saved = await store.getValue(tenantId, namesKey(pollId));
  return saved && typeof saved === 'object' ? (saved as Record<string, string>) : {};
}
