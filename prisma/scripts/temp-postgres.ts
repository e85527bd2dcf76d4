// A throwaway PostgreSQL server for tests, benchmarks and `db:migration` (the shadow database): Debian's
// `postgresql` binaries, a data folder in os.tmpdir(), loopback only, a free port, trust auth. As root
// (CI), initdb refuses to run, so the server runs as the `postgres` user through `runuser`.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A running server: its superuser URL (database `postgres`) and how to stop and remove it. */
export interface TempPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Finds Debian's PostgreSQL binaries: `$TROUPE_PG_BIN`, else the newest `/usr/lib/postgresql/<n>/bin`.
 *
 * @example
 *   findPostgresBin(); // '/usr/lib/postgresql/15/bin'
 */
export function findPostgresBin(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TROUPE_PG_BIN) return env.TROUPE_PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(path.join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions.length)
    throw new Error(
      'PostgreSQL is not installed: `apt-get install -y postgresql` (or set TROUPE_PG_BIN to the folder holding initdb)',
    );
  return path.join(root, versions[0], 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a fresh server (initdb into a temp folder, `pg_ctl start -w`) and returns its URL.
 *
 * @example
 *   const pg = await startTempPostgres();
 *   // pg.url === 'postgresql://troupe@127.0.0.1:54321/postgres'
 *   await pg.stop();
 */
export async function startTempPostgres(): Promise<TempPostgres> {
  const bin = findPostgresBin();
  const root = await mkdtemp(path.join(tmpdir(), 'troupe-pg-'));
  const data = path.join(root, 'data');
  const asRoot = process.getuid?.() === 0;
  const exec = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]) : run(path.join(bin, tool), args);
  if (asRoot) await chown(root, ...(await postgresIds()));
  await exec('initdb', ['-D', data, '-U', 'troupe', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  let port = 0;
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    const options = `-h 127.0.0.1 -p ${port} -k ${root} -F -c max_connections=200 -c fsync=off`;
    try {
      await exec('pg_ctl', ['-D', data, '-o', options, '-l', path.join(root, 'server.log'), '-w', '-t', '30', 'start']);
      break;
    } catch (error) {
      // Another process may have taken the port between the probe and the start.
      if (attempt >= 2) throw error;
    }
  }
  return {
    url: `postgresql://troupe@127.0.0.1:${port}/postgres`,
    port,
    stop: async () => {
      await exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
}

async function postgresIds(): Promise<[number, number]> {
  const { stdout: uid } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  return [Number(uid.trim()), Number(gid.trim())];
}
