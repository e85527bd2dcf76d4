import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import {
  type McpHttpServer,
  type McpSurface,
  parseTokens,
  startMcpHttp,
  startMcpSurface,
} from '../../adapters/mcp/index.js';
import type { CommandLimits } from '../../commands/service.js';
import type { PriceTable } from '../../engine/llm/prices.js';
import type { CompletionRequest, CompletionResult, LanguageModel } from '../../engine/llm/port.js';
import type { Store } from '../../engine/store/ports.js';
import { offlineModel, tempStore } from '../adapters/slack/harness.js';

export const TOKEN_A = 'token-a-0123456789abcdef';
export const TOKEN_B = 'token-b-fedcba9876543210';

/**
 * The offline model with a gate on persona turns: while closed, `agent.act` calls wait for `open()`
 * or for their request's abort signal (a cancelled job), so a test can cancel a job mid-step.
 */
export class GatedModel implements LanguageModel {
  readonly name: string;
  readonly offline = true;
  private gate?: { promise: Promise<void>; open(): void };
  /** Persona turns waiting at the gate. */
  waiting = 0;

  constructor(private readonly inner: LanguageModel) {
    this.name = inner.name;
  }

  close(): void {
    let open: () => void = () => undefined;
    const promise = new Promise<void>((resolve) => {
      open = resolve;
    });
    this.gate = { promise, open };
  }

  open(): void {
    this.gate?.open();
    this.gate = undefined;
  }

  async complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    const gate = this.gate;
    if (gate && request.task === 'agent.act') {
      this.waiting++;
      try {
        await new Promise<void>((resolve, reject) => {
          void gate.promise.then(resolve);
          const abort = () => reject(request.signal?.reason ?? new Error('aborted'));
          if (request.signal?.aborted) abort();
          request.signal?.addEventListener('abort', abort, { once: true });
        });
      } finally {
        this.waiting--;
      }
    }
    return this.inner.complete(request);
  }
}

/** The MCP HTTP endpoint in process on port 0, over a temp SQLite store, with two tenants' tokens. */
export async function startHttpHarness(
  options: { limits?: Partial<CommandLimits>; prices?: (modelName: string) => PriceTable } = {},
): Promise<{
  store: Store;
  model: GatedModel;
  surface: McpSurface;
  http: McpHttpServer;
  connect(token?: string): Promise<Client>;
  close(): Promise<void>;
}> {
  const { store, cleanup } = await tempStore();
  const model = new GatedModel(offlineModel());
  const tokens = parseTokens(undefined, `acme:${TOKEN_A},globex:${TOKEN_B}`);
  const surface = await startMcpSurface({
    store,
    model,
    limits: { maxPanelSize: 20, maxConcurrentJobs: 3, ...options.limits },
    prices: options.prices?.(model.name),
    tenants: tokens.map((token) => token.tenantId),
  });
  const http = await startMcpHttp({ services: surface.services, tokens, host: '127.0.0.1', port: 0 });
  const clients: Client[] = [];
  return {
    store,
    model,
    surface,
    http,
    async connect(token = TOKEN_A) {
      const client = new Client({ name: 'troupe-test', version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(http.url), {
          requestInit: { headers: { Authorization: `Bearer ${token}` } },
        }),
      );
      clients.push(client);
      return client;
    },
    async close() {
      model.open();
      // End each session the way a client should (DELETE), so closing the server resets no open stream.
      await Promise.allSettled(
        clients.map(async (client) => {
          await (client.transport as StreamableHTTPClientTransport | undefined)?.terminateSession();
          await client.close();
        }),
      );
      await http.close();
      await surface.close();
      await cleanup();
    },
  };
}

/** The text of a tool result's text blocks. */
export function textOf(result: CallToolResult): string {
  return result.content
    .filter((block) => block.type === 'text')
    .map((block) => (block as { text: string }).text)
    .join('\n');
}

/** Polls until `check` returns a value (jobs end in the background); gives up after `tries`. */
export async function eventually<T>(check: () => Promise<T | undefined>, tries = 500): Promise<T> {
  for (let attempt = 0; attempt < tries; attempt++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('condition never held');
}
