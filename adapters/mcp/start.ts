import type { CommandServiceOptions } from '../../commands/service.js';
import type { Store } from '../../engine/store/ports.js';
import { createChatSurface } from '../shared/chat-surface.js';
import { ARTIFACT_PREFIX, ARTIFACT_TTL_MS, Artifacts } from './artifacts.js';
import { CommandCaller } from './command-caller.js';
import type { McpServices } from './create-server.js';
import { McpSink } from './mcp-sink.js';
import { PanelChannels } from './panel-channels.js';

/** What the MCP surface is built from: the command service's options, without a sink (MCP brings its own). */
export interface McpSurfaceOptions extends Omit<CommandServiceOptions, 'sink'> {
  store: Store;
  /** The tenants served (stdio: the local one; HTTP: one per token), registered in the store at start. */
  tenants: readonly string[];
}

/** The running MCP surface: the services every tenant's server shares, and its shutdown. */
export interface McpSurface {
  services: McpServices;
  close(): Promise<void>;
}

/**
 * Builds the MCP surface on the same chat surface as Slack, Discord and Teams (command service,
 * progress lane, job tracking): a sink that routes replies to tool calls, the command caller, the
 * panel channels and the artifact store. Recovers unfinished jobs and drops week-old artifacts.
 *
 * @example
 *   const surface = await startMcpSurface({ store, model, limits, tenants: ['mcp:local'] });
 *   const server = createMcpServer(surface.services, 'mcp:local');
 */
export async function startMcpSurface(options: McpSurfaceOptions): Promise<McpSurface> {
  const { tenants, ...service } = options;
  const sink = new McpSink();
  const surface = createChatSurface({
    sink,
    // Tool results are not chat messages: every answer comes back on its own, and every progress edit is a notification.
    service: { compactAnswersAbove: Number.POSITIVE_INFINITY, ...service },
    progressEditIntervalMs: 0,
    onProgressError: (error) => options.log?.warn({ err: error }, 'MCP progress notification failed'),
    queues: [],
  });
  for (const id of tenants) await options.store.ensureTenant({ id, platform: 'mcp', name: id.slice('mcp:'.length) });
  await options.store.expireValues(ARTIFACT_PREFIX, new Date(Date.now() - ARTIFACT_TTL_MS));
  await surface.service.recoverJobs();
  const caller = new CommandCaller({ service: surface.service, sink, jobs: options.store });
  const services: McpServices = {
    store: options.store,
    caller,
    channels: new PanelChannels({ store: options.store, caller }),
    artifacts: new Artifacts(options.store),
    modelName: options.model.name,
    log: options.log,
  };
  return {
    services,
    async close() {
      caller.close();
      surface.close();
    },
  };
}
