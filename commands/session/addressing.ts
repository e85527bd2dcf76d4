import { UserInputError } from '../../engine/errors.js';
import type { Store } from '../../engine/store/ports.js';
import { closestNames } from '../grammar/suggest.js';
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
  const persona = matchAddressee(text, names);
  if (!persona) refuseUnknownMention(text, names);
  return persona;
}

/**
 * A follow-up that opens with `@Someone` who is not (or not unambiguously) in the panel is refused
 * rather than sent to everyone: asking the whole panel costs a call per persona, and is not what
 * was asked.
 *
 * @example
 *   refuseUnknownMention('@Nobody McNobody what do you think?', ['Ada Okafor']) // throws followup.unknown_persona
 */
export function refuseUnknownMention(text: string, names: readonly string[]): void {
  const typed = mentionedName(text);
  if (!typed) return;
  const close = closestNames(typed, names);
  const suggestions = (close.length ? close : names.slice(0, 3)).map((name) => `"${name}"`);
  const hint = suggestions.length
    ? ` Did you mean ${suggestions.length === 1 ? suggestions[0] : `${suggestions.slice(0, -1).join(', ')} or ${suggestions[suggestions.length - 1]}`}?`
    : '';
  throw new UserInputError(
    'followup.unknown_persona',
    `No persona named "${typed}" in this panel, so nothing was sent.${hint}`,
    `@${(close[0] ?? names[0] ?? 'Ada Okafor').split(/\s+/)[0]} what do you think?`,
  );
}

/** The name after a leading `@`: one word, or two when the second is capitalised (`@Nobody McNobody`). */
function mentionedName(text: string): string | undefined {
  const match = /^\s*@([\p{L}\p{N}'’-]+)(?:\s+(\p{Lu}[\p{L}'’-]*))?/u.exec(text);
  if (!match) return undefined;
  return match[2] ? `${match[1]} ${match[2]}` : match[1];
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
