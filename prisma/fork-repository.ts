import type { WorldEvent } from '../engine/agent/events.js';
import type { ForkRequest, WorldCheckpoint, WorldForkRecord } from '../engine/store/fork-rows.js';
import { checkpointMissing, forkWorldKey } from '../engine/store/fork-errors.js';
import { compact } from '../engine/store/json.js';
import type { WorldForkStore, WorldRecord } from '../engine/store/ports.js';
import { notFound } from '../engine/store/store-errors.js';
import type { Db, PrismaClient } from './db.js';
import type { WorldFork } from './generated/client.js';
import { toWorld } from './rows.js';

/**
 * Writes the checkpoint of a step commit inside its transaction: every persona core of the world
 * and the world state after the commit, numbered in commit order.
 */
export async function writeCheckpointIn(
  tx: Db,
  tenantId: string,
  worldId: string,
  written: WorldEvent[],
  worldState: Record<string, unknown>,
): Promise<void> {
  const world = await tx.world.findUniqueOrThrow({ where: { id: worldId }, select: { nextSeq: true } });
  const lastSeq = world.nextSeq - 1;
  const cores = await tx.personaMemory.findMany({
    where: { tenantId, worldId },
    select: { personaId: true, core: true },
  });
  const last = await tx.worldCheckpoint.findFirst({
    where: { worldId },
    orderBy: { number: 'desc' },
    select: { number: true },
  });
  await tx.worldCheckpoint.create({
    data: {
      tenantId,
      worldId,
      number: (last?.number ?? 0) + 1,
      fromSeq: written[0]?.seq ?? lastSeq + 1,
      lastSeq,
      threadKeys: JSON.stringify([...new Set(written.flatMap((event) => (event.threadKey ? [event.threadKey] : [])))]),
      cores: JSON.stringify(Object.fromEntries(cores.map((row) => [row.personaId, JSON.parse(row.core)]))),
      worldState: JSON.stringify(worldState),
    },
  });
}

function toFork(row: WorldFork): WorldForkRecord {
  return compact({
    worldId: row.worldId,
    tenantId: row.tenantId,
    key: row.key,
    parentWorldId: row.parentWorldId,
    channelKey: row.channelKey,
    parentThreadKey: row.parentThreadKey ?? undefined,
    threadKey: row.threadKey ?? undefined,
    checkpoint: row.checkpoint ?? undefined,
    stimulus: row.stimulus,
    label: row.label ?? undefined,
    personaIds: row.personaIds ? (JSON.parse(row.personaIds) as string[]) : undefined,
    createdAt: row.createdAt.toISOString(),
  });
}

/** Checkpoints and forks of worlds; a fork copies the parent's rows at a checkpoint in one transaction. */
export class ForkRepository implements WorldForkStore {
  constructor(
    private readonly db: PrismaClient,
    private readonly nextId: () => string,
  ) {}

  async listCheckpoints(tenantId: string, worldId: string): Promise<WorldCheckpoint[]> {
    const rows = await this.db.worldCheckpoint.findMany({
      where: { tenantId, worldId },
      orderBy: { number: 'asc' },
      select: { number: true, fromSeq: true, lastSeq: true, threadKeys: true, createdAt: true },
    });
    return rows.map((row) => ({
      number: row.number,
      fromSeq: row.fromSeq,
      lastSeq: row.lastSeq,
      threadKeys: JSON.parse(row.threadKeys) as string[],
      createdAt: row.createdAt.toISOString(),
    }));
  }

