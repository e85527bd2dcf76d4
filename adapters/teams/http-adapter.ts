import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpMethod, HttpRouteHandler, IHttpServerAdapter } from '@microsoft/teams.apps';
import type { AckGate } from '../shared/ack-gate.js';
import type { PersonaAvatars } from '../shared/persona-avatars.js';
import type { FileLinks } from './file-links.js';

export interface TeamsHttpOptions {
  avatars: PersonaAvatars;
  links?: FileLinks;
  maxBodyBytes?: number;
  /** Counts each activity POST until its response went out, so background work waits for the 200. */
  gate?: AckGate;
}

/**
 * The Teams SDK's HTTP seam (`IHttpServerAdapter`) on a plain `node:http` server, which also
 * serves Troupe's own routes: `/avatars/<personaId>.png?t=<tenant>` (persona images for cards) and
 * `/files/<tenant>/<token>/<name>` (charts and exports behind expiring tokens). The SDK registers
 * `POST /api/messages`; its handler validates the JWT and dispatches the activity.
 *
 * @example
 *   const http = new TeamsHttpAdapter({ avatars, links });
 *   const app = new App({ httpServerAdapter: http, clientId, clientSecret });
 *   await app.initialize(); const port = await http.listen(3978);
 */
export class TeamsHttpAdapter implements IHttpServerAdapter {
  private readonly routes = new Map<string, HttpRouteHandler>();
  readonly server: Server;

  constructor(private readonly options: TeamsHttpOptions) {
    this.server = createServer((req, res) => {
      void this.route(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
  }

  registerRoute(method: HttpMethod, path: string, handler: HttpRouteHandler): void {
    this.routes.set(`${method} ${path}`, handler);
  }

  /** Starts listening; resolves with the bound port (0 picks a free one). */
  listen(port: number, host?: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve((this.server.address() as AddressInfo).port));
    });
  }

  async start(port: number | string): Promise<void> {
    await this.listen(Number(port));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server.listening) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://troupe.local');
    if (req.method === 'GET' || req.method === 'HEAD') return this.serveGet(url, req, res);
    const handler = this.routes.get(`${req.method} ${url.pathname}`);
    if (!handler) return void res.writeHead(404).end();
    const gate = this.options.gate;
    if (gate) {
      gate.enter();
      let left = false;
      const leave = () => {
        if (left) return;
        left = true;
        gate.leave();
      };
      res.once('finish', leave);
      res.once('close', leave);
    }
    const raw = await readBody(req, this.options.maxBodyBytes ?? 1024 * 1024);
    if (!raw) return void res.writeHead(413).end();
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8') || '{}');
    } catch {
      return void res.writeHead(400, { 'content-type': 'text/plain' }).end('the body must be JSON');
    }
    const response = await handler({ body, headers: req.headers as Record<string, string | string[]> });
    const payload = response.body === undefined ? '' : JSON.stringify(response.body);
    res.writeHead(response.status, payload ? { 'content-type': 'application/json' } : {}).end(payload);
  }

  private async serveGet(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const avatar = /^\/avatars\/([^/]+)\.png$/.exec(url.pathname);
    if (avatar) {
      const tenant = url.searchParams.get('t') ?? '';
      const png = tenant ? await this.options.avatars.png(tenant, decodeURIComponent(avatar[1])) : undefined;
      if (!png) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('no such avatar');
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
      return void res.end(req.method === 'HEAD' ? undefined : png);
    }
    const file = /^\/files\/([^/]+)\/([^/]+)\/[^/]+$/.exec(url.pathname);
    const found =
      file && this.options.links ? await this.options.links.open(decodeURIComponent(file[1]), file[2]) : undefined;
    if (!found)
      return void res.writeHead(404, { 'content-type': 'text/plain' }).end('no such file (or the link expired)');
    const inline = found.mimeType.startsWith('image/');
    res.writeHead(200, {
      'content-type': found.mimeType,
      'content-length': found.bytes.length,
      'cache-control': 'private, no-store',
      'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${found.filename.replace(/[^\w.-]/g, '_')}"`,
    });
    res.end(req.method === 'HEAD' ? undefined : found.bytes);
  }
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
