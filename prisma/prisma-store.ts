import type { PersonaSpec } from '../engine/agent/persona-spec.js';
import type { WorldEvent } from '../engine/agent/events.js';
import { createIdGenerator } from '../engine/store/ids.js';
import type {
  JobRecord,
  JobStatus,
  PanelRecord,
  PersonaRecord,
  PostRecord,
  Store,
  Tenant,
  UsageEntry,
  UsageSummary,
  WorldRecord,
} from '../engine/store/ports.js';
import type { MemoryWindow, PersonaMemory, StepCommit } from '../engine/store/memory-rows.js';
import type { PrismaClient } from './db.js';
import { JobRepository } from './job-repository.js';
import { MemoryRepository } from './memory-repository.js';
import { PanelRepository } from './panel-repository.js';
import { TenantRepository } from './tenant-repository.js';
import { WorldRepository } from './world-repository.js';
import { PeoplePollRepository } from './people-poll-repository.js';
import type { FidelityStore, PeoplePollStore } from '../engine/store/people-poll-ports.js';
import { ForkRepository } from './fork-repository.js';
import type { ForkRequest, WorldCheckpoint, WorldForkRecord } from '../engine/store/fork-rows.js';

/**
 * The `Store` on Prisma (SQLite through the better-sqlite3 adapter). Each area lives in its own
 * repository; this class only routes. Open it with `openStore`, which migrates first.
 *
 * @example
 *   const store = await openStore({ databaseUrl: 'file:./data/troupe.db' });
 *   await store.createPanel('T123', { name: 'parents', description: 'US parents' });
 *   await store.close();
 */
export class PrismaStore implements Store {
  private readonly tenants: TenantRepository;
  private readonly panels: PanelRepository;
  private readonly worlds: WorldRepository;
  private readonly jobs: JobRepository;
  private readonly memories: MemoryRepository;
  private readonly peoplePolls: PeoplePollRepository;
  private readonly forks: ForkRepository;

  constructor(private readonly db: PrismaClient) {
    const nextId = createIdGenerator();
    this.tenants = new TenantRepository(db);
    this.panels = new PanelRepository(db, nextId);
    this.worlds = new WorldRepository(db, nextId);
    this.jobs = new JobRepository(db, nextId);
    this.memories = new MemoryRepository(db);
    this.peoplePolls = new PeoplePollRepository(db, nextId);
    this.forks = new ForkRepository(db, nextId);
  }

  listCheckpoints(tenantId: string, worldId: string): Promise<WorldCheckpoint[]> {
    return this.forks.listCheckpoints(tenantId, worldId);
  }

  forkWorld(tenantId: string, request: ForkRequest): Promise<WorldForkRecord> {
    return this.forks.forkWorld(tenantId, request);
  }

  setForkThread(tenantId: string, worldId: string, threadKey: string): Promise<void> {
    return this.forks.setForkThread(tenantId, worldId, threadKey);
  }

  getForkByThread(tenantId: string, channelKey: string, threadKey: string): Promise<WorldForkRecord | undefined> {
    return this.forks.getForkByThread(tenantId, channelKey, threadKey);
  }

  getFork(tenantId: string, worldId: string): Promise<WorldForkRecord | undefined> {
    return this.forks.getFork(tenantId, worldId);
  }

  listForks(tenantId: string, parentWorldId: string): Promise<WorldForkRecord[]> {
    return this.forks.listForks(tenantId, parentWorldId);
  }

  getWorldById(tenantId: string, worldId: string): Promise<WorldRecord | undefined> {
    return this.forks.getWorldById(tenantId, worldId);
  }

  loadMemories(tenantId: string, worldId: string, window: MemoryWindow): Promise<PersonaMemory[]> {
    return this.memories.loadMemories(tenantId, worldId, window);
  }

  commitStep(tenantId: string, commit: StepCommit): Promise<void> {
    return this.memories.commitStep(tenantId, commit);
  }

