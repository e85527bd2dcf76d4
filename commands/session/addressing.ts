import type { Store } from '../../engine/store/ports.js';
import type { Conversation } from '../reply.js';

/**
 * The persona a plain message addresses, if any: `@Ada …`, `@Ada Okafor …`, or a leading
 * `Ada, …` / `Ada: …`. Matches full names and first names of the seated panel, case-insensitively.
 *
 * @example
 *   await addressedPersona(store, conversation, '@ada what about price?') // 'Ada Okafor'
 */
export async function addressedPersona(store: Store, conversation: Conversation, text: string): Promise<string | undefined> {
  const world = await store.getWorld(conversation.tenantId, conversation.channelKey);
  if (!world) return undefined;
  const names = (await store.listPersonas(conversation.tenantId, world.panelId)).map((persona) => persona.name);
  return matchAddressee(text, names);
}

/** Pure matching part of `addressedPersona`. */
export function matchAddressee(text: string, names: readonly string[]): string | undefined {
  const lower = text.toLowerCase().trimStart();
  // Longest names first so "Ada Okafor" wins over a persona called "Ada".
  const candidates = [...names].sort((a, b) => b.length - a.length);
  for (const name of candidates) {
    const forms = [name.toLowerCase(), name.toLowerCase().split(/\s+/)[0]];
    for (const form of forms) {
      const mention = new RegExp(`(^|\\s)@${escape(form)}(?=$|[\\s,.:;!?])`, 'u');
      const leading = new RegExp(`^${escape(form)}\\s*[,:]`, 'u');
      if (mention.test(lower) || leading.test(lower)) return name;
    }
  }
  return undefined;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
