import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { PersonaAvatars } from './persona-avatars.js';

/**
 * Answers `GET|HEAD /avatars/<personaId>.png?t=<tenant>` with the persona's avatar as PNG (404 when the tenant has no
 * such persona) and returns true; returns false, leaving the response alone, for any other request.
 *
 * @example
 *   createServer(async (req, res) => { if (!(await serveAvatar(avatars, req, res))) res.writeHead(404).end(); });
 */
export async function serveAvatar(
  avatars: PersonaAvatars,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://troupe.local');
  const avatar = /^\/avatars\/([^/]+)\.png$/.exec(url.pathname);
  if (!avatar || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  const tenant = url.searchParams.get('t') ?? '';
  const png = tenant ? await avatars.png(tenant, decodeURIComponent(avatar[1])) : undefined;
  if (!png) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('no such avatar');
    return true;
  }
  res.writeHead(200, {
    'content-type': 'image/png',
    'content-length': png.length,
    'cache-control': 'public, max-age=86400',
  });
  res.end(req.method === 'HEAD' ? undefined : png);
  return true;
}

/** An HTTP server that only serves persona avatars (404 for anything else), for a platform with no HTTP endpoint of its own. */
export function createAvatarServer(avatars: PersonaAvatars): Server {
  return createServer((req, res) => {
    void serveAvatar(avatars, req, res)
      .then((served) => {
        if (!served) res.writeHead(404).end();
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
  });
}