  ensureTenant(tenant: Tenant): Promise<Tenant> {
    return this.tenants.ensureTenant(tenant);
  }

  getCached(key: string): Promise<string | undefined> {
    return this.tenants.getCached(key);
  }

  putCached(key: string, value: string): Promise<void> {
    return this.tenants.putCached(key, value);
  }

  recordUsage(entry: UsageEntry): Promise<void> {
    return this.tenants.recordUsage(entry);
  }

  summarizeUsage(tenantId: string, filter?: { jobId?: string }): Promise<UsageSummary> {
    return this.tenants.summarizeUsage(tenantId, filter);
  }

  getValue(tenantId: string, key: string): Promise<unknown | undefined> {
    return this.tenants.getValue(tenantId, key);
  }

  setValue(tenantId: string, key: string, value: unknown): Promise<void> {
    return this.tenants.setValue(tenantId, key, value);
  }

  claimValue(tenantId: string, key: string, value: unknown, since: Date): Promise<unknown | undefined> {
    return this.tenants.claimValue(tenantId, key, value, since);
  }

  deleteValue(tenantId: string, key: string): Promise<void> {
    return this.tenants.deleteValue(tenantId, key);
  }

  expireValues(keyPrefix: string, before: Date): Promise<number> {
    return this.tenants.expireValues(keyPrefix, before);
  }

  expireCache(before: Date): Promise<number> {
    return this.tenants.expireCache(before);
  }

  createPanel(tenantId: string, panel: Omit<PanelRecord, 'id' | 'tenantId' | 'createdAt'>): Promise<PanelRecord> {
    return this.panels.createPanel(tenantId, panel);
  }

  getPanel(tenantId: string, name: string): Promise<PanelRecord | undefined> {
    return this.panels.getPanel(tenantId, name);
  }

  getPanelById(tenantId: string, id: string): Promise<PanelRecord | undefined> {
    return this.panels.getPanelById(tenantId, id);
  }

  listPanels(tenantId: string): Promise<PanelRecord[]> {
    return this.panels.listPanels(tenantId);
  }

  updatePanel(
    tenantId: string,
    id: string,
    patch: Partial<Pick<PanelRecord, 'weights' | 'meta' | 'description'>>,
  ): Promise<void> {
    return this.panels.updatePanel(tenantId, id, patch);
  }

  deletePanel(tenantId: string, name: string): Promise<boolean> {
    return this.panels.deletePanel(tenantId, name);
  }

  addPersonas(
    tenantId: string,
    panelId: string,
    personas: Omit<PersonaRecord, 'id' | 'tenantId' | 'panelId'>[],
  ): Promise<PersonaRecord[]> {
    return this.panels.addPersonas(tenantId, panelId, personas);
  }

  listPersonas(tenantId: string, panelId: string): Promise<PersonaRecord[]> {
    return this.panels.listPersonas(tenantId, panelId);
  }

  listPersonaNames(tenantId: string): Promise<string[]> {
    return this.panels.listPersonaNames(tenantId);
  }

  savePersonaState(
    tenantId: string,
    personaId: string,
    state: Record<string, unknown>,
    spec?: PersonaSpec,
  ): Promise<void> {
    return this.panels.savePersonaState(tenantId, personaId, state, spec);
  }

  seatPanel(tenantId: string, channelKey: string, panelId: string): Promise<WorldRecord> {
    return this.worlds.seatPanel(tenantId, channelKey, panelId);
  }

  getWorld(tenantId: string, channelKey: string): Promise<WorldRecord | undefined> {
    return this.worlds.getWorld(tenantId, channelKey);
  }

  saveWorldState(tenantId: string, worldId: string, state: Record<string, unknown>): Promise<void> {
    return this.worlds.saveWorldState(tenantId, worldId, state);
  }

