import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { applyMigrations, openStore } from '../../prisma/index.js';
import { runStoreContract } from './store-contract.js';

const root = await mkdtemp(path.join(tmpdir(), 'troupe-store-'));
const template = path.join(root, 'template.db');
let migrated: Promise<string[]> | undefined;
let count = 0;

afterAll(() => rm(root, { recursive: true, force: true }));

// A real SQLite file per test. Migrating from scratch costs a few hundred ms, so each test starts
// from a copy of one freshly migrated file; openStore still runs the start-up migration (a no-op).
runStoreContract('PrismaStore (SQLite)', {
  open: async () => {
    migrated ??= applyMigrations({ databaseUrl: `file:${template}` });
    await migrated;
    const file = path.join(root, `store-${++count}.db`);
    await copyFile(template, file);
    return openStore({ databaseUrl: `file:${file}` });
  },
});
