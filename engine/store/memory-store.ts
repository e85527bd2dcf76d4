import type { PersonaSpec } from '../agent/persona-spec.js';
import type { WorldEvent } from '../agent/events.js';
import { createIdGenerator } from './ids.js';
import type { MemoryWindow, PersonaMemory, StepCommit } from './memory-rows.js';
import { cloneJson, compact } from './json.js';
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
} from './ports.js';
import { assertPersonaName } from './persona-names.js';
import { MemoryPeoplePolls } from './memory-people-polls.js';
import type { FidelityStore, PeoplePollStore } from './people-poll-ports.js';
import { notFound, panelExists } from './store-errors.js';
import { summarizeUsageEntries } from './usage-summary.js';
import type { ForkRequest, WorldCheckpoint, WorldForkRecord } from './fork-rows.js';
import { forkWorldKey } from './fork-errors.js';
import { MemoryForks } from './memory-forks.js';

interface WorldRow extends WorldRecord {
  seated: boolean;
  nextSeq: number;
}

/**
 * An in-memory `Store` with the same semantics as `PrismaStore` (the shared contract suite runs
 * against both), for unit tests of other modules. Values are copied in and out through JSON.
 *
 * @example
 *   const store = new MemoryStore();
 *   const panel = await store.createPanel('local', { name: 'parents', description: 'US parents' });
 */
export class MemoryStore implements Store {
  private readonly nextId = createIdGenerator();
  private readonly tenants = new Map<string, Tenant>();
  private readonly panels: PanelRecord[] = [];
  private readonly personas: PersonaRecord[] = [];
  private readonly worlds: WorldRow[] = [];
  private readonly events = new Map<string, WorldEvent[]>();
  private readonly jobs: JobRecord[] = [];
  private readonly posts: PostRecord[] = [];
  private readonly cache = new Map<string, { value: string; at: number }>();
  private readonly usage: UsageEntry[] = [];
  private readonly values = new Map<string, { text: string; at: number; key: string }>();
  /** Persona memory per (world, persona): the core and its append-only rows. */
  private readonly memories = new Map<string, { tenantId: string; worldId: string; memory: PersonaMemory }>();
  private readonly peoplePolls = new MemoryPeoplePolls(this.nextId);
  private readonly forks = new MemoryForks({
    worldState: (worldId) => cloneJson(this.worlds.find((w) => w.id === worldId)?.state),
    nextSeq: (worldId) => this.worlds.find((w) => w.id === worldId)?.nextSeq ?? 1,
    events: (worldId) => cloneJson(this.events.get(worldId) ?? []),
    memories: (worldId) =>
      cloneJson([...this.memories.values()].filter((entry) => entry.worldId === worldId).map((entry) => entry.memory)),
    cores: (worldId) =>
      cloneJson(
        Object.fromEntries(
          [...this.memories.values()]
            .filter((entry) => entry.worldId === worldId)
            .map((entry) => [entry.memory.personaId, entry.memory.core]),
        ),
      ),
    createWorld: (parentWorldId, request) => {
      const parent = this.worlds.find((w) => w.id === parentWorldId)!;
      const world: WorldRow = {
        id: this.nextId(),
        tenantId: parent.tenantId,
        channelKey: forkWorldKey(request.channelKey, request.key),
        panelId: parent.panelId,
        seated: true,
        nextSeq: 1,
      };
      this.worlds.push(world);
      return world.id;
    },
    writeWorld: (worldId, copy) => {
      const world = this.worlds.find((w) => w.id === worldId)!;
      this.events.set(worldId, cloneJson(copy.events));
      world.nextSeq = 1 + Math.max(0, ...copy.events.map((event) => event.seq ?? 0));
      if (copy.state) world.state = cloneJson(copy.state);
      for (const memory of copy.memories)
        this.memories.set(`${worldId}\u0000${memory.personaId}`, {
          tenantId: world.tenantId,
          worldId,
          memory: cloneJson(memory),
        });
    },
  });

