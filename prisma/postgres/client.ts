import { PrismaPg } from '@prisma/adapter-pg';
import type { PrismaClient } from '../db.js';
import { postgresConfigOf } from '../database-url.js';
import { PrismaClient as PostgresPrismaClient } from './generated/client.js';

/**
 * A Prisma client on PostgreSQL through the pg driver adapter (no native engine). Its client is
 * generated from the derived `postgres/schema.prisma`: the same models and fields as the SQLite one,
 * so the repositories use it through the SQLite client's type.
 *
 * @example
 *   const db = createPostgresClient('postgresql://troupe:secret@localhost:5432/troupe');
 */
export function createPostgresClient(url: string): PrismaClient {
  const client = new PostgresPrismaClient({
    adapter: new PrismaPg(postgresConfigOf(url)),
    transactionOptions: { maxWait: 10_000, timeout: 20_000 },
  });
  return client as unknown as PrismaClient;
}
