import { createHash } from 'node:crypto';
import pg from 'pg';

/** How long a job waits between tries for a free slot of its tenant. */
const RETRY_MS = 100;

/**
 * Per-tenant job slots held as PostgreSQL advisory locks (`pg_try_advisory_lock(tenant, slot)`) on a
 * connection kept for the job's run. pg-boss's group concurrency already limits a tenant's active
 * jobs, but two workers fetching at the same moment can both pass its check; the locks make the limit
 * exact. A worker that dies loses its connection, and with it its slots.
 *
 * @example
 *   const release = await slots.acquire('slack:T1', 3);
 *   try { await run(); } finally { await release(); }
 */
export class TenantSlots {
  private readonly pool: pg.Pool;

  constructor(connectionString: string, max: number) {
    this.pool = new pg.Pool({ connectionString, max });
    // An idle client's connection error must not end the process; the next acquire reconnects.
    this.pool.on('error', () => undefined);
  }

  /** Waits for one of the tenant's `limit` slots; returns the function that gives it back. */
  async acquire(tenantId: string, limit: number): Promise<() => Promise<void>> {
    const key = tenantKey(tenantId);
    const client = await this.pool.connect();
    try {
      for (;;) {
        for (let slot = 0; slot < limit; slot++) {
          const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [
            key,
            slot,
          ]);
          if (rows[0]?.locked)
            return async () => {
              // Not awaited: the slot frees a round trip later, and the job's hand-off to the queue need not wait for it
              // (the connection goes back to the pool only after the unlock, so its next user never holds the slot).
              void client.query('SELECT pg_advisory_unlock($1, $2)', [key, slot]).then(
                () => client.release(),
                (error: Error) => client.release(error),
              );
            };
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** A tenant id as the first (32-bit) key of a two-key advisory lock. */
function tenantKey(tenantId: string): number {
  return createHash('sha256').update(`troupe-tenant:${tenantId}`).digest().readInt32BE(0);
}
