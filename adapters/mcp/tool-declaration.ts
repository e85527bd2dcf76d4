import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { Store } from '../../engine/store/ports.js';
import type { Artifacts } from './artifacts.js';
import type { CommandCall, CommandRun } from './command-caller.js';
import type { PanelChannels } from './panel-channels.js';

/** What a tool's declaration may use to build its command and read its result. */
export interface ToolContext {
  tenantId: string;
  store: Store;
  channels: PanelChannels;
  artifacts: Artifacts;
  /** "Synthetic panel · <model>": the label results carry when the command posted none of its own. */
  fallbackLabel: string;
}

/** A tool result: the structured content (checked against `output`) and content blocks beyond the text. */
export interface ToolOutcome<O> {
  structured: O;
  content?: CallToolResult['content'];
}

/**
 * One MCP tool as a small declaration: its zod input and output, the chat command it builds, and how
 * the command's replies become the structured result. The server registers every declaration the same
 * way (errors, progress, cancellation), so a new tool is one more entry in `tools/index.ts`.
 *
 * @example
 *   defineTool({ name: 'usage', title: 'Usage', description: '…', input: {}, output: { text: z.string() },
 *     command: async () => ({ channelKey: TENANT_CHANNEL, text: '/usage' }),
 *     result: async (run) => ({ structured: { text: replyText(run.replies) } }) });
 */
export interface ToolDeclaration<I extends z.ZodRawShape, O extends z.ZodRawShape> {
  name: string;
  title: string;
  description: string;
  input: I;
  output: O;
  /** Read-only tools (lists, views) say so to the client. */
  readOnly?: boolean;
  command(args: z.infer<z.ZodObject<I>>, context: ToolContext): Promise<CommandCall>;
  result(
    run: CommandRun,
    args: z.infer<z.ZodObject<I>>,
    context: ToolContext,
  ): Promise<ToolOutcome<z.infer<z.ZodObject<O>>>>;
}

/** A declaration with its types erased, as the table holds it. */
export type AnyTool = ToolDeclaration<z.ZodRawShape, z.ZodRawShape>;

/** Keeps a declaration's input and output types while it is written, then erases them for the table. */
export function defineTool<I extends z.ZodRawShape, O extends z.ZodRawShape>(tool: ToolDeclaration<I, O>): AnyTool {
  return tool as unknown as AnyTool;
}

/** Fields every long tool's result carries: the provenance label and the job that ran. */
export const jobOutput = {
  label: z.string().describe('Provenance: these are synthetic personas, and which model produced them'),
  job: z.object({ id: z.string(), status: z.string() }).optional(),
};

/** The `job` field of a result. */
export function jobOf(run: CommandRun): { id: string; status: string } | undefined {
  return run.job ? { id: run.job.id, status: run.job.status } : undefined;
}
