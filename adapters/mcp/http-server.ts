import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { ConfigError } from '../../engine/errors.js';
import { close, listen } from '../shared/http-listen.js';
import { createMcpServer, type McpServices } from './create-server.js';
import { LOCAL_MCP_TENANT, type TenantToken, tenantOfToken } from './tokens.js';

/** Where and for whom the Streamable HTTP endpoint is served. */
export interface McpHttpOptions {
  services: McpServices;
  /** Accepted bearer tokens; empty only on a loopback address (then every request is the local tenant). */
  tokens: readonly TenantToken[];
  host: string;
  /** 0 picks a free port. */
  port: number;
}

/** A running MCP HTTP endpoint. */
export interface McpHttpServer {
  port: number;
  /** `http://host:port/mcp` */
  url: string;
  close(): Promise<void>;
}

/** Largest request body accepted (TinyTroupe documents for add_personas fit many times over). */
const MAX_BODY_BYTES = 8_000_000;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

interface Session {
  tenantId: string;
  transport: StreamableHTTPServerTransport;
  server: McpServer;
}

/**
 * MCP over Streamable HTTP on `/mcp` of its own small node:http server. Each bearer token is a
 * tenant; a session belongs to the tenant that opened it and answers only that tenant's token. Without
 * tokens it serves only on loopback (start-up refuses another address with a clear error).
 *
 * @example
 *   const http = await startMcpHttp({ services, tokens: parseTokens(token, undefined), host: '127.0.0.1', port: 3100 });
 *   // POST http://127.0.0.1:3100/mcp with "Authorization: Bearer <token>"
 */
export async function startMcpHttp(options: McpHttpOptions): Promise<McpHttpServer> {
  if (!options.tokens.length && !LOOPBACK.has(options.host))
    throw new ConfigError(
      'mcp.token',
      `Serving MCP on ${options.host} (not loopback) needs a bearer token: set TROUPE_MCP_TOKEN (or TROUPE_MCP_TOKENS=tenant:token,…), e.g. TROUPE_MCP_TOKEN=$(openssl rand -hex 32)`,
    );
  const sessions = new Map<string, Session>();
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) reject(res, 500, -32603, 'Internal error');
      else res.end();
    });
  });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/mcp') return reject(res, 404, -32601, 'Not found: the MCP endpoint is /mcp');
    // Without tokens anything on this machine may call; a browser page reaching loopback through DNS rebinding
    // sends its own host name, so only loopback Host headers are served then.
    if (!options.tokens.length && !LOOPBACK.has(hostName(req.headers.host)))
      return reject(res, 403, -32001, 'Forbidden: without TROUPE_MCP_TOKEN only loopback host names are served');
    const tenantId = authenticate(req, options.tokens);
    if (!tenantId) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="troupe"');
      return reject(res, 401, -32001, 'Unauthorized: send Authorization: Bearer <TROUPE_MCP_TOKEN>');
    }
    const body = req.method === 'POST' ? await readJson(req) : undefined;
    if (body === INVALID) return reject(res, 400, -32700, 'Parse error: the body is not JSON (or is over 8 MB)');
    const sessionId = req.headers['mcp-session-id'];
    if (typeof sessionId === 'string') {
      const session = sessions.get(sessionId);
      // Another tenant's session id is answered exactly like an unknown one.
      if (!session || session.tenantId !== tenantId) return reject(res, 404, -32001, 'Session not found');
      return session.transport.handleRequest(req, res, body);
    }
    if (req.method !== 'POST' || !isInitializeRequest(body))
      return reject(res, 400, -32000, 'Bad request: start with an initialize request (no mcp-session-id yet)');
    const mcp = createMcpServer(options.services, tenantId);
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, { tenantId, transport, server: mcp });
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await mcp.connect(transport);
    await transport.handleRequest(req, res, body);
  };

  const port = await listen(server, options.port, options.host);
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    port,
    url: `http://${host}:${port}/mcp`,
    async close() {
      await Promise.allSettled([...sessions.values()].map((session) => session.server.close()));
      sessions.clear();
      await close(server);
    },
  };
}

/** The tenant of the request's bearer token; the local tenant when no tokens are configured (loopback only). */
function authenticate(req: IncomingMessage, tokens: readonly TenantToken[]): string | undefined {
  if (!tokens.length) return LOCAL_MCP_TENANT;
  const header = req.headers.authorization;
  const presented = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
  return presented ? tenantOfToken(tokens, presented) : undefined;
}

/** The host name of a Host header (`127.0.0.1:3100` → `127.0.0.1`, `[::1]:3100` → `::1`). */
function hostName(header: string | undefined): string {
  const host = (header ?? '').trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](:\d+)?$/.exec(host);
  return bracketed ? bracketed[1] : host.replace(/:\d+$/, '');
}

const INVALID = Symbol('invalid body');

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return INVALID;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return INVALID;
  }
}

function reject(res: ServerResponse, status: number, code: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}
