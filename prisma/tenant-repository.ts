import type {
  KeyValueStore,
  LlmCacheStore,
  Tenant,
  TenantStore,
  UsageEntry,
  UsageStore,
  UsageSummary,
} from '../engine/store/ports.js';
import { emptyUsageSummary } from '../engine/store/usage-summary.js';
import { isUniqueViolation, type PrismaClient, retryOnUniqueViolation, touchTenant } from './db.js';

/** Tenants, their settings and usage, plus the (request-keyed, tenant-free) LLM cache. */
export class TenantRepository implements TenantStore, LlmCacheStore, UsageStore, KeyValueStore {
  constructor(private readonly db: PrismaClient) {}

  async ensureTenant(tenant: Tenant): Promise<Tenant> {
    const row = await retryOnUniqueViolation(() =>
      this.db.tenant.upsert({
        where: { id: tenant.id },
        create: { id: tenant.id, platform: tenant.platform, name: tenant.name },
        update: { platform: tenant.platform, name: tenant.name },
      }),
    );
    return row.name === null
      ? { id: row.id, platform: row.platform as Tenant['platform'] }
      : { id: row.id, platform: row.platform as Tenant['platform'], name: row.name };
  }

  async getCached(key: string): Promise<string | undefined> {
    const row = await this.db.llmCacheEntry.findUnique({ where: { key } });
    return row?.value;
  }

  async putCached(key: string, value: string): Promise<void> {
    await retryOnUniqueViolation(() =>
      this.db.llmCacheEntry.upsert({
        where: { key },
        create: { key, value },
        update: { value, createdAt: new Date() },
      }),
    );
  }

  async recordUsage(entry: UsageEntry): Promise<void> {
    await touchTenant(this.db, entry.tenantId);
    await this.db.usageEntry.create({
      data: {
        tenantId: entry.tenantId,
        jobId: entry.jobId,
        task: entry.task,
        model: entry.model,
        inputTokens: entry.inputTokens,
        outputTokens: entry.outputTokens,
        cachedInputTokens: entry.cachedInputTokens ?? 0,
        costUsd: entry.costUsd,
        cached: entry.cached,
      },
    });
  }

  async summarizeUsage(tenantId: string, filter: { jobId?: string } = {}): Promise<UsageSummary> {
    const groups = await this.db.usageEntry.groupBy({
      by: ['task', 'cached'],
      where: { tenantId, jobId: filter.jobId },
      _count: { _all: true },
      _sum: { inputTokens: true, cachedInputTokens: true, outputTokens: true, costUsd: true },
      orderBy: [{ task: 'asc' }, { cached: 'asc' }],
    });
    const summary = emptyUsageSummary();
    for (const group of groups) {
      const calls = group._count._all;
      const inputTokens = group._sum.inputTokens ?? 0;
      const cachedInputTokens = group._sum.cachedInputTokens ?? 0;
      const outputTokens = group._sum.outputTokens ?? 0;
      const costUsd = group._sum.costUsd ?? 0;
      summary.calls += calls;
      if (group.cached) summary.cachedCalls += calls;
      summary.inputTokens += inputTokens;
      summary.cachedInputTokens += cachedInputTokens;
      summary.outputTokens += outputTokens;
      summary.costUsd += costUsd;
      summary.byTask[group.task] ??= { calls: 0, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, costUsd: 0 };
      const task = summary.byTask[group.task];
      task.calls += calls;
      task.inputTokens += inputTokens;
      task.cachedInputTokens += cachedInputTokens;
      task.outputTokens += outputTokens;
      task.costUsd += costUsd;
    }
    return summary;
  }

  async getValue(tenantId: string, key: string): Promise<unknown | undefined> {
    const row = await this.db.keyValue.findUnique({ where: { tenantId_key: { tenantId, key } } });
    return row ? JSON.parse(row.value) : undefined;
  }

  async setValue(tenantId: string, key: string, value: unknown): Promise<void> {
    await touchTenant(this.db, tenantId);
    const text = JSON.stringify(value ?? null);
    await retryOnUniqueViolation(() =>
      this.db.keyValue.upsert({
        where: { tenantId_key: { tenantId, key } },
        create: { tenantId, key, value: text },
        update: { value: text, updatedAt: new Date() },
      }),
    );
  }

  async claimValue(tenantId: string, key: string, value: unknown, since: Date): Promise<unknown | undefined> {
    await touchTenant(this.db, tenantId);
    const text = JSON.stringify(value ?? null);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.db.keyValue.create({ data: { tenantId, key, value: text } });
        return undefined;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      // A row is there: a stale one is taken over by whoever updates it first, a fresh one is the answer.
      const { count } = await this.db.keyValue.updateMany({
        where: { tenantId, key, updatedAt: { lt: since } },
        data: { value: text, updatedAt: new Date() },
      });
      if (count === 1) return undefined;
      const row = await this.db.keyValue.findUnique({ where: { tenantId_key: { tenantId, key } } });
      if (row) return JSON.parse(row.value);
    }
    throw new Error(`could not claim ${key}: it keeps being deleted and recreated`);
  }

  async expireValues(keyPrefix: string, before: Date): Promise<number> {
    const { count } = await this.db.keyValue.deleteMany({
      where: { key: { startsWith: keyPrefix }, updatedAt: { lt: before } },
    });
    return count;
  }

  async expireCache(before: Date): Promise<number> {
    const { count } = await this.db.llmCacheEntry.deleteMany({ where: { createdAt: { lt: before } } });
    return count;
  }

  async deleteValue(tenantId: string, key: string): Promise<void> {
    await this.db.keyValue.deleteMany({ where: { tenantId, key } });
  }
}
