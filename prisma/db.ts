import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from './generated/client.js';
import type { Prisma } from './generated/client.js';

export { PrismaClient };
/** The client or a transaction of it. */
export type Db = PrismaClient | Prisma.TransactionClient;

/** A Prisma client on a SQLite file through the better-sqlite3 driver adapter (no native engine). */
export function createPrismaClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url }) });
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
