import type { Store } from '../engine/store/ports.js';
import { providerOf } from './database-url.js';
import { createPrismaClient, tuneSqlite } from './db.js';
import { createPostgresClient } from './postgres/client.js';
import { applyMigrations, resolveSqliteUrl } from './migrate.js';
import { PrismaStore } from './prisma-store.js';

export { PrismaStore } from './prisma-store.js';
export { tuneSqlite } from './db.js';
export { applyMigrations, resolveSqliteUrl } from './migrate.js';
export { readMigrations, defaultMigrationsDir, defaultSchemaPath } from './migrations-dir.js';

export { providerOf, type DatabaseProvider } from './database-url.js';

/**
 * Opens the database: creates the SQLite file's folder, applies pending migrations (offline,
 * through the WebAssembly schema engine), and returns the store. Relative `file:` paths resolve
 * against the working directory; a `postgresql://` URL opens PostgreSQL through `@prisma/adapter-pg`
 * (same models, `prisma/postgres/migrations/`).
 *
 * @example
 *   const store = await openStore({ databaseUrl: process.env.DATABASE_URL ?? 'file:./data/troupe.db' });
 *   const shared = await openStore({ databaseUrl: 'postgresql://troupe:secret@db:5432/troupe' });
 */
export async function openStore(options: { databaseUrl: string; migrationsDir?: string }): Promise<Store> {
  await applyMigrations(options);
  if (providerOf(options.databaseUrl) === 'postgresql')
    return new PrismaStore(createPostgresClient(options.databaseUrl));
  const db = createPrismaClient(resolveSqliteUrl(options.databaseUrl).url);
  await tuneSqlite(db);
  return new PrismaStore(db);
}