  appendEvents(tenantId: string, worldId: string, events: WorldEvent[]): Promise<WorldEvent[]> {
    return this.worlds.appendEvents(tenantId, worldId, events);
  }

  listEvents(
    tenantId: string,
    worldId: string,
    filter?: { threadKey?: string; afterSeq?: number; limit?: number },
  ): Promise<WorldEvent[]> {
    return this.worlds.listEvents(tenantId, worldId, filter);
  }

  createJob(
    job: Omit<JobRecord, 'id' | 'createdAt' | 'updatedAt' | 'status'> & { status?: JobStatus },
  ): Promise<JobRecord> {
    return this.jobs.createJob(job);
  }

  getJob(tenantId: string, id: string): Promise<JobRecord | undefined> {
    return this.jobs.getJob(tenantId, id);
  }

  updateJob(
    tenantId: string,
    id: string,
    patch: Partial<Pick<JobRecord, 'status' | 'progress' | 'result' | 'error'>>,
  ): Promise<JobRecord> {
    return this.jobs.updateJob(tenantId, id, patch);
  }

  listJobsByStatus(statuses: JobStatus[]): Promise<JobRecord[]> {
    return this.jobs.listJobsByStatus(statuses);
  }

  listJobs(tenantId: string, limit?: number): Promise<JobRecord[]> {
    return this.jobs.listJobs(tenantId, limit);
  }

  findPost(tenantId: string, idempotencyKey: string): Promise<PostRecord | undefined> {
    return this.jobs.findPost(tenantId, idempotencyKey);
  }

  recordPost(post: PostRecord): Promise<PostRecord> {
    return this.jobs.recordPost(post);
  }

  listPosts(tenantId: string, channelKey: string, threadKey?: string): Promise<PostRecord[]> {
    return this.jobs.listPosts(tenantId, channelKey, threadKey);
  }

  postByPlatformId(tenantId: string, channelKey: string, platformId: string): Promise<PostRecord | undefined> {
    return this.jobs.postByPlatformId(tenantId, channelKey, platformId);
  }

  async close(): Promise<void> {
    await this.db.$disconnect();
  }

  createPeoplePoll: PeoplePollStore['createPeoplePoll'] = (poll) => this.peoplePolls.createPeoplePoll(poll);
  getPeoplePoll: PeoplePollStore['getPeoplePoll'] = (tenantId, id) => this.peoplePolls.getPeoplePoll(tenantId, id);
  listPeoplePolls: PeoplePollStore['listPeoplePolls'] = (tenantId, channelKey, threadKey) =>
    this.peoplePolls.listPeoplePolls(tenantId, channelKey, threadKey);
  findOpenPeoplePoll: PeoplePollStore['findOpenPeoplePoll'] = (tenantId, channelKey, threadKey) =>
    this.peoplePolls.findOpenPeoplePoll(tenantId, channelKey, threadKey);
  listTimedPeoplePolls: PeoplePollStore['listTimedPeoplePolls'] = () => this.peoplePolls.listTimedPeoplePolls();
  updatePeoplePoll: PeoplePollStore['updatePeoplePoll'] = (tenantId, id, patch) =>
    this.peoplePolls.updatePeoplePoll(tenantId, id, patch);
  closePeoplePoll: PeoplePollStore['closePeoplePoll'] = (tenantId, id, at) =>
    this.peoplePolls.closePeoplePoll(tenantId, id, at);
  castVote: PeoplePollStore['castVote'] = (vote) => this.peoplePolls.castVote(vote);
  listVotes: PeoplePollStore['listVotes'] = (tenantId, pollId) => this.peoplePolls.listVotes(tenantId, pollId);
  saveFidelityReport: FidelityStore['saveFidelityReport'] = (report) => this.peoplePolls.saveFidelityReport(report);
  listFidelityReports: FidelityStore['listFidelityReports'] = (tenantId, panelId) =>
    this.peoplePolls.listFidelityReports(tenantId, panelId);
}
