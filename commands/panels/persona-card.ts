import type { PersonaSpec } from '../../engine/agent/persona-spec.js';
import { looseText, occupationTitle } from '../../engine/agent/persona-spec.js';
import { UserInputError } from '../../engine/errors.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { PersonaRecord, Store } from '../../engine/store/ports.js';
import { didYouMean } from '../grammar/suggest.js';
import type { Conversation, Reply } from '../reply.js';
import { syntheticLabel } from '../replies.js';
import { oneLineBio } from './panel-view.js';

/**
 * Finds a persona of the channel's seated panel (or, failing that, of any panel of the tenant)
 * by full or first name; unknown names get the closest suggestions.
 */
export async function requirePersona(store: Store, conversation: Conversation, name: string): Promise<PersonaRecord> {
  const world = await store.getWorld(conversation.tenantId, conversation.channelKey);
  const panels = await store.listPanels(conversation.tenantId);
  const ordered = world
    ? [...panels.filter((panel) => panel.id === world.panelId), ...panels.filter((panel) => panel.id !== world.panelId)]
    : panels;
  const all: PersonaRecord[] = [];
  for (const panel of ordered) all.push(...(await store.listPersonas(conversation.tenantId, panel.id)));
  const wanted = name.trim().replace(/^@/, '').toLowerCase();
  const found =
    all.find((persona) => persona.name.toLowerCase() === wanted) ??
    all.find((persona) => persona.name.toLowerCase().split(/\s+/)[0] === wanted);
  if (found) return found;
  const names = all.map((persona) => persona.name);
  throw new UserInputError(
    'persona.not-found',
    `No persona "${name}".${didYouMean(name, names) || (names.length ? ` Personas here: ${names.slice(0, 8).join(', ')}.` : ' There are no personas yet.')}`,
    names.length ? `/persona ${names[0]}` : '/panel create 5 US parents of toddlers',
  );
}

const list = (items?: string[], max = 4) => (items?.length ? items.slice(0, max).join('; ') : undefined);

/** `/persona <name>`: who they are, what they believe, and the last things they said here. */
export async function personaCard(
  store: Store,
  model: LanguageModel,
  conversation: Conversation,
  name: string,
): Promise<Reply> {
  const persona = await requirePersona(store, conversation, name);
  const spec = persona.spec as PersonaSpec;
  const world = await store.getWorld(conversation.tenantId, conversation.channelKey);
  const said = world
    ? (await store.listEvents(conversation.tenantId, world.id))
        .filter((event) => event.agent === persona.name && event.kind === 'action' && event.type === 'TALK')
        .slice(-3)
    : [];
  const fields = [
    { label: 'Bio', value: oneLineBio(spec) },
    { label: 'Occupation', value: occupationTitle(spec) },
    { label: 'Traits', value: list(spec.personality?.traits) },
    { label: 'Beliefs', value: list(spec.beliefs) },
    { label: 'Likes', value: list(spec.preferences?.likes ?? spec.preferences?.interests) },
    { label: 'Dislikes', value: list(spec.preferences?.dislikes) },
    { label: 'Goals', value: list(spec.long_term_goals, 3) },
    { label: 'Style', value: looseText(spec.style)?.slice(0, 300) },
  ].filter((field): field is { label: string; value: string } => Boolean(field.value));
  const quotes = said.map((event) => `“${event.content}”`);
  const text = [
    `${persona.name}`,
    ...fields.map((field) => `${field.label}: ${field.value}`),
    ...(quotes.length ? ['Recently said:', ...quotes] : []),
  ].join('\n');
  return {
    kind: 'text',
    text,
    speaker: { kind: 'persona', name: persona.name, avatar: persona.avatar, personaId: persona.id },
    blocks: [
      { kind: 'section', text: persona.name },
      { kind: 'fields', fields },
      ...(quotes.length ? [{ kind: 'section' as const, text: quotes.join('\n') }] : []),
      syntheticLabel(model),
    ],
  };
}
