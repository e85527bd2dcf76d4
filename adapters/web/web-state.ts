import { commandSpecs } from '../../commands/grammar/specs.js';
import { oneLineBio } from '../../commands/panels/panel-view.js';
import type { PersonaSpec } from '../../engine/agent/persona-spec.js';
import type { Store } from '../../engine/store/ports.js';
import type { WebPanel, WebState } from './web-message.js';
import { avatarPath } from './web-sink.js';
import type { WebTimeline } from './web-timeline.js';

/** The tenant's panels with their rosters, marking the one seated in the web channel. */
export async function webPanels(store: Store, tenantId: string, channelKey: string): Promise<WebPanel[]> {
  const world = await store.getWorld(tenantId, channelKey);
  const panels: WebPanel[] = [];
  for (const panel of await store.listPanels(tenantId)) {
    const people = (await store.listPersonas(tenantId, panel.id)).map((persona) => ({
      name: persona.name,
      personaId: persona.id,
      avatarUrl: avatarPath(persona.id),
      bio: oneLineBio(persona.spec as PersonaSpec),
    }));
    panels.push({ id: panel.id, name: panel.name, seatedHere: world?.panelId === panel.id, people });
  }
  return panels;
}

/** The command table as the composer completes it (words, usage, one-line summary). */
export function webCommands(): WebState['commands'] {
  return commandSpecs().map((spec) => ({ words: spec.words.join(' '), usage: spec.usage, summary: spec.summary }));
}

/** Everything the page draws after a (re)load, read from the store. */
export async function webState(
  deps: { store: Store; timeline: WebTimeline },
  where: { tenantId: string; channelKey: string; userId: string },
): Promise<WebState> {
  return {
    userId: where.userId,
    channelKey: where.channelKey,
    panels: await webPanels(deps.store, where.tenantId, where.channelKey),
    threads: await deps.timeline.threads(where.tenantId, where.channelKey),
    channel: await deps.timeline.list(where.tenantId, where.channelKey),
    commands: webCommands(),
  };
}
