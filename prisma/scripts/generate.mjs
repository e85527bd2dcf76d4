// Generates the Prisma clients offline (run by `npm install` as postinstall): prisma/generated/ for SQLite and
// prisma/postgres/generated/ for PostgreSQL (its schema is derived from schema.prisma first).
// `prisma generate` never runs the schema engine but insists that one exists; the CLI would otherwise
// try to download the native binary, which fails without internet. Any existing file satisfies it,
// so we point it at the Node binary. Migrations use the WebAssembly engine instead (prisma/migrate.ts).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaPaths, writePostgresSchema } from './postgres-schema.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'package.json'));
const cli = path.join(path.dirname(require.resolve('prisma/package.json')), 'build/index.js');

const env = {
  ...process.env,
  CHECKPOINT_DISABLE: '1',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
};
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY))
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;

writePostgresSchema();
for (const schema of [schemaPaths.sqlite, schemaPaths.postgres]) {
  const result = spawnSync(process.execPath, [cli, 'generate', '--schema', schema], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
