import { afterAll, beforeAll } from 'vitest';
import { applyMigrations, openStore } from '../../prisma/index.js';
import { type TestPostgres, testPostgres } from '../support/postgres.js';
import { runStoreContract } from './store-contract.js';

let server: TestPostgres;
let template: string;

beforeAll(async () => {
  server = await testPostgres();
  // Migrated once; every test gets a copy of it (CREATE DATABASE … TEMPLATE), then openStore's migration is a no-op.
  template = await server.createDatabase();
  await applyMigrations({ databaseUrl: template });
}, 60_000);
afterAll(() => server?.stop());

runStoreContract('PrismaStore (PostgreSQL)', {
  open: async () => openStore({ databaseUrl: await server.createDatabase({ template }) }),
});
