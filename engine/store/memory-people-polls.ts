import { cloneJson } from './json.js';
import type {
  FidelityReportRecord,
  FidelityStore,
  PeoplePollRecord,
  PeoplePollStore,
  PollVoteRecord,
} from './people-poll-ports.js';

/** People polls, votes and fidelity reports in memory, with the PrismaStore's semantics (for MemoryStore). */
export class MemoryPeoplePolls implements PeoplePollStore, FidelityStore {
  private readonly polls: PeoplePollRecord[] = [];
  private readonly votes: PollVoteRecord[] = [];
  private readonly reports: FidelityReportRecord[] = [];

  constructor(private readonly nextId: () => string) {}

  async createPeoplePoll(poll: Omit<PeoplePollRecord, 'id' | 'createdAt' | 'closedAt'>): Promise<PeoplePollRecord> {
    const record: PeoplePollRecord = { ...cloneJson(poll), id: this.nextId(), createdAt: new Date() };
    if (poll.closeAt) record.closeAt = new Date(poll.closeAt);
    this.polls.push(record);
    return copy(record);
  }

  async getPeoplePoll(tenantId: string, id: string): Promise<PeoplePollRecord | undefined> {
    const found = this.polls.find((poll) => poll.tenantId === tenantId && poll.id === id);
    return found && copy(found);
  }

  async listPeoplePolls(tenantId: string, channelKey: string, threadKey?: string): Promise<PeoplePollRecord[]> {
    return this.polls
      .filter(
        (poll) =>
          poll.tenantId === tenantId &&
          poll.channelKey === channelKey &&
          (threadKey === undefined || poll.threadKey === threadKey),
      )
      .map(copy);
  }

  async findOpenPeoplePoll(
    tenantId: string,
    channelKey: string,
    threadKey?: string,
  ): Promise<PeoplePollRecord | undefined> {
    const open = this.polls.filter(
      (poll) =>
        poll.tenantId === tenantId &&
        poll.channelKey === channelKey &&
        !poll.closedAt &&
        (threadKey === undefined || poll.threadKey === threadKey),
    );
    const last = open[open.length - 1];
    return last && copy(last);
  }

  async listTimedPeoplePolls(): Promise<PeoplePollRecord[]> {
    return this.polls.filter((poll) => poll.closeAt && !poll.closedAt).map(copy);
  }

  async updatePeoplePoll(
    tenantId: string,
    id: string,
    patch: Partial<Pick<PeoplePollRecord, 'jobId' | 'panelAnswers'>>,
  ): Promise<void> {
    const found = this.polls.find((poll) => poll.tenantId === tenantId && poll.id === id);
    if (found) Object.assign(found, cloneJson(patch));
  }

  async closePeoplePoll(tenantId: string, id: string, at: Date): Promise<boolean> {
    const found = this.polls.find((poll) => poll.tenantId === tenantId && poll.id === id);
    if (!found || found.closedAt) return false;
    found.closedAt = new Date(at);
    return true;
  }

  async castVote(vote: Omit<PollVoteRecord, 'votedAt'>): Promise<boolean> {
    const poll = this.polls.find((entry) => entry.tenantId === vote.tenantId && entry.id === vote.pollId);
    if (!poll || poll.closedAt) return false;
    const existing = this.votes.find(
      (entry) => entry.tenantId === vote.tenantId && entry.pollId === vote.pollId && entry.userId === vote.userId,
    );
    if (existing) Object.assign(existing, { option: vote.option, votedAt: new Date() });
    else this.votes.push({ ...vote, votedAt: new Date() });
    return true;
  }

  async listVotes(tenantId: string, pollId: string): Promise<PollVoteRecord[]> {
    return this.votes
      .filter((vote) => vote.tenantId === tenantId && vote.pollId === pollId)
      .map((vote) => ({ ...vote, votedAt: new Date(vote.votedAt) }));
  }

  async saveFidelityReport(report: Omit<FidelityReportRecord, 'id' | 'createdAt'>): Promise<FidelityReportRecord> {
    const record: FidelityReportRecord = { ...cloneJson(report), id: this.nextId(), createdAt: new Date() };
    this.reports.push(record);
    return { ...cloneJson(record), createdAt: new Date(record.createdAt) };
  }

  async listFidelityReports(tenantId: string, panelId: string): Promise<FidelityReportRecord[]> {
    return this.reports
      .filter((report) => report.tenantId === tenantId && report.panelId === panelId)
      .map((report) => ({ ...cloneJson(report), createdAt: new Date(report.createdAt) }));
  }
}

function copy(poll: PeoplePollRecord): PeoplePollRecord {
  const out: PeoplePollRecord = { ...cloneJson(poll), createdAt: new Date(poll.createdAt) };
  if (poll.closeAt) out.closeAt = new Date(poll.closeAt);
  if (poll.closedAt) out.closedAt = new Date(poll.closedAt);
  return out;
}
