import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startTempPostgres } from '../../prisma/scripts/temp-postgres.js';

/** A PostgreSQL server for one test file: fresh databases on demand, stopped (or left alone) at the end. */
export interface TestPostgres {
  /** The server's URL on database `postgres`. */
  url: string;
  /** Creates an empty database (or a copy of `template`) and returns its URL. */
  createDatabase(options?: { template?: string }): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The server named by `TROUPE_TEST_POSTGRES_URL` (e.g. one `.ci/run` started), else a throwaway one
 * started here from Debian's binaries (initdb into os.tmpdir(), loopback, a free port). Never skips:
 * without either, it throws and the test fails.
 *
 * @example
 *   const server = await testPostgres();
 *   const url = await server.createDatabase();
 */
export async function testPostgres(env: NodeJS.ProcessEnv = process.env): Promise<TestPostgres> {
  const given = env.TROUPE_TEST_POSTGRES_URL;
  const started = given ? undefined : await startTempPostgres();
  const url = given ?? started!.url;
  const created: string[] = [];
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    url,
    async createDatabase(options = {}) {
      const name = `troupe_test_${randomBytes(6).toString('hex')}`;
      const template = options.template ? ` TEMPLATE "${new URL(options.template).pathname.slice(1)}"` : '';
      await admin((client) => client.query(`CREATE DATABASE "${name}"${template}`));
      created.push(name);
      const target = new URL(url);
      target.pathname = `/${name}`;
      return target.toString();
    },
    async stop() {
      if (started) return started.stop();
      // A shared server outlives this file: drop what it created.
      await admin(async (client) => {
        for (const name of created) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      });
    },
  };
}
