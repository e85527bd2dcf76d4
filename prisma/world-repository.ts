import type { WorldEvent } from '../engine/agent/events.js';
import type { EventStore, WorldRecord, WorldStore } from '../engine/store/ports.js';
import { notFound } from '../engine/store/store-errors.js';
import type { Db, PrismaClient } from './db.js';
import { toEvent, toWorld } from './rows.js';

/** Worlds (a panel seated in a channel) and their ordered events; every query is filtered by tenant. */
export class WorldRepository implements WorldStore, EventStore {
  constructor(
    private readonly db: PrismaClient,
    private readonly nextId: () => string,
  ) {}

  async seatPanel(tenantId: string, channelKey: string, panelId: string): Promise<WorldRecord> {
    return this.db.$transaction(async (tx) => {
      const panel = await tx.panel.findUnique({
        where: { tenantId_id: { tenantId, id: panelId } },
        select: { id: true },
      });
      if (!panel) throw notFound('panel', panelId);
      await tx.world.updateMany({ where: { tenantId, channelKey, seated: true }, data: { seated: false } });
      const row = await tx.world.upsert({
        where: { tenantId_channelKey_panelId: { tenantId, channelKey, panelId } },
        create: { id: this.nextId(), tenantId, channelKey, panelId, seated: true },
        update: { seated: true },
      });
      return toWorld(row);
    });
  }

  async getWorld(tenantId: string, channelKey: string): Promise<WorldRecord | undefined> {
    const row = await this.db.world.findFirst({ where: { tenantId, channelKey, seated: true } });
    return row ? toWorld(row) : undefined;
  }

  async saveWorldState(tenantId: string, worldId: string, state: Record<string, unknown>): Promise<void> {
    const { count } = await this.db.world.updateMany({
      where: { tenantId, id: worldId },
      data: { state: JSON.stringify(state) },
    });
    if (count === 0) throw notFound('world', worldId);
  }

  async appendEvents(tenantId: string, worldId: string, events: WorldEvent[]): Promise<WorldEvent[]> {
    return this.db.$transaction((tx) => appendEventsIn(tx, tenantId, worldId, events));
  }

  async listEvents(
    tenantId: string,
    worldId: string,
    filter: { threadKey?: string; afterSeq?: number; limit?: number } = {},
  ): Promise<WorldEvent[]> {
    const rows = await this.db.event.findMany({
      where: { tenantId, worldId, threadKey: filter.threadKey, seq: { gt: filter.afterSeq ?? 0 } },
      orderBy: { seq: 'asc' },
      take: filter.limit,
    });
    return rows.map(toEvent);
  }
}

/** Appends events to a world inside a transaction, assigning gap-free seqs. */
export async function appendEventsIn(
  tx: Db,
  tenantId: string,
  worldId: string,
  events: WorldEvent[],
): Promise<WorldEvent[]> {
  // Reserving the seq range by bumping the world's counter keeps seqs gap-free and unique even
  // when several appends to one world run at once.
  const { count } = await tx.world.updateMany({
    where: { tenantId, id: worldId },
    data: { nextSeq: { increment: events.length } },
  });
  if (count === 0) throw notFound('world', worldId);
  if (events.length === 0) return [];
  const world = await tx.world.findUniqueOrThrow({ where: { id: worldId }, select: { nextSeq: true } });
  const first = world.nextSeq - events.length;
  const now = new Date();
  const data = events.map((e, i) => ({
    tenantId,
    worldId,
    seq: first + i,
    threadKey: e.threadKey ?? null,
    agent: e.agent,
    kind: e.kind,
    type: e.type,
    content: e.content,
    counterpart: e.counterpart ?? null,
    simTime: e.simTime ?? null,
    createdAt: e.createdAt ? new Date(e.createdAt) : now,
  }));
  await tx.event.createMany({ data });
  return data.map((row, i) => toEvent({ ...row, id: i }));
}
