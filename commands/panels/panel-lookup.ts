import { UserInputError } from '../../engine/errors.js';
import type { PanelRecord, Store } from '../../engine/store/ports.js';
import { didYouMean } from '../grammar/suggest.js';
import type { Conversation } from '../reply.js';

/** Finds a panel by name, or fails with the closest names. */
export async function requirePanel(store: Store, tenantId: string, name: string): Promise<PanelRecord> {
  const panel =
    (await store.getPanel(tenantId, name)) ??
    (await store.listPanels(tenantId)).find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
  if (panel) return panel;
  const names = (await store.listPanels(tenantId)).map((candidate) => candidate.name);
  const known = names.length ? ` Panels: ${names.slice(0, 10).join(', ')}.` : ' There are no panels yet.';
  throw new UserInputError(
    'panel.not-found',
    `No panel "${name}".${didYouMean(name, names) || known}`,
    names.length ? `/panel show ${names[0]}` : '/panel create 5 US parents of toddlers',
  );
}

/** The panel seated in the conversation's channel, or a clear error saying how to name one. */
export async function seatedPanel(
  store: Store,
  conversation: Conversation,
  example = '/panel seat us-parents',
): Promise<PanelRecord> {
  const world = await store.getWorld(conversation.tenantId, conversation.channelKey);
  const panel = world && (await store.getPanelById(conversation.tenantId, world.panelId));
  if (!panel)
    throw new UserInputError(
      'panel.not-seated',
      'No panel is seated in this channel yet. Seat one, or name it with --panel.',
      example,
    );
  return panel;
}
