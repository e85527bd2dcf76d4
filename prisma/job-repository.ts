import type { JobRecord, JobStatus, JobStore, PostRecord, PostStore } from '../engine/store/ports.js';
import { notFound } from '../engine/store/store-errors.js';
import { type PrismaClient, isUniqueViolation, touchTenant } from './db.js';
import { optionalJson, toJob, toPost } from './rows.js';

/** Jobs and idempotent posts; every query except `listJobsByStatus` (recovery) is filtered by tenant. */
export class JobRepository implements JobStore, PostStore {
  /** Tenants whose row this repository saw exist (tenants are never deleted): saves an upsert per post. */
  private readonly knownTenants = new Set<string>();

  constructor(
    private readonly db: PrismaClient,
    private readonly nextId: () => string,
  ) {}

  async createJob(
    job: Omit<JobRecord, 'id' | 'createdAt' | 'updatedAt' | 'status'> & { status?: JobStatus },
  ): Promise<JobRecord> {
    await this.touch(job.tenantId);
    const now = new Date();
    const row = await this.db.job.create({
      data: {
        id: this.nextId(),
        tenantId: job.tenantId,
        kind: job.kind,
        status: job.status ?? 'queued',
        input: JSON.stringify(job.input),
        conversation: JSON.stringify(job.conversation),
        progress: optionalJson(job.progress),
        result: optionalJson(job.result),
        error: job.error,
        createdAt: now,
        updatedAt: now,
      },
    });
    return toJob(row);
  }

  async getJob(tenantId: string, id: string): Promise<JobRecord | undefined> {
    const row = await this.db.job.findFirst({ where: { tenantId, id } });
    return row ? toJob(row) : undefined;
  }

  async updateJob(
    tenantId: string,
    id: string,
    patch: Partial<Pick<JobRecord, 'status' | 'progress' | 'result' | 'error'>>,
  ): Promise<JobRecord> {
    return this.db.$transaction(async (tx) => {
      const { count } = await tx.job.updateMany({
        where: { tenantId, id },
        data: {
          status: patch.status,
          progress: optionalJson(patch.progress),
          result: optionalJson(patch.result),
          error: patch.error,
          updatedAt: new Date(),
        },
      });
      if (count === 0) throw notFound('job', id);
      return toJob(await tx.job.findUniqueOrThrow({ where: { id } }));
    });
  }

  async listJobsByStatus(statuses: JobStatus[]): Promise<JobRecord[]> {
    const rows = await this.db.job.findMany({
      where: { status: { in: statuses } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toJob);
  }

  async listJobs(tenantId: string, limit?: number): Promise<JobRecord[]> {
    const rows = await this.db.job.findMany({
      where: { tenantId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
    return rows.map(toJob);
  }

  async findPost(tenantId: string, idempotencyKey: string): Promise<PostRecord | undefined> {
    const row = await this.db.post.findUnique({ where: { tenantId_idempotencyKey: { tenantId, idempotencyKey } } });
    return row ? toPost(row) : undefined;
  }

  async recordPost(post: PostRecord): Promise<PostRecord> {
    await this.touch(post.tenantId);
    try {
      const row = await this.db.post.create({
        data: {
          id: this.nextId(),
          tenantId: post.tenantId,
          idempotencyKey: post.idempotencyKey,
          channelKey: post.channelKey,
          threadKey: post.threadKey,
          platformId: post.platformId,
          speaker: post.speaker,
          body: JSON.stringify(post.body),
          createdAt: post.createdAt ? new Date(post.createdAt) : new Date(),
        },
      });
      return toPost(row);
    } catch (error) {
      // The unique (tenant, key) index is what makes this idempotent, also across processes.
      if (!isUniqueViolation(error)) throw error;
      return this.confirmExisting(post);
    }
  }

  async listPosts(tenantId: string, channelKey: string, threadKey?: string): Promise<PostRecord[]> {
    const rows = await this.db.post.findMany({ where: { tenantId, channelKey, threadKey }, orderBy: { id: 'asc' } });
    return rows.map(toPost);
  }

  async postByPlatformId(tenantId: string, channelKey: string, platformId: string): Promise<PostRecord | undefined> {
    const row = await this.db.post.findFirst({ where: { tenantId, channelKey, platformId } });
    return row ? toPost(row) : undefined;
  }

  private async touch(tenantId: string): Promise<void> {
    if (this.knownTenants.has(tenantId)) return;
    await touchTenant(this.db, tenantId);
    this.knownTenants.add(tenantId);
  }

  /** A reservation recorded before posting gets its platform id once the post went out. */
  private async confirmExisting(post: PostRecord): Promise<PostRecord> {
    const key = { tenantId_idempotencyKey: { tenantId: post.tenantId, idempotencyKey: post.idempotencyKey } };
    if (post.platformId !== undefined) {
      await this.db.post.updateMany({
        where: { tenantId: post.tenantId, idempotencyKey: post.idempotencyKey, platformId: null },
        data: { platformId: post.platformId },
      });
    }
    return toPost(await this.db.post.findUniqueOrThrow({ where: key }));
  }
}
