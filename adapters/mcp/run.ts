import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { CommandServiceOptions } from '../../commands/service.js';
import type { Store } from '../../engine/store/ports.js';
import { createMcpServer } from './create-server.js';
import { startMcpHttp } from './http-server.js';
import { startMcpSurface } from './start.js';
import { LOCAL_MCP_TENANT, type TenantToken } from './tokens.js';

/** How `troupe mcp` serves: stdio for a desktop assistant, or Streamable HTTP. */
export interface McpRunOptions {
  /** The command service's options (store, model, limits, log), as for every chat surface. */
  service: Omit<CommandServiceOptions, 'sink'> & { store: Store };
  transport:
    | { kind: 'stdio'; input: Readable; output: Writable }
    | { kind: 'http'; host: string; port: number; tokens: readonly TenantToken[]; onListening?(url: string): void };
}

/**
 * `troupe mcp`: over stdio, one server for the local tenant until the input closes (the protocol owns
 * stdout: logs go to stderr); over HTTP, `/mcp` until `stop()` is called.
 *
 * @example
 *   const { done } = await runMcp({ service: { store, model, limits }, transport: { kind: 'stdio', input: process.stdin, output: process.stdout } });
 *   await done;
 */
export async function runMcp(options: McpRunOptions): Promise<{ done: Promise<void>; stop(): Promise<void> }> {
  const transport = options.transport;
  const tenants =
    transport.kind === 'stdio'
      ? [LOCAL_MCP_TENANT]
      : [...new Set([LOCAL_MCP_TENANT, ...transport.tokens.map((token) => token.tenantId)])];
  const surface = await startMcpSurface({ ...options.service, tenants });
  if (transport.kind === 'stdio') {
    const server = createMcpServer(surface.services, LOCAL_MCP_TENANT);
    const stdio = new StdioServerTransport(transport.input, transport.output);
    const done = new Promise<void>((resolve) => {
      stdio.onclose = () => resolve();
      transport.input.once('end', () => resolve());
    });
    await server.connect(stdio);
    const stop = async () => {
      await surface.close();
      await server.close();
    };
    return { done: done.then(stop), stop };
  }
  const http = await startMcpHttp({
    services: surface.services,
    tokens: transport.tokens,
    host: transport.host,
    port: transport.port,
  });
  transport.onListening?.(http.url);
  let release: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    done,
    async stop() {
      await http.close();
      await surface.close();
      release();
    },
  };
}