  async ensureTenant(tenant: Tenant): Promise<Tenant> {
    const existing = this.tenants.get(tenant.id);
    const merged = compact({ ...existing, ...compact({ ...tenant }) });
    this.tenants.set(tenant.id, merged);
    return { ...merged };
  }

  async createPanel(tenantId: string, panel: Omit<PanelRecord, 'id' | 'tenantId' | 'createdAt'>): Promise<PanelRecord> {
    this.touchTenant(tenantId);
    if (this.panels.some((p) => p.tenantId === tenantId && p.name === panel.name)) throw panelExists(panel.name);
    const record: PanelRecord = compact({
      ...cloneJson(panel),
      id: this.nextId(),
      tenantId,
      createdAt: new Date().toISOString(),
    });
    this.panels.push(record);
    return cloneJson(record);
  }

  async getPanel(tenantId: string, name: string): Promise<PanelRecord | undefined> {
    return cloneJson(this.panels.find((p) => p.tenantId === tenantId && p.name === name));
  }

  async getPanelById(tenantId: string, id: string): Promise<PanelRecord | undefined> {
    return cloneJson(this.findPanel(tenantId, id));
  }

  async listPanels(tenantId: string): Promise<PanelRecord[]> {
    const own = this.panels.filter((p) => p.tenantId === tenantId);
    return cloneJson(own.sort((a, b) => byCodePoint(a.name, b.name)));
  }

  async updatePanel(
    tenantId: string,
    id: string,
    patch: Partial<Pick<PanelRecord, 'weights' | 'meta' | 'description'>>,
  ): Promise<void> {
    const panel = this.findPanel(tenantId, id);
    if (!panel) throw notFound('panel', id);
    Object.assign(panel, compact(cloneJson({ ...patch })));
  }

  async deletePanel(tenantId: string, name: string): Promise<boolean> {
    const panel = this.panels.find((p) => p.tenantId === tenantId && p.name === name);
    if (!panel) return false;
    removeWhere(this.panels, (p) => p === panel);
    removeWhere(this.personas, (p) => p.panelId === panel.id);
    for (const world of removeWhere(this.worlds, (w) => w.panelId === panel.id)) {
      this.events.delete(world.id);
      this.forks.drop(world.id);
      for (const [key, entry] of this.memories) if (entry.worldId === world.id) this.memories.delete(key);
    }
    return true;
  }

  async addPersonas(
    tenantId: string,
    panelId: string,
    personas: Omit<PersonaRecord, 'id' | 'tenantId' | 'panelId'>[],
  ): Promise<PersonaRecord[]> {
    for (const persona of personas) assertPersonaName(persona.name);
    if (!this.findPanel(tenantId, panelId)) throw notFound('panel', panelId);
    const records = personas.map((p) => compact({ ...cloneJson(p), id: this.nextId(), tenantId, panelId }));
    this.personas.push(...records);
    return cloneJson(records);
  }

  async listPersonas(tenantId: string, panelId: string): Promise<PersonaRecord[]> {
    return cloneJson(this.personas.filter((p) => p.tenantId === tenantId && p.panelId === panelId));
  }

  async listPersonaNames(tenantId: string): Promise<string[]> {
    const names = new Set(this.personas.filter((p) => p.tenantId === tenantId).map((p) => p.name));
    return [...names].sort(byCodePoint);
  }

  async savePersonaState(
    tenantId: string,
    personaId: string,
    state: Record<string, unknown>,
    spec?: PersonaSpec,
  ): Promise<void> {
    const persona = this.personas.find((p) => p.tenantId === tenantId && p.id === personaId);
    if (!persona) throw notFound('persona', personaId);
    persona.state = cloneJson(state);
    if (spec) {
      persona.spec = cloneJson(spec);
      delete persona.profile;
    }
  }

  async seatPanel(tenantId: string, channelKey: string, panelId: string): Promise<WorldRecord> {
    if (!this.findPanel(tenantId, panelId)) throw notFound('panel', panelId);
    const inChannel = this.worlds.filter((w) => w.tenantId === tenantId && w.channelKey === channelKey);
    for (const world of inChannel) world.seated = false;
    let world = inChannel.find((w) => w.panelId === panelId);
    if (!world) {
      world = { id: this.nextId(), tenantId, channelKey, panelId, seated: true, nextSeq: 1 };
      this.worlds.push(world);
    }
    world.seated = true;
    return toWorldRecord(world);
  }

