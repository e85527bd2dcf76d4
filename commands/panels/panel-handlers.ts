import type { LanguageModel } from '../../engine/llm/port.js';
import type { Store } from '../../engine/store/ports.js';
import type { Conversation, Reply } from '../reply.js';
import { botText } from '../replies.js';
import { rosterReply } from './panel-view.js';
import { requirePanel } from './panel-lookup.js';
export { requirePanel } from './panel-lookup.js';

/** A free name derived from a description: "us-parents-of", then "-2", "-3"… (`reserved`: names of panels still being created). */
export async function derivePanelName(
  store: Store,
  tenantId: string,
  description: string,
  reserved: Iterable<string> = [],
): Promise<string> {
  const base =
    description
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9\s-]/g, '')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 3)
      .join('-')
      .slice(0, 30) || 'panel';
  const taken = new Set(
    [...(await store.listPanels(tenantId)).map((panel) => panel.name), ...reserved].map((name) => name.toLowerCase()),
  );
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix++) if (!taken.has(`${base}-${suffix}`)) return `${base}-${suffix}`;
}

export async function listPanels(store: Store, tenantId: string): Promise<Reply> {
  const panels = await store.listPanels(tenantId);
  if (!panels.length) return botText('No panels yet. Create one: /panel create 5 US parents of toddlers');
  const rows = await Promise.all(
    panels.map(async (panel) => [
      panel.name,
      String((await store.listPersonas(tenantId, panel.id)).length),
      panel.description,
    ]),
  );
  return botText(
    ['Panels:', ...rows.map(([name, count, description]) => `• ${name} (${count} personas) — ${description}`)].join(
      '\n',
    ),
    {
      blocks: [{ kind: 'table', columns: ['panel', 'personas', 'description'], rows }],
    },
  );
}

export async function showPanel(store: Store, model: LanguageModel, tenantId: string, name: string): Promise<Reply> {
  const panel = await requirePanel(store, tenantId, name);
  return rosterReply(panel, await store.listPersonas(tenantId, panel.id), model);
}

export async function deletePanel(store: Store, tenantId: string, name: string): Promise<Reply> {
  const panel = await requirePanel(store, tenantId, name);
  await store.deletePanel(tenantId, panel.name);
  return botText(`Deleted panel "${panel.name}", its personas and their memories.`);
}

export async function seatPanel(store: Store, conversation: Conversation, name: string): Promise<Reply> {
  const panel = await requirePanel(store, conversation.tenantId, name);
  await store.seatPanel(conversation.tenantId, conversation.channelKey, panel.id);
  return botText(
    `Panel "${panel.name}" is now seated in this channel: its personas will remember everything said here. Ask it something: /panel ask "…"`,
  );
}
