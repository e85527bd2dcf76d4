import { createServer } from 'node:http';
import { close, listen } from '../shared/http-listen.js';

/** One readiness check: its name and whether it passes now. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<boolean>;
}

/** A running health server. */
export interface HealthServer {
  port: number;
  /** From now on /readyz answers 503 (the process is draining: load balancers stop sending it work). */
  markDraining(): void;
  close(): Promise<void>;
}

/**
 * Serves `GET /healthz` (the process is up: 200) and `GET /readyz` (every check passes and the
 * process is not draining: 200, else 503), both with a small JSON body naming the checks, for
 * orchestrators (compose, Kubernetes) to restart or route around a process.
 *
 * @example
 *   const health = await startHealthServer({ port: 8080, checks: [{ name: 'database', check: () => store.ping() }] });
 *   // curl :8080/readyz → {"ready":true,"checks":{"database":true}}
 */
export async function startHealthServer(options: {
  port: number;
  host?: string;
  checks: ReadinessCheck[];
}): Promise<HealthServer> {
  let draining = false;
  const server = createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(405, { error: 'use GET' });
    if (path === '/healthz') return reply(200, { ok: true });
    if (path !== '/readyz') return reply(404, { error: 'try /healthz or /readyz' });
    void Promise.all(
      options.checks.map(async (item) => [item.name, await item.check().catch(() => false)] as const),
    ).then((results) => {
      const checks = Object.fromEntries(results);
      const ready = !draining && results.every(([, ok]) => ok);
      reply(ready ? 200 : 503, { ready, draining, checks });
    });
  });
  const port = await listen(server, options.port, options.host);
  return {
    port,
    markDraining: () => {
      draining = true;
    },
    close: () => close(server),
  };
}
