import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../engine/errors.js';
import pg from 'pg';
import { postgresConfigOf, providerOf } from './database-url.js';
import { defaultMigrationsDir, noFilters, postgresMigrationsDir, readMigrations } from './migrations-dir.js';
import { openSchemaEngine } from './schema-engine.js';

/**
 * Turns a `file:` URL into an absolute one (relative paths resolve against the working directory,
 * like the stock CLI) so the adapter, the engine and the app agree on the file.
 *
 * @example
 *   resolveSqliteUrl('file:./data/troupe.db'); // 'file:/srv/app/data/troupe.db'
 */
export function resolveSqliteUrl(databaseUrl: string, cwd: string = process.cwd()): { url: string; file?: string } {
  if (!databaseUrl.startsWith('file:')) {
    throw new ConfigError(
      'database.url',
      `DATABASE_URL must be a SQLite file URL, got "${databaseUrl}"; e.g. file:./data/troupe.db`,
    );
  }
  const target = databaseUrl.slice('file:'.length);
  if (target === ':memory:') return { url: databaseUrl };
  const file = path.resolve(cwd, target);
  return { url: `file:${file}`, file };
}

/** Any number to call our own: every process migrating a PostgreSQL database takes this advisory lock first. */
const MIGRATION_LOCK = 20_261_202;

/**
 * Applies the pending migrations of `migrationsDir` to the database, offline, through the
 * WebAssembly schema engine. Fills `_prisma_migrations` like `prisma migrate deploy`, so either tool
 * can take over. Returns the names of the migrations applied now (empty when up to date).
 * PostgreSQL URLs take `prisma/postgres/migrations/` by default, under an advisory lock so that web
 * and worker processes starting together migrate one after another.
 *
 * @example
 *   await applyMigrations({ databaseUrl: 'file:./data/troupe.db' }); // ['20250101000000_init']
 */
export async function applyMigrations(options: { databaseUrl: string; migrationsDir?: string }): Promise<string[]> {
  if (providerOf(options.databaseUrl) === 'postgresql') {
    const lock = new pg.Client(postgresConfigOf(options.databaseUrl));
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      return await migrate(options.databaseUrl, options.migrationsDir ?? postgresMigrationsDir);
    } finally {
      await lock.end();
    }
  }
  const { url, file } = resolveSqliteUrl(options.databaseUrl);
  if (file) await mkdir(path.dirname(file), { recursive: true });
  return migrate(url, options.migrationsDir ?? defaultMigrationsDir);
}

async function migrate(url: string, migrationsDir: string): Promise<string[]> {
  const migrationsList = await readMigrations(migrationsDir);
  const { engine, logs, close } = await openSchemaEngine(url);
  try {
    const output = await engine.applyMigrations({ migrationsList, filters: noFilters });
    return output.appliedMigrationNames;
  } catch (error) {
    throw new ConfigError(
      'database.migrate',
      `Could not migrate ${url}: ${describe(error)}${logs.length ? `\n${logs.join('\n')}` : ''}`,
      {
        cause: error,
      },
    );
  } finally {
    await close();
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error)
    return String((error as { message: unknown }).message);
  return JSON.stringify(error);
}
