import { ConfigError } from '../engine/errors.js';

/** Which database a `DATABASE_URL` names: a SQLite file (`file:`) or a PostgreSQL server (`postgresql://`). */
export type DatabaseProvider = 'sqlite' | 'postgresql';

/**
 * Tells the provider from the URL's scheme; anything else is a configuration error with an example.
 *
 * @example
 *   providerOf('file:./data/troupe.db'); // 'sqlite'
 *   providerOf('postgresql://troupe:secret@db:5432/troupe'); // 'postgresql'
 */
export function providerOf(databaseUrl: string): DatabaseProvider {
  if (databaseUrl.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return 'postgresql';
  throw new ConfigError(
    'database.url',
    'DATABASE_URL must be a SQLite file URL or a PostgreSQL URL, e.g. file:./data/troupe.db or postgresql://troupe:secret@localhost:5432/troupe',
  );
}

/**
 * The pieces of a PostgreSQL URL as `pg` pool options. Passed as fields rather than a
 * `connectionString`, so that a `database` given beside them (Prisma's shadow database) is honoured.
 *
 * @example
 *   postgresConfigOf('postgresql://u:p@127.0.0.1:5433/troupe'); // { host: '127.0.0.1', port: 5433, user: 'u', password: 'p', database: 'troupe' }
 */
export function postgresConfigOf(databaseUrl: string): {
  host: string;
  port: number;
  user?: string;
  password?: string;
  database: string;
  max?: number;
} {
  const url = new URL(databaseUrl);
  const max = url.searchParams.get('connection_limit');
  return {
    host: decodeURIComponent(url.hostname) || 'localhost',
    port: url.port ? Number(url.port) : 5432,
    ...(url.username ? { user: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    database: decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres',
    ...(max ? { max: Number(max) } : {}),
  };
}
