import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from './generated/client.js';
import type { Prisma } from './generated/client.js';

export { PrismaClient };
/** The client or a transaction of it. */
export type Db = PrismaClient | Prisma.TransactionClient;

/** How long a writer waits for SQLite's lock before failing (another process or connection writing). */
export const BUSY_TIMEOUT_MS = 10_000;

/**
 * A Prisma client on a SQLite file through the better-sqlite3 driver adapter (no native engine),
 * with a busy timeout and transactions that may wait behind other jobs' step commits.
 */
export function createPrismaClient(url: string): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaBetterSqlite3({ url, timeout: BUSY_TIMEOUT_MS }),
    transactionOptions: { maxWait: BUSY_TIMEOUT_MS, timeout: 2 * BUSY_TIMEOUT_MS },
  });
}

/**
 * WAL mode (readers never wait for the writer; a commit is one append to the log) and the busy
 * timeout, set on the connection. WAL is persistent in the file; in-memory databases keep `memory`.
 */
export async function tuneSqlite(db: PrismaClient): Promise<string> {
  const [mode] = await db.$queryRawUnsafe<{ journal_mode: string }[]>('PRAGMA journal_mode = WAL');
  await db.$queryRawUnsafe(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return mode?.journal_mode ?? 'unknown';
}

/** True for a unique-constraint violation (Prisma error P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

/** Runs `write`; when a concurrent writer won a unique-key race, runs it once more (it then updates). */
export async function retryOnUniqueViolation<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return write();
  }
}

/**
 * Makes sure the tenant row exists before writing rows that reference it; tenants nobody
 * registered yet are created as `local` (the same rule as MemoryStore).
 */
export async function touchTenant(db: Db, tenantId: string): Promise<void> {
  await retryOnUniqueViolation(() =>
    db.tenant.upsert({ where: { id: tenantId }, create: { id: tenantId, platform: 'local' }, update: {} }),
  );
}