  async forkWorld(tenantId: string, request: ForkRequest): Promise<WorldForkRecord> {
    return this.db.$transaction(async (tx) => {
      const existing = await tx.worldFork.findUnique({ where: { tenantId_key: { tenantId, key: request.key } } });
      if (existing) return toFork(existing);
      const parent = await tx.world.findFirst({ where: { tenantId, id: request.parentWorldId } });
      if (!parent) throw notFound('world', request.parentWorldId);
      const at = await this.pointOf(tx, tenantId, parent.id, parent.nextSeq, parent.state, request.checkpoint);
      const wanted = request.personaIds ? new Set(request.personaIds) : undefined;
      const worldId = this.nextId();
      await tx.world.create({
        data: {
          id: worldId,
          tenantId,
          channelKey: forkWorldKey(request.channelKey, request.key),
          panelId: parent.panelId,
          seated: true,
          state: at.state,
          nextSeq: at.lastSeq + 1,
        },
      });
      // Copied inside the database (INSERT … SELECT), never through JavaScript: a fork of a long
      // history costs a few statements, not one round trip per row.
      await tx.$executeRaw`INSERT INTO "Event" ("tenantId", "worldId", "seq", "threadKey", "agent", "kind", "type", "content", "counterpart", "simTime", "createdAt")
        SELECT "tenantId", ${worldId}, "seq", "threadKey", "agent", "kind", "type", "content", "counterpart", "simTime", "createdAt"
        FROM "Event" WHERE "tenantId" = ${tenantId} AND "worldId" = ${parent.id} AND "seq" <= ${at.lastSeq}`;
      for (const [personaId, core] of at.cores) {
        if (wanted && !wanted.has(personaId)) continue;
        const counters = JSON.parse(core) as { episodic?: { total?: number }; semantic?: { total?: number } };
        await tx.personaMemory.create({ data: { tenantId, worldId, personaId, core } });
        await tx.$executeRaw`INSERT INTO "MemoryEpisode" ("tenantId", "worldId", "personaId", "ordinal", "entry")
          SELECT "tenantId", ${worldId}, "personaId", "ordinal", "entry" FROM "MemoryEpisode"
          WHERE "worldId" = ${parent.id} AND "personaId" = ${personaId} AND "ordinal" < ${counters.episodic?.total ?? 0}`;
        await tx.$executeRaw`INSERT INTO "MemorySemantic" ("tenantId", "worldId", "personaId", "ordinal", "content", "createdAt", "fromSeq", "toSeq", "vector")
          SELECT "tenantId", ${worldId}, "personaId", "ordinal", "content", "createdAt", "fromSeq", "toSeq", "vector" FROM "MemorySemantic"
          WHERE "worldId" = ${parent.id} AND "personaId" = ${personaId} AND "ordinal" < ${counters.semantic?.total ?? 0}`;
      }
      const fork = await tx.worldFork.create({
        data: {
          worldId,
          tenantId,
          key: request.key,
          parentWorldId: parent.id,
          channelKey: request.channelKey,
          parentThreadKey: request.parentThreadKey ?? null,
          checkpoint: request.checkpoint ?? null,
          stimulus: request.stimulus,
          label: request.label ?? null,
          personaIds: request.personaIds ? JSON.stringify(request.personaIds) : null,
        },
      });
      await writeCheckpointIn(
        tx,
        tenantId,
        worldId,
        [],
        at.state ? (JSON.parse(at.state) as Record<string, unknown>) : {},
      );
      return toFork(fork);
    });
  }

  async setForkThread(tenantId: string, worldId: string, threadKey: string): Promise<void> {
    const { count } = await this.db.worldFork.updateMany({ where: { tenantId, worldId }, data: { threadKey } });
    if (count === 0) throw notFound('world', worldId);
  }

  async getForkByThread(tenantId: string, channelKey: string, threadKey: string): Promise<WorldForkRecord | undefined> {
    const row = await this.db.worldFork.findFirst({ where: { tenantId, channelKey, threadKey } });
    return row ? toFork(row) : undefined;
  }

  async getFork(tenantId: string, worldId: string): Promise<WorldForkRecord | undefined> {
    const row = await this.db.worldFork.findFirst({ where: { tenantId, worldId } });
    return row ? toFork(row) : undefined;
  }

  async listForks(tenantId: string, parentWorldId: string): Promise<WorldForkRecord[]> {
    const rows = await this.db.worldFork.findMany({
      where: { tenantId, parentWorldId },
      orderBy: { createdAt: 'asc' },
    });
    return rows.map(toFork);
  }

  async getWorldById(tenantId: string, worldId: string): Promise<WorldRecord | undefined> {
    const row = await this.db.world.findFirst({ where: { tenantId, id: worldId } });
    return row ? toWorld(row) : undefined;
  }

  /** The cores, state and last seq of the parent at a checkpoint (0: empty; absent: now). */
  private async pointOf(
    tx: Db,
    tenantId: string,
    worldId: string,
    nextSeq: number,
    state: string | null,
    checkpoint: number | undefined,
  ): Promise<{ cores: Map<string, string>; state: string | null; lastSeq: number }> {
    if (checkpoint === undefined) {
      const rows = await tx.personaMemory.findMany({ where: { tenantId, worldId }, orderBy: { personaId: 'asc' } });
      return { cores: new Map(rows.map((row) => [row.personaId, row.core])), state, lastSeq: nextSeq - 1 };
    }
    if (checkpoint === 0) return { cores: new Map(), state: null, lastSeq: 0 };
    const row = await tx.worldCheckpoint.findUnique({ where: { worldId_number: { worldId, number: checkpoint } } });
    if (!row) throw checkpointMissing(checkpoint, await tx.worldCheckpoint.count({ where: { worldId } }));
    const cores = JSON.parse(row.cores) as Record<string, unknown>;
    return {
      cores: new Map(Object.entries(cores).map(([id, core]) => [id, JSON.stringify(core)])),
      state: row.worldState,
      lastSeq: row.lastSeq,
    };
  }
}
