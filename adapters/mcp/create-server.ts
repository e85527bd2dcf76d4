import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, ServerNotification } from '@modelcontextprotocol/sdk/types.js';
import type { Log } from '../../commands/log.js';
import { errorReply, syntheticLabel } from '../../commands/replies.js';
import type { Store } from '../../engine/store/ports.js';
import type { Artifacts } from './artifacts.js';
import type { CommandCaller, CommandRun, ProgressHandler } from './command-caller.js';
import type { PanelChannels } from './panel-channels.js';
import { registerPrompts } from './prompts.js';
import { botText, provenanceLabel, replyText } from './reply-content.js';
import { registerResources } from './resources.js';
import type { AnyTool, ToolContext } from './tool-declaration.js';
import { TOOLS } from './tools/index.js';

/** What every tenant's MCP server shares: one command layer, its channels and artifacts. */
export interface McpServices {
  store: Store;
  caller: CommandCaller;
  channels: PanelChannels;
  artifacts: Artifacts;
  modelName: string;
  log?: Log;
  /** The tool table (default: every tool). */
  tools?: readonly AnyTool[];
}

/**
 * An MCP server for one tenant: the tools (each a chat command), the resources and the prompts.
 * Over stdio there is one, for the local tenant; over HTTP one per session, for the token's tenant.
 *
 * @example
 *   const server = createMcpServer(services, 'mcp:local');
 *   await server.connect(new StdioServerTransport());
 */
export function createMcpServer(services: McpServices, tenantId: string): McpServer {
  const server = new McpServer(
    { name: 'troupe', title: 'Troupe synthetic focus groups', version: '0.1.0' },
    {
      instructions:
        'Troupe runs synthetic focus groups: panels of LLM-simulated personas. Every answer comes from a synthetic persona, not a real respondent; say so when you report results.',
    },
  );
  const block = syntheticLabel({ name: services.modelName }, 'Synthetic panel');
  const label = block.kind === 'context' ? block.text : `Synthetic panel · ${services.modelName}`;
  const context: ToolContext = {
    tenantId,
    store: services.store,
    channels: services.channels,
    artifacts: services.artifacts,
    fallbackLabel: label,
  };
  for (const tool of services.tools ?? TOOLS) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.input,
        outputSchema: tool.output,
        annotations: { readOnlyHint: Boolean(tool.readOnly), openWorldHint: false },
      },
      async (args: Record<string, unknown>, extra) => {
        try {
          const call = await tool.command(args, context);
          const token = extra._meta?.progressToken;
          const progress = token === undefined ? undefined : progressNotifier(token, extra.sendNotification);
          const run = await services.caller
            .run(tenantId, call, { signal: extra.signal, onProgress: progress?.notify })
            // The client forgets the token with the result: no progress may follow it.
            .finally(() => progress?.close());
          if (!run.ok) return failure(run);
          const outcome = await tool.result(run, args, context);
          const text = [replyText(run.replies), provenanceLabel(run.replies)].filter(Boolean).join('\n\n');
          return {
            content: [{ type: 'text', text: text || 'Done.' }, ...(outcome.content ?? [])],
            structuredContent: outcome.structured as Record<string, unknown>,
          };
        } catch (error) {
          return { isError: true, content: [{ type: 'text', text: textOf(errorReply(error, services.log)) }] };
        }
      },
    );
  }
  registerResources(server, {
    tenantId,
    store: services.store,
    channels: services.channels,
    artifacts: services.artifacts,
    label,
  });
  registerPrompts(server);
  return server;
}

/**
 * Sends `notifications/progress` for the request's token (MCP wants the progress value to grow with each
 * one) until `close`, which waits for the ones already sent, so none reaches the client after the result.
 */
function progressNotifier(
  token: string | number,
  send: (notification: ServerNotification) => Promise<void>,
): { notify: ProgressHandler; close: () => Promise<void> } {
  let last = -1;
  let closed = false;
  const sending = new Set<Promise<void>>();
  const notify: ProgressHandler = (done, total, message) => {
    if (closed || done <= last) return;
    last = done;
    const sent = send({
      method: 'notifications/progress',
      params: { progressToken: token, progress: done, ...(total ? { total } : {}), message },
    } satisfies ServerNotification).catch(() => undefined);
    sending.add(sent);
    void sent.finally(() => sending.delete(sent));
  };
  const close = async () => {
    closed = true;
    await Promise.all(sending);
  };
  return { notify, close };
}

/** A command that was refused, failed, was cancelled or waits for confirmation: a tool error saying why. */
function failure(run: CommandRun): CallToolResult {
  const said = botText(run.replies);
  if (run.confirmId)
    return {
      isError: true,
      content: [{ type: 'text', text: `${said}\nOver MCP: call the confirm tool with {"id": "${run.confirmId}"}.` }],
    };
  const status = run.job ? ` (job ${run.job.id} ${run.job.status})` : '';
  return { isError: true, content: [{ type: 'text', text: `${said || 'The command did not complete.'}${status}` }] };
}

function textOf(reply: ReturnType<typeof errorReply>): string {
  return reply.kind === 'text' ? reply.text : 'The command failed.';
}