  async getWorld(tenantId: string, channelKey: string): Promise<WorldRecord | undefined> {
    const world = this.worlds.find((w) => w.tenantId === tenantId && w.channelKey === channelKey && w.seated);
    return world && toWorldRecord(world);
  }

  async saveWorldState(tenantId: string, worldId: string, state: Record<string, unknown>): Promise<void> {
    const world = this.findWorld(tenantId, worldId);
    if (!world) throw notFound('world', worldId);
    world.state = cloneJson(state);
  }

  async appendEvents(tenantId: string, worldId: string, events: WorldEvent[]): Promise<WorldEvent[]> {
    const world = this.findWorld(tenantId, worldId);
    if (!world) throw notFound('world', worldId);
    const now = new Date().toISOString();
    const stored = events.map((e) =>
      compact({
        ...cloneJson(e),
        seq: world.nextSeq++,
        createdAt: e.createdAt ? new Date(e.createdAt).toISOString() : now,
      }),
    );
    const log = this.events.get(worldId) ?? [];
    log.push(...stored);
    this.events.set(worldId, log);
    return cloneJson(stored);
  }

  async listEvents(
    tenantId: string,
    worldId: string,
    filter: { threadKey?: string; afterSeq?: number; limit?: number } = {},
  ): Promise<WorldEvent[]> {
    if (!this.findWorld(tenantId, worldId)) return [];
    const matching = (this.events.get(worldId) ?? []).filter(
      (e) =>
        (filter.threadKey === undefined || e.threadKey === filter.threadKey) && (e.seq ?? 0) > (filter.afterSeq ?? 0),
    );
    return cloneJson(filter.limit === undefined ? matching : matching.slice(0, filter.limit));
  }

  async loadMemories(tenantId: string, worldId: string, window: MemoryWindow): Promise<PersonaMemory[]> {
    const own = [...this.memories.values()].filter((entry) => entry.tenantId === tenantId && entry.worldId === worldId);
    return cloneJson(
      own.map(({ memory }) => {
        const total = (memory.core as { episodic?: { total?: number } }).episodic?.total ?? 0;
        const tailFrom = Math.max(window.prefix, total - window.recent);
        return {
          ...memory,
          episodes: memory.episodes.filter((row) => row.ordinal < window.prefix || row.ordinal >= tailFrom),
          semantic: memory.semantic.slice(-window.semantic),
        };
      }),
    );
  }

  async commitStep(tenantId: string, commit: StepCommit): Promise<void> {
    // Check everything first so that a failing commit changes nothing (like the database transaction).
    const world = this.findWorld(tenantId, commit.worldId);
    if (!world) throw notFound('world', commit.worldId);
    for (const delta of commit.memories)
      if (!this.personas.some((p) => p.tenantId === tenantId && p.id === delta.personaId))
        throw notFound('persona', delta.personaId);
    if (commit.job && !this.jobs.some((j) => j.tenantId === tenantId && j.id === commit.job!.id))
      throw notFound('job', commit.job.id);
    const fromSeq = world.nextSeq;
    await this.appendEvents(tenantId, commit.worldId, commit.events);
    for (const delta of cloneJson(commit.memories)) {
      const key = `${commit.worldId}\u0000${delta.personaId}`;
      const entry = this.memories.get(key) ?? {
        tenantId,
        worldId: commit.worldId,
        memory: { personaId: delta.personaId, core: {}, episodes: [], semantic: [] },
      };
      entry.memory.core = delta.core;
      entry.memory.episodes.push(...delta.newEpisodes);
      entry.memory.semantic.push(...delta.newSemantic);
      for (const { ordinal, vector } of delta.vectors) {
        const item = entry.memory.semantic.find((row) => row.ordinal === ordinal);
        if (item) item.vector = vector;
      }
      this.memories.set(key, entry);
    }
    world.state = cloneJson(commit.worldState);
    if (commit.job) await this.updateJob(tenantId, commit.job.id, { result: commit.job.result });
    this.forks.record(commit.worldId, commit, fromSeq);
  }

