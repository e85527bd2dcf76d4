import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { serveAvatar } from '../shared/avatar-route.js';
import type { PersonaAvatars } from '../shared/persona-avatars.js';
import type { AckGate } from '../shared/ack-gate.js';
import type { SignedRequestGuard } from './request-guard.js';

export interface TroupeHttpServerOptions {
  /** Bolt's HTTPReceiver listener; absent in Socket Mode (the server then only serves avatars). */
  bolt?: (req: IncomingMessage, res: ServerResponse) => void;
  /** Checks signatures, timestamps and replays before Bolt sees a request. */
  guard?: SignedRequestGuard;
  avatars: PersonaAvatars;
  /** Paths Slack signs (Events API, commands, interactivity). */
  signedPaths?: string[];
  maxBodyBytes?: number;
  /** Counts signed requests until their response is sent, so background work waits for acknowledgements. */
  gate?: AckGate;
}

/**
 * Troupe's HTTP server in front of Bolt: `/avatars/<personaId>.png?t=<tenant>` serves persona
 * avatars as PNG (`serveAvatar`, shared with Discord; Slack needs an https icon URL); signed Slack requests are checked by the
 * guard (bad signature, stale timestamp or replay → 401) and then handed to Bolt with the body
 * already buffered (`rawBody`, which Bolt reuses); anything else (OAuth install routes) goes to
 * Bolt unchanged.
 *
 * @example
 *   const server = createTroupeHttpServer({ bolt: receiver.requestListener, guard, avatars });
 *   const port = await listen(server, 3000);
 */
export function createTroupeHttpServer(options: TroupeHttpServerOptions): Server {
  const signed = new Set(options.signedPaths ?? ['/slack/events']);
  return createServer((req, res) => {
    void route(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (await serveAvatar(options.avatars, req, res)) return;
    const url = new URL(req.url ?? '/', 'http://troupe.local');
    if (!options.bolt) return void res.writeHead(404).end();
    if (signed.has(url.pathname) && req.method === 'POST' && options.gate) {
      const gate = options.gate;
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
    if (signed.has(url.pathname) && req.method === 'POST' && options.guard) {
      const body = await readBody(req, options.maxBodyBytes ?? 10 * 1024 * 1024);
      if (!body) return void res.writeHead(413).end();
      const verdict = options.guard.check(
        req.headers['x-slack-signature'],
        req.headers['x-slack-request-timestamp'],
        body,
      );
      if (!verdict.ok) return void res.writeHead(401, { 'content-type': 'text/plain' }).end(verdict.reason);
      (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
    }
    options.bolt(req, res);
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
