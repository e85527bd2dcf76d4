import type {
  FidelityReportRecord,
  FidelityStore,
  PeoplePollRecord,
  PeoplePollStore,
  PollVoteRecord,
} from '../engine/store/people-poll-ports.js';
import { type PrismaClient, touchTenant } from './db.js';

type PollRow = Awaited<ReturnType<PrismaClient['peoplePoll']['findFirst']>> & {};

function toRecord(row: PollRow): PeoplePollRecord {
  const record: PeoplePollRecord = {
    id: row.id,
    tenantId: row.tenantId,
    channelKey: row.channelKey,
    poll: JSON.parse(row.poll),
    options: JSON.parse(row.options),
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
  if (row.threadKey) record.threadKey = row.threadKey;
  if (row.jobId) record.jobId = row.jobId;
  if (row.panelAnswers) record.panelAnswers = JSON.parse(row.panelAnswers);
  if (row.closeAt) record.closeAt = row.closeAt;
  if (row.closedAt) record.closedAt = row.closedAt;
  return record;
}

/** People polls, their votes and fidelity reports in SQLite (see `engine/store/people-poll-ports.ts`). */
export class PeoplePollRepository implements PeoplePollStore, FidelityStore {
  constructor(
    private readonly db: PrismaClient,
    private readonly nextId: () => string,
  ) {}

  async createPeoplePoll(poll: Omit<PeoplePollRecord, 'id' | 'createdAt' | 'closedAt'>): Promise<PeoplePollRecord> {
    await touchTenant(this.db, poll.tenantId);
    const row = await this.db.peoplePoll.create({
      data: {
        id: this.nextId(),
        tenantId: poll.tenantId,
        channelKey: poll.channelKey,
        threadKey: poll.threadKey ?? null,
        poll: JSON.stringify(poll.poll),
        options: JSON.stringify(poll.options),
        jobId: poll.jobId ?? null,
        panelAnswers: poll.panelAnswers ? JSON.stringify(poll.panelAnswers) : null,
        createdBy: poll.createdBy,
        closeAt: poll.closeAt ?? null,
      },
    });
    return toRecord(row);
  }

  async getPeoplePoll(tenantId: string, id: string): Promise<PeoplePollRecord | undefined> {
    const row = await this.db.peoplePoll.findFirst({ where: { tenantId, id } });
    return row ? toRecord(row) : undefined;
  }

  async listPeoplePolls(tenantId: string, channelKey: string, threadKey?: string): Promise<PeoplePollRecord[]> {
    const rows = await this.db.peoplePoll.findMany({
      where: { tenantId, channelKey, ...(threadKey !== undefined ? { threadKey } : {}) },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toRecord);
  }

  async findOpenPeoplePoll(
    tenantId: string,
    channelKey: string,
    threadKey?: string,
  ): Promise<PeoplePollRecord | undefined> {
    const row = await this.db.peoplePoll.findFirst({
      where: { tenantId, channelKey, closedAt: null, ...(threadKey !== undefined ? { threadKey } : {}) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
    return row ? toRecord(row) : undefined;
  }

  async listTimedPeoplePolls(): Promise<PeoplePollRecord[]> {
    const rows = await this.db.peoplePoll.findMany({ where: { closedAt: null, closeAt: { not: null } } });
    return rows.map(toRecord);
  }

  async updatePeoplePoll(
    tenantId: string,
    id: string,
    patch: Partial<Pick<PeoplePollRecord, 'jobId' | 'panelAnswers'>>,
  ): Promise<void> {
    await this.db.peoplePoll.updateMany({
      where: { tenantId, id },
      data: {
        ...(patch.jobId !== undefined ? { jobId: patch.jobId } : {}),
        ...(patch.panelAnswers !== undefined ? { panelAnswers: JSON.stringify(patch.panelAnswers) } : {}),
      },
    });
  }

  async closePeoplePoll(tenantId: string, id: string, at: Date): Promise<boolean> {
    const { count } = await this.db.peoplePoll.updateMany({
      where: { tenantId, id, closedAt: null },
      data: { closedAt: at },
    });
    return count === 1;
  }

  async castVote(vote: Omit<PollVoteRecord, 'votedAt'>): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const open = await tx.peoplePoll.findFirst({
        where: { tenantId: vote.tenantId, id: vote.pollId, closedAt: null },
      });
      if (!open) return false;
      const key = { tenantId: vote.tenantId, pollId: vote.pollId, userId: vote.userId };
      await tx.pollVote.upsert({
        where: { tenantId_pollId_userId: key },
        create: { ...key, option: vote.option },
        update: { option: vote.option, votedAt: new Date() },
      });
      return true;
    });
  }

  async listVotes(tenantId: string, pollId: string): Promise<PollVoteRecord[]> {
    const rows = await this.db.pollVote.findMany({ where: { tenantId, pollId }, orderBy: { votedAt: 'asc' } });
    return rows.map((row) => ({ ...row }));
  }

  async saveFidelityReport(report: Omit<FidelityReportRecord, 'id' | 'createdAt'>): Promise<FidelityReportRecord> {
    await touchTenant(this.db, report.tenantId);
    const row = await this.db.fidelityReport.create({
      data: { ...report, id: this.nextId(), report: JSON.stringify(report.report) },
    });
    return { ...row, report: JSON.parse(row.report) };
  }

  async listFidelityReports(tenantId: string, panelId: string): Promise<FidelityReportRecord[]> {
    const rows = await this.db.fidelityReport.findMany({
      where: { tenantId, panelId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map((row) => ({ ...row, report: JSON.parse(row.report) }));
  }
}