  async listCheckpoints(tenantId: string, worldId: string): Promise<WorldCheckpoint[]> {
    return this.findWorld(tenantId, worldId) ? this.forks.list(worldId) : [];
  }

  async forkWorld(tenantId: string, request: ForkRequest): Promise<WorldForkRecord> {
    if (!this.findWorld(tenantId, request.parentWorldId)) throw notFound('world', request.parentWorldId);
    return this.forks.fork(tenantId, request);
  }

  async setForkThread(tenantId: string, worldId: string, threadKey: string): Promise<void> {
    if (!this.forks.setThread(tenantId, worldId, threadKey)) throw notFound('world', worldId);
  }

  async getForkByThread(tenantId: string, channelKey: string, threadKey: string): Promise<WorldForkRecord | undefined> {
    return this.forks.byThread(tenantId, channelKey, threadKey);
  }

  async getFork(tenantId: string, worldId: string): Promise<WorldForkRecord | undefined> {
    return this.forks.byWorld(tenantId, worldId);
  }

  async listForks(tenantId: string, parentWorldId: string): Promise<WorldForkRecord[]> {
    return this.forks.children(tenantId, parentWorldId);
  }

  async getWorldById(tenantId: string, worldId: string): Promise<WorldRecord | undefined> {
    const world = this.findWorld(tenantId, worldId);
    return world && toWorldRecord(world);
  }

  async createJob(
    job: Omit<JobRecord, 'id' | 'createdAt' | 'updatedAt' | 'status'> & { status?: JobStatus },
  ): Promise<JobRecord> {
    this.touchTenant(job.tenantId);
    const now = new Date().toISOString();
    const record: JobRecord = compact({
      ...cloneJson(job),
      status: job.status ?? 'queued',
      id: this.nextId(),
      createdAt: now,
      updatedAt: now,
    });
    this.jobs.push(record);
    return cloneJson(record);
  }

  async getJob(tenantId: string, id: string): Promise<JobRecord | undefined> {
    return cloneJson(this.jobs.find((j) => j.tenantId === tenantId && j.id === id));
  }

  async updateJob(
    tenantId: string,
    id: string,
    patch: Partial<Pick<JobRecord, 'status' | 'progress' | 'result' | 'error'>>,
  ): Promise<JobRecord> {
    const job = this.jobs.find((j) => j.tenantId === tenantId && j.id === id);
    if (!job) throw notFound('job', id);
    Object.assign(job, compact(cloneJson({ ...patch })), { updatedAt: new Date().toISOString() });
    return cloneJson(job);
  }

  async listJobsByStatus(statuses: JobStatus[]): Promise<JobRecord[]> {
    return cloneJson(this.jobs.filter((j) => statuses.includes(j.status)));
  }

  async listJobs(tenantId: string, limit?: number): Promise<JobRecord[]> {
    const newestFirst = this.jobs.filter((j) => j.tenantId === tenantId).reverse();
    return cloneJson(limit === undefined ? newestFirst : newestFirst.slice(0, limit));
  }

  async findPost(tenantId: string, idempotencyKey: string): Promise<PostRecord | undefined> {
    return cloneJson(this.posts.find((p) => p.tenantId === tenantId && p.idempotencyKey === idempotencyKey));
  }

  async recordPost(post: PostRecord): Promise<PostRecord> {
    this.touchTenant(post.tenantId);
    const existing = this.posts.find((p) => p.tenantId === post.tenantId && p.idempotencyKey === post.idempotencyKey);
    if (existing) {
      // A reservation recorded before posting gets its platform id once the post went out.
      if (existing.platformId === undefined && post.platformId !== undefined) existing.platformId = post.platformId;
      return cloneJson(existing);
    }
    const record = compact({ ...cloneJson(post), createdAt: new Date(post.createdAt ?? Date.now()).toISOString() });
    this.posts.push(record);
    return cloneJson(record);
  }

