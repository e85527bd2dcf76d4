import { UserInputError } from '../../engine/errors.js';
import type { Store } from '../../engine/store/ports.js';
import type { CommandCaller } from './command-caller.js';
import { replyText } from './reply-content.js';

/** Where a thread opened over MCP lives: its panel's channel. */
export interface ThreadPlace {
  channelKey: string;
  panel: string;
}

/** The channel of a panel over MCP: each panel is seated in its own channel, its world. */
export function panelChannel(panel: string): string {
  return `mcp:${panel.trim().toLowerCase()}`;
}

/** The channel for commands that concern the whole tenant (`/usage`, `/panel list`). */
export const TENANT_CHANNEL = 'mcp';

const threadKey = (thread: string) => `mcp:thread:${thread}`;

/**
 * Maps MCP's explicit names onto the chat model: a panel is seated in its own channel (seated there
 * with `/panel seat` when it is not yet), and each thread id a tool returned is remembered with the
 * channel it belongs to, so `follow_up` needs only the thread.
 *
 * @example
 *   const channelKey = await channels.seated('mcp:local', 'us-parents'); // 'mcp:us-parents'
 */
export class PanelChannels {
  constructor(private readonly deps: { store: Store; caller: CommandCaller }) {}

  /** The panel's channel, with the panel seated in it (an unknown panel is the command's own error). */
  async seated(tenantId: string, panel: string): Promise<string> {
    const channelKey = panelChannel(panel);
    const record = await this.deps.store.getPanel(tenantId, panel.trim());
    const world = await this.deps.store.getWorld(tenantId, channelKey);
    if (record && world?.panelId === record.id) return channelKey;
    const run = await this.deps.caller.run(tenantId, { channelKey, text: `/panel seat ${quote(panel.trim())}` });
    // The command's own message already carries its example.
    if (!run.ok) throw new UserInputError('mcp.panel', replyText(run.replies));
    return channelKey;
  }

  /** Remembers a thread a tool opened. */
  async remember(tenantId: string, thread: string, place: ThreadPlace): Promise<void> {
    await this.deps.store.setValue(tenantId, threadKey(thread), place);
  }

  /** The channel of a thread id returned earlier to this tenant; a clear error for any other id. */
  async place(tenantId: string, thread: string): Promise<ThreadPlace> {
    const value = (await this.deps.store.getValue(tenantId, threadKey(thread))) as Partial<ThreadPlace> | undefined;
    if (typeof value?.channelKey !== 'string' || typeof value.panel !== 'string')
      throw new UserInputError(
        'mcp.thread',
        `There is no thread "${thread}" here. Use the thread id that ask_panel or brainstorm returned.`,
        '{"thread": "t3f9a1c2b7d4e", "persona": "Ngozi", "question": "What would you pay?"}',
      );
    return { channelKey: value.channelKey, panel: value.panel };
  }
}

/** A value as one quoted word of a command line (quotes and backslashes escaped). */
export function quote(value: string): string {
  return `"${value.replace(/(["\\])/g, '\\$1')}"`;
}
