import type { Store } from '../../engine/store/ports.js';
import type { Conversation } from '../reply.js';

/**
 * The persona a plain message addresses, if any: `@Ada …`, `@Ada Okafor …`, or a leading
 * `Ada, …` / `Ada: …`. Matches full names and first names of the seated panel, case-insensitively.
 *
 * @example
 *   await addressedPersona(store, conversation, '@ada what about price?') // 'Ada Okafor'
 */
export async function addressedPersona(
  store: Store,
  conversation: Conversation,
  text: string,
): Promise<string | undefined> {
  const world = await store.getWorld(conversation.tenantId, conversation.channelKey);
  if (!world) return undefined;
  const names = (await store.listPersonas(conversation.tenantId, world.panelId)).map((persona) => persona.name);
  return matchAddressee(text, names);
}

/**
 * Pure matching part of `addressedPersona`. Full names are tried first (longest first, so
 * "Ada Okafor" wins over "Ada"); a first name alone only counts when exactly one persona has it,
 * so "@Megan Scott" never goes to Megan Smith and a bare "@Megan" among two Megans addresses nobody.
 */
export function matchAddressee(text: string, names: readonly string[]): string | undefined {
  const lower = text.toLowerCase().trimStart();
  const mentions = (form: string) =>
    new RegExp(`(^|\\s)@${escapeRegExp(form)}(?=$|[\\s,.:;!?])`, 'u').test(lower) ||
    new RegExp(`^${escapeRegExp(form)}\\s*[,:]`, 'u').test(lower);
  const byLength = [...names].sort((a, b) => b.length - a.length);
  const full = byLength.find((name) => mentions(name.toLowerCase()));
  if (full) return full;
  const firstName = (name: string) => name.toLowerCase().split(/\s+/)[0];
  const firstNameCounts = new Map<string, number>();
  for (const name of names) firstNameCounts.set(firstName(name), (firstNameCounts.get(firstName(name)) ?? 0) + 1);
  return byLength.find((name) => firstNameCounts.get(firstName(name)) === 1 && mentions(firstName(name)));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