  async postByPlatformId(tenantId: string, channelKey: string, platformId: string): Promise<PostRecord | undefined> {
    const post = this.posts.find(
      (p) => p.tenantId === tenantId && p.channelKey === channelKey && p.platformId === platformId,
    );
    return post ? cloneJson(post) : undefined;
  }

  async listPosts(tenantId: string, channelKey: string, threadKey?: string): Promise<PostRecord[]> {
    return cloneJson(
      this.posts.filter(
        (p) =>
          p.tenantId === tenantId &&
          p.channelKey === channelKey &&
          (threadKey === undefined || p.threadKey === threadKey),
      ),
    );
  }

  async getCached(key: string): Promise<string | undefined> {
    return this.cache.get(key)?.value;
  }

  async putCached(key: string, value: string): Promise<void> {
    this.cache.set(key, { value, at: Date.now() });
  }

  async recordUsage(entry: UsageEntry): Promise<void> {
    this.touchTenant(entry.tenantId);
    this.usage.push(cloneJson(entry));
  }

  async summarizeUsage(tenantId: string, filter: { jobId?: string } = {}): Promise<UsageSummary> {
    return summarizeUsageEntries(
      this.usage.filter((u) => u.tenantId === tenantId && (filter.jobId === undefined || u.jobId === filter.jobId)),
    );
  }

  async getValue(tenantId: string, key: string): Promise<unknown | undefined> {
    const entry = this.values.get(valueKey(tenantId, key));
    return entry === undefined ? undefined : JSON.parse(entry.text);
  }

  async setValue(tenantId: string, key: string, value: unknown): Promise<void> {
    this.touchTenant(tenantId);
    this.values.set(valueKey(tenantId, key), { text: JSON.stringify(value ?? null), at: Date.now(), key });
  }

  async claimValue(tenantId: string, key: string, value: unknown, since: Date): Promise<unknown | undefined> {
    const entry = this.values.get(valueKey(tenantId, key));
    if (entry && entry.at >= since.getTime()) return JSON.parse(entry.text);
    await this.setValue(tenantId, key, value);
    return undefined;
  }

  async deleteValue(tenantId: string, key: string): Promise<void> {
    this.values.delete(valueKey(tenantId, key));
  }

  async expireValues(keyPrefix: string, before: Date): Promise<number> {
    let count = 0;
    for (const [slot, entry] of this.values)
      if (entry.key.startsWith(keyPrefix) && entry.at < before.getTime()) {
        this.values.delete(slot);
        count++;
      }
    return count;
  }

  async expireCache(before: Date): Promise<number> {
    let count = 0;
    for (const [key, entry] of this.cache)
      if (entry.at < before.getTime()) {
        this.cache.delete(key);
        count++;
      }
    return count;
  }

  async close(): Promise<void> {}

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

  /** Rows may be written for a tenant nobody registered yet; like PrismaStore, create it as `local`. */
  private touchTenant(tenantId: string): void {
    if (!this.tenants.has(tenantId)) this.tenants.set(tenantId, { id: tenantId, platform: 'local' });
  }

  private findPanel(tenantId: string, id: string): PanelRecord | undefined {
    return this.panels.find((p) => p.tenantId === tenantId && p.id === id);
  }

  private findWorld(tenantId: string, id: string): WorldRow | undefined {
    return this.worlds.find((w) => w.tenantId === tenantId && w.id === id);
  }
}

function toWorldRecord(world: WorldRow): WorldRecord {
  const { seated: _seated, nextSeq: _nextSeq, ...record } = world;
  return cloneJson(compact(record));
}

/** Binary order, as the database sorts text (locale-independent). */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function valueKey(tenantId: string, key: string): string {
  return JSON.stringify([tenantId, key]);
}

function removeWhere<T>(items: T[], predicate: (item: T) => boolean): T[] {
  const removed: T[] = [];
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i])) removed.unshift(...items.splice(i, 1));
  return removed;
}
