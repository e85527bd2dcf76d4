import { afterEach, describe, expect, it } from 'vitest';
import { type HealthServer, startHealthServer } from '../../../adapters/worker/index.js';

describe('health server', () => {
  let server: HealthServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers /healthz while up, /readyz by its checks, and 503 once draining', async () => {
    let databaseUp = true;
    server = await startHealthServer({
      port: 0,
      host: '127.0.0.1',
      checks: [
        { name: 'database', check: async () => databaseUp },
        { name: 'queues', check: async () => true },
      ],
    });
    const get = async (path: string) => {
      const response = await fetch(`http://127.0.0.1:${server!.port}${path}`);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    expect(await get('/healthz')).toEqual({ status: 200, body: { ok: true } });
    expect(await get('/readyz')).toEqual({
      status: 200,
      body: { ready: true, draining: false, checks: { database: true, queues: true } },
    });
    databaseUp = false;
    expect((await get('/readyz')).status).toBe(503);
    expect((await get('/readyz')).body.checks).toEqual({ database: false, queues: true });
    databaseUp = true;
    server.markDraining();
    expect(await get('/readyz')).toMatchObject({ status: 503, body: { ready: false, draining: true } });
    expect((await get('/healthz')).status).toBe(200);
    expect((await get('/nope')).status).toBe(404);
  });
});
