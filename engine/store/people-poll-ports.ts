/**
 * Persistence of polls the people in a channel answer beside the panel, their votes, and fidelity
 * reports (a panel scored against a real survey). Votes carry the platform user id only, never a name.
 */

/** A poll open to the humans of a channel; `closeAt` survives a restart so the timer can be re-armed. */
export interface PeoplePollRecord {
  id: string;
  tenantId: string;
  channelKey: string;
  threadKey?: string;
  /** The engine's poll definition (JSON). */
  poll: Record<string, unknown>;
  /** The option labels people vote on, in order (`/vote 2` is the second). */
  options: string[];
  /** The job whose panel answers this poll. */
  jobId?: string;
  /** The panel's answers once its job finished (JSON), so the result can be shown at close. */
  panelAnswers?: Record<string, unknown>[];
  createdBy: string;
  createdAt: Date;
  closeAt?: Date;
  closedAt?: Date;
}

/** One person's current vote (changeable until the poll closes). */
export interface PollVoteRecord {
  tenantId: string;
  pollId: string;
  /** Platform user id. */
  userId: string;
  option: string;
  votedAt: Date;
}

/** A stored fidelity report: its headline figures for `/fidelity history`, and the whole report (JSON). */
export interface FidelityReportRecord {
  id: string;
  tenantId: string;
  panelId: string;
  createdAt: Date;
  /** e.g. `direct` or `ssr`. */
  method: string;
  questions: number;
  /** Mean KS similarity over the ordinal questions (null when none). */
  meanKsSimilarity: number | null;
  meanJsd: number;
  report: Record<string, unknown>;
}

/**
 * People polls and votes.
 *
 * @example
 *   const poll = await store.createPeoplePoll({ tenantId: 'T1', channelKey: 'C1', poll, options: ['yes', 'no'], createdBy: 'U1' });
 *   await store.castVote({ tenantId: 'T1', pollId: poll.id, userId: 'U2', option: 'yes' });
 */
export interface PeoplePollStore {
  createPeoplePoll(poll: Omit<PeoplePollRecord, 'id' | 'createdAt' | 'closedAt'>): Promise<PeoplePollRecord>;
  getPeoplePoll(tenantId: string, id: string): Promise<PeoplePollRecord | undefined>;
  /** The most recent open poll of a channel (and thread, when given). */
  findOpenPeoplePoll(tenantId: string, channelKey: string, threadKey?: string): Promise<PeoplePollRecord | undefined>;
  /** Every people poll of a channel (or of one thread of it), open or closed, oldest first (for `/export`). */
  listPeoplePolls(tenantId: string, channelKey: string, threadKey?: string): Promise<PeoplePollRecord[]>;
  /** Open polls of every tenant that have a close time (re-armed at start-up). */
  listTimedPeoplePolls(): Promise<PeoplePollRecord[]>;
  updatePeoplePoll(
    tenantId: string,
    id: string,
    patch: Partial<Pick<PeoplePollRecord, 'jobId' | 'panelAnswers'>>,
  ): Promise<void>;
  /** Marks the poll closed; true only for the call that closed it (a second close, or a race, gets false). */
  closePeoplePoll(tenantId: string, id: string, at: Date): Promise<boolean>;
  /** Records or replaces a person's vote; refused (false) once the poll is closed. */
  castVote(vote: Omit<PollVoteRecord, 'votedAt'>): Promise<boolean>;
  listVotes(tenantId: string, pollId: string): Promise<PollVoteRecord[]>;
}

/**
 * Fidelity reports per panel, newest last.
 *
 * @example
 *   await store.saveFidelityReport({ tenantId: 'T1', panelId: 'p1', method: 'direct', questions: 3, meanKsSimilarity: 0.8, meanJsd: 0.2, report });
 */
export interface FidelityStore {
  saveFidelityReport(report: Omit<FidelityReportRecord, 'id' | 'createdAt'>): Promise<FidelityReportRecord>;
  listFidelityReports(tenantId: string, panelId: string): Promise<FidelityReportRecord[]>;
}
