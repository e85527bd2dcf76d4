// Used by the stock Prisma CLI (`prisma generate`, `prisma migrate deploy` on a machine with
// internet). The app itself applies migrations through the WebAssembly schema engine (prisma/migrate.ts).
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'file:./data/troupe.db' },
});
