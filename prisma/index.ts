import type { Store } from '../engine/store/ports.js';
import { createPrismaClient, tuneSqlite } from './db.js';
import { applyMigrations, resolveSqliteUrl } from './migrate.js';
import { PrismaStore } from './prisma-store.js';

export { PrismaStore } from './prisma-store.js';
export { tuneSqlite } from './db.js';
export { applyMigrations, resolveSqliteUrl } from './migrate.js';
export { readMigrations, defaultMigrationsDir, defaultSchemaPath } from './migrations-dir.js';

/**
 * Opens the database: creates the SQLite file's folder, applies pending migrations (offline,
 * through the WebAssembly schema engine), and returns the store. Relative `file:` paths resolve
 * against the working directory.
 *
 * @example
 *   const store = await openStore({ databaseUrl: process.env.DATABASE_URL ?? 'file:./data/troupe.db' });
 */
export async function openStore(options: { databaseUrl: string; migrationsDir?: string }): Promise<Store> {
  await applyMigrations(options);
  const db = createPrismaClient(resolveSqliteUrl(options.databaseUrl).url);
  await tuneSqlite(db);
  return new PrismaStore(db);
}
