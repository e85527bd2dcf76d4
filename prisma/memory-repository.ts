import type { EpisodeRow, MemoryWindow, PersonaMemory, StepCommit } from '../engine/store/memory-rows.js';
import type { WorldMemoryStore } from '../engine/store/ports.js';
import { notFound } from '../engine/store/store-errors.js';
import type { Db, PrismaClient } from './db.js';
import { optionalJson } from './rows.js';
import { bytesToVector, vectorToBytes } from './vectors.js';
import { appendEventsIn } from './world-repository.js';
import { writeCheckpointIn } from './fork-repository.js';

/**
 * Persona memory per (persona, world) in rows, and the step commit: events, memory rows, persona
 * cores, world state and the job's result in one transaction.
 */
export class MemoryRepository implements WorldMemoryStore {
  constructor(private readonly db: PrismaClient) {}

  async loadMemories(tenantId: string, worldId: string, window: MemoryWindow): Promise<PersonaMemory[]> {
    const cores = await this.db.personaMemory.findMany({ where: { tenantId, worldId } });
    return Promise.all(
      cores.map(async (row) => {
        const core = JSON.parse(row.core) as { episodic?: { total?: number } };
        const total = core.episodic?.total ?? 0;
        const where = { tenantId, worldId, personaId: row.personaId };
        const [head, tail, semantic] = await Promise.all([
          this.db.memoryEpisode.findMany({
            where: { ...where, ordinal: { lt: window.prefix } },
            orderBy: { ordinal: 'asc' },
          }),
          this.db.memoryEpisode.findMany({
            where: { ...where, ordinal: { gte: Math.max(window.prefix, total - window.recent) } },
            orderBy: { ordinal: 'asc' },
          }),
          this.db.memorySemantic.findMany({ where, orderBy: { ordinal: 'desc' }, take: window.semantic }),
        ]);
        return {
          personaId: row.personaId,
          core,
          episodes: [...head, ...tail].map((episode) => JSON.parse(episode.entry) as EpisodeRow),
          semantic: semantic.reverse().map((item) =>
            compactRow({
              ordinal: item.ordinal,
              content: item.content,
              createdAt: item.createdAt ?? undefined,
              from: item.fromSeq ?? undefined,
              to: item.toSeq ?? undefined,
              vector: item.vector ? bytesToVector(item.vector) : undefined,
            }),
          ),
        };
      }),
    );
  }

  async commitStep(tenantId: string, commit: StepCommit): Promise<void> {
    await this.db.$transaction(async (tx) => {
      const written = await appendEventsIn(tx, tenantId, commit.worldId, commit.events);
      for (const memory of commit.memories) await writeMemory(tx, tenantId, commit.worldId, memory);
      const { count } = await tx.world.updateMany({
        where: { tenantId, id: commit.worldId },
        data: { state: JSON.stringify(commit.worldState) },
      });
      if (count === 0) throw notFound('world', commit.worldId);
      if (commit.job) {
        const updated = await tx.job.updateMany({
          where: { tenantId, id: commit.job.id },
          data: { result: optionalJson(commit.job.result), updatedAt: new Date() },
        });
        if (updated.count === 0) throw notFound('job', commit.job.id);
      }
      await writeCheckpointIn(tx, tenantId, commit.worldId, written, commit.worldState);
    });
  }
}

async function writeMemory(
  tx: Db,
  tenantId: string,
  worldId: string,
  memory: StepCommit['memories'][number],
): Promise<void> {
  const persona = await tx.persona.findFirst({ where: { tenantId, id: memory.personaId }, select: { id: true } });
  if (!persona) throw notFound('persona', memory.personaId);
  const key = { tenantId, worldId, personaId: memory.personaId };
  const core = JSON.stringify(memory.core);
  await tx.personaMemory.upsert({
    where: { worldId_personaId: { worldId, personaId: memory.personaId } },
    create: { ...key, core },
    update: { core, updatedAt: new Date() },
  });
  if (memory.newEpisodes.length)
    await tx.memoryEpisode.createMany({
      data: memory.newEpisodes.map((entry) => ({ ...key, ordinal: entry.ordinal, entry: JSON.stringify(entry) })),
    });
  if (memory.newSemantic.length)
    await tx.memorySemantic.createMany({
      data: memory.newSemantic.map((item) => ({
        ...key,
        ordinal: item.ordinal,
        content: item.content,
        createdAt: item.createdAt ?? null,
        fromSeq: item.from ?? null,
        toSeq: item.to ?? null,
        vector: item.vector ? vectorToBytes(item.vector) : null,
      })),
    });
  for (const { ordinal, vector } of memory.vectors)
    await tx.memorySemantic.updateMany({ where: { ...key, ordinal }, data: { vector: vectorToBytes(vector) } });
}

function compactRow<T extends object>(row: T): T {
  for (const name of Object.keys(row) as (keyof T)[]) if (row[name] === undefined) delete row[name];
  return row;
}
