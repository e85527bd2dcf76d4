import { type McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { joinAgentState } from '../../engine/agent/state-rows.js';
import type { Store } from '../../engine/store/ports.js';
import { dumpsLikePython, toTinyTroupeAgent } from '../../personas/index.js';
import type { Artifact, Artifacts } from './artifacts.js';
import { type PanelChannels, panelChannel } from './panel-channels.js';

/** What the resources read: the tenant's store, the thread places and the stored artifacts. */
export interface ResourceSources {
  tenantId: string;
  store: Store;
  channels: PanelChannels;
  artifacts: Artifacts;
  /** The provenance line transcripts start with. */
  label: string;
}

const one = (value: string | string[] | undefined) =>
  decodeURIComponent(Array.isArray(value) ? value[0] : (value ?? ''));

/**
 * The resources of a tenant: `troupe://panels/{name}` (JSON), `troupe://personas/{id}` (TinyTroupe
 * agent JSON, as the TinyTroupe export writes it), `troupe://threads/{thread}` (a transcript),
 * `troupe://charts/{id}` (PNG) and `troupe://exports/{id}` (the exported file).
 *
 * @example
 *   registerResources(server, { tenantId: 'mcp:local', store, channels, artifacts, label });
 */
export function registerResources(server: McpServer, sources: ResourceSources): void {
  const { tenantId, store } = sources;
  server.registerResource(
    'panel',
    new ResourceTemplate('troupe://panels/{name}', {
      list: async () => ({
        resources: (await store.listPanels(tenantId)).map((panel) => ({
          uri: `troupe://panels/${encodeURIComponent(panel.name)}`,
          name: panel.name,
          description: panel.description,
          mimeType: 'application/json',
        })),
      }),
    }),
    {
      title: 'Panel',
      description: 'A panel: its description and personas (with their resource URIs)',
      mimeType: 'application/json',
    },
    async (uri, variables) => {
      const panel = await store.getPanel(tenantId, one(variables.name));
      if (!panel) throw new Error(`No panel "${one(variables.name)}". list_panels shows the panels.`);
      const personas = await store.listPersonas(tenantId, panel.id);
      const body = {
        name: panel.name,
        description: panel.description,
        personas: personas.map((persona) => ({
          id: persona.id,
          name: persona.name,
          uri: `troupe://personas/${persona.id}`,
        })),
        label: sources.label,
      };
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(body, null, 2) }] };
    },
  );
  server.registerResource(
    'persona',
    new ResourceTemplate('troupe://personas/{id}', { list: undefined }),
    {
      title: 'Persona',
      description: 'A synthetic persona as a TinyTroupe .agent.json (persona and memories)',
      mimeType: 'application/json',
    },
    async (uri, variables) => {
      const id = one(variables.id);
      for (const panel of await store.listPanels(tenantId)) {
        const persona = (await store.listPersonas(tenantId, panel.id)).find((candidate) => candidate.id === id);
        if (!persona) continue;
        // Memory belongs to a (persona, world) pair: the panel's own channel over MCP.
        const world = await store.getWorld(tenantId, panelChannel(panel.name));
        const memory =
          world?.panelId === panel.id
            ? (await store.loadMemories(tenantId, world.id, { prefix: 0, recent: 100_000, semantic: 100_000 })).find(
                (entry) => entry.personaId === persona.id,
              )
            : undefined;
        const state = memory ? joinAgentState(persona.spec, memory) : persona.state;
        const text = dumpsLikePython(toTinyTroupeAgent({ spec: persona.spec, state }));
        return { contents: [{ uri: uri.href, mimeType: 'application/json', text }] };
      }
      throw new Error(`No persona "${id}". show_panel gives the personas' URIs.`);
    },
  );
  server.registerResource(
    'thread',
    new ResourceTemplate('troupe://threads/{thread}', { list: undefined }),
    {
      title: 'Thread transcript',
      description: 'A thread: the question and every answer, in order',
      mimeType: 'text/markdown',
    },
    async (uri, variables) => {
      const thread = one(variables.thread);
      const place = await sources.channels.place(tenantId, thread);
      const posts = (await store.listPosts(tenantId, place.channelKey)).filter(
        (post) => post.platformId === thread || post.threadKey === thread,
      );
      const lines = posts
        .filter((post) => typeof post.body.text === 'string' && post.body.kind !== 'progress')
        .map((post) => `**${post.speaker ?? 'Troupe'}**: ${String(post.body.text)}`);
      const text = [`# Thread ${thread} — panel ${place.panel}`, `_${sources.label}_`, ...lines].join('\n\n');
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text }] };
    },
  );
  for (const kind of ['chart', 'export'] as const) {
    server.registerResource(
      kind,
      new ResourceTemplate(`troupe://${kind}s/{id}`, { list: undefined }),
      { title: kind === 'chart' ? 'Poll chart' : 'Export', description: `A ${kind} a tool produced` },
      async (uri, variables) => {
        const artifact = await sources.artifacts.load(tenantId, kind, one(variables.id));
        if (!artifact) throw new Error(`No ${kind} at ${uri.href} (they are kept a week).`);
        return { contents: [contentOf(uri.href, artifact)] };
      },
    );
  }
}

function contentOf(uri: string, artifact: Artifact) {
  if (/^text\/|json|csv|markdown/.test(artifact.mimeType))
    return { uri, mimeType: artifact.mimeType, text: new TextDecoder().decode(artifact.bytes) };
  return { uri, mimeType: artifact.mimeType, blob: Buffer.from(artifact.bytes).toString('base64') };
}
