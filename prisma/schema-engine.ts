import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import { postgresConfigOf, providerOf } from './database-url.js';

type WasmExports = Record<string, unknown>;
type EngineGlue = typeof import('@prisma/schema-engine-wasm') & {
  __wbg_set_wasm(exports: WasmExports): void;
};

/** The slice of the WebAssembly global we use (the project's `lib` has no DOM/WebAssembly types). */
interface WasmApi {
  instantiate(bytes: Uint8Array, imports: Record<string, object>): Promise<{ instance: { exports: WasmExports } }>;
}

/**
 * The wasm-bindgen glue keeps the instantiated module in its own module scope, so it can be set up
 * only once per process; this memo mirrors that fact rather than adding state of our own.
 */
let gluePromise: Promise<EngineGlue> | undefined;

/**
 * Loads the WebAssembly schema engine by hand: Node 20 cannot import `.wasm` modules, so the
 * package's entry point (which does `import * as wasm from './schema_engine_bg.wasm'`) is bypassed.
 */
function loadGlue(): Promise<EngineGlue> {
  gluePromise ??= (async () => {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('@prisma/schema-engine-wasm');
    const gluePath = entry.replace(/schema_engine\.js$/, 'schema_engine_bg.js');
    const glue = (await import(gluePath)) as EngineGlue;
    const bytes = await readFile(entry.replace(/schema_engine\.js$/, 'schema_engine_bg.wasm'));
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const { instance } = await wasm.instantiate(bytes, { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return gluePromise;
}

/** A schema engine bound to one database (SQLite file or PostgreSQL), with its logs kept for error messages. */
export interface OpenSchemaEngine {
  engine: SchemaEngine;
  logs: string[];
  /** Frees the engine and closes every connection it opened (it holds an exclusive lock). */
  close(): Promise<void>;
}

/**
 * Opens the WebAssembly schema engine on a database through its driver adapter (better-sqlite3 for
 * `file:` URLs, pg for `postgresql://` ones; on PostgreSQL the shadow database is a temporary one on the same server).
 *
 * @example
 *   const { engine, close } = await openSchemaEngine('file:/tmp/t.db');
 */
export async function openSchemaEngine(url: string): Promise<OpenSchemaEngine> {
  const glue = await loadGlue();
  const logs: string[] = [];
  const factory = new TrackingAdapterFactory(
    providerOf(url) === 'postgresql' ? new PostgresAdapterFactory(url) : new PrismaBetterSqlite3({ url }),
  );
  const engine = await glue.SchemaEngine.new(
    { datamodels: undefined },
    (log: string) => void logs.push(log),
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  return {
    engine,
    logs,
    close: async () => {
      engine.free();
      await factory.disposeAll();
    },
  };
}

/**
 * Wraps the adapter factory for the engine: the engine never disposes the connections it opens
 * (and sets `locking_mode=EXCLUSIVE` on them), so we track and close them ourselves. The engine also
 * replays migrations on the shadow database with `executeRaw`, which better-sqlite3 refuses for
 * multi-statement SQL; those go through `executeScript` instead.
 */
class TrackingAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider;
  readonly adapterName;
  private readonly opened: SqlDriverAdapter[] = [];

  constructor(private readonly inner: SqlMigrationAwareDriverAdapterFactory) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return this.track(await this.inner.connect());
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const adapter = this.track(await this.inner.connectToShadowDb());
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query: SqlQuery) => {
      if (query.args.length > 0) return executeRaw(query);
      await adapter.executeScript(query.sql);
      return 0;
    };
    return adapter;
  }

  async disposeAll(): Promise<void> {
    await Promise.all(this.opened.splice(0).map((adapter) => adapter.dispose()));
  }

  private track(adapter: SqlDriverAdapter): SqlDriverAdapter {
    this.opened.push(adapter);
    return adapter;
  }
}

/**
 * pg's factory, with a shadow database that can be dropped: the stock one drops it while its own pool
 * still holds a connection ("being accessed by other users"), so this one closes the pool first.
 */
class PostgresAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres' as const;
  readonly adapterName = '@prisma/adapter-pg';
  private readonly inner: PrismaPg;

  constructor(private readonly url: string) {
    this.inner = new PrismaPg(postgresConfigOf(url));
  }

  connect(): Promise<SqlDriverAdapter> {
    return this.inner.connect();
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const main = await this.inner.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID().replace(/-/g, '')}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new PrismaPg({ ...postgresConfigOf(this.url), database }).connect();
    const dispose = shadow.dispose.bind(shadow);
    let disposed: Promise<void> | undefined;
    // The engine disposes it, and so does TrackingAdapterFactory.disposeAll: only the first call acts.
    shadow.dispose = () =>
      (disposed ??= (async () => {
        await dispose();
        await main.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
        await main.dispose();
      })());
    return shadow;
  }
}
