import type { CompactProfileTask } from '../engine/agent/compact-profile/tasks.js';
import { randomBytes } from 'node:crypto';
import { UserInputError } from '../engine/errors.js';
import { MeteredModel } from '../engine/llm/metered-model.js';
import type { LanguageModel } from '../engine/llm/port.js';
import type { RetryNotices } from '../engine/llm/retry-notices.js';
import type { PriceTable } from '../engine/llm/prices.js';
import type { Store } from '../engine/store/ports.js';
import type { Command } from './grammar/command-types.js';
import { CommandParser } from './grammar/parse.js';
import { inputLimitFor } from './grammar/raw-json.js';
import { checkRawInput } from './grammar/tokenize.js';
import { dispatch } from './dispatch.js';
import type { DispatchContext, HandleOutcome, WorkEstimate } from './dispatch-context.js';
import { BudgetLedger } from './jobs/budget-ledger.js';
import { estimateWork, formatEstimate, type Estimate } from './jobs/estimate.js';
import { priceWork } from './jobs/cost-assumptions.js';
import { EXPIRY, type PurgeReport, purgeExpired } from './jobs/expiry.js';
import { type JobRole, JobRunner, type RecoveryReport } from './jobs/job-runner.js';
import type { JobQueue } from './jobs/job-queue.js';
import { IdempotentPoster } from './jobs/poster.js';
import { showRetries } from './jobs/retry-progress.js';
import { jobKinds } from './job-kinds.js';
import type { ChatSink, Conversation, Reply } from './reply.js';
import type { Log } from './log.js';
import { CommandRateLimiter, type RateLimits } from './rate-limit.js';
import { errorReply } from './replies.js';
import { addressedPersona } from './session/addressing.js';
import { PeoplePolls } from './poll-with-people/people-polls.js';
import type { PeoplePollClock } from './poll-with-people/people-poll-clock.js';
import type { UploadedFile } from '../personas/uploads.js';

/** Per-tenant limits, from the configuration (`AppConfig.troupe`). */
export interface CommandLimits {
  maxPanelSize: number;
  maxConcurrentJobs: number;
  /** Total tokens a tenant may spend; commands are refused once it is spent. */
  tokenBudget?: number;
  /** Commands estimated above this many USD ask for `/confirm` first. */
  confirmAboveUsd?: number;
  /** Most rounds of a brainstorm (default 10). */
  maxRounds?: number;
  /** Per-user and per-tenant command rate limits (none when absent; Slack sets `DEFAULT_RATE_LIMITS`). */
  rate?: RateLimits;
  /** Cheap tasks that read compact profiles (`LLM_COMPACT_PROFILE`); profiles are written at creation when any does. */
  compactProfile?: readonly CompactProfileTask[];
}

export interface CommandServiceOptions {
  store: Store;
  model: LanguageModel;
  sink: ChatSink;
  limits: CommandLimits;
  /** Price table for estimates (defaults to the LLM layer's list prices). */
  prices?: PriceTable;
  /** Answers are posted compact (several personas per message) above this many personas (default 20). */
  compactAnswersAbove?: number;
  /** The model's retry announcements, shown on job progress (defaults to the MeteredModel's own). */
  retryNotices?: RetryNotices;
  /** Where internal errors are logged (with the id the channel is shown); silent by default. */
  log?: Log;
  /** Time and timers of people polls (tests move time on; defaults to the wall clock). */
  peoplePollClock?: PeoplePollClock;
  /** Jobs through a queue shared by web and worker processes (PostgreSQL); in this process without it. */
  jobQueue?: { queue: JobQueue; role: JobRole };
}

export type { HandleOutcome, WorkEstimate } from './dispatch-context.js';

/**
 * The platform-neutral command layer: parses a message, runs the handler, and posts the replies
 * through the ChatSink. Slow commands become jobs. Every adapter (local terminal, Slack, …) calls
 * `handle` for a message in a channel or thread; a plain message in a thread is a follow-up.
 *
 * @example
 *   const service = new CommandService({ store, model, sink, limits: { maxPanelSize: 50, maxConcurrentJobs: 3 } });
 *   await service.recoverJobs();
 *   await service.handle({ tenantId: 'local', channelKey: 'local:main', userId: 'me' }, '/panel create 5 US parents');
 */
export class CommandService implements DispatchContext {
  readonly parser: CommandParser;
  readonly poster: IdempotentPoster;
  readonly runner: JobRunner;
  readonly peoplePolls: PeoplePolls;
  private readonly rateLimiter?: CommandRateLimiter;
  /** Confirmations being started right now (tenant + key). */
  private readonly confirming = new Set<string>();
  /** Token-budget reservations of the jobs running in this process. */
  readonly budget: BudgetLedger;

  constructor(readonly options: CommandServiceOptions) {
    if (options.limits.rate) this.rateLimiter = new CommandRateLimiter(options.limits.rate);
    this.parser = new CommandParser({
      maxPanelSize: options.limits.maxPanelSize,
      maxRounds: options.limits.maxRounds ?? 10,
    });
    this.poster = new IdempotentPoster(options.store, options.sink);
    this.budget = new BudgetLedger(options.store, options.limits.tokenBudget);
    this.peoplePolls = new PeoplePolls({
      store: options.store,
      poster: this.poster,
      clock: options.peoplePollClock,
      log: options.log,
    });
    const notices = options.retryNotices ?? (options.model instanceof MeteredModel ? options.model.notices : undefined);
    this.runner = new JobRunner({
      hooks: {
        started: (job, context) => {
          const stop = notices && context.annotate ? showRetries(notices, job.id, context.annotate) : undefined;
          return () => {
            stop?.();
            this.budget.release(job.id);
          };
        },
        checkpoint: (job) => this.budget.checkpoint(job.tenantId, job.id),
      },
      jobs: options.store,
      poster: this.poster,
      kinds: jobKinds({
        store: options.store,
        model: options.model,
        maxPanelSize: options.limits.maxPanelSize,
        compactAnswersAbove: options.compactAnswersAbove,
        compactProfile: options.limits.compactProfile,
        peoplePolls: this.peoplePolls,
      }),
      maxConcurrentJobs: options.limits.maxConcurrentJobs,
      log: options.log,
      queue: options.jobQueue?.queue,
      role: options.jobQueue?.role,
    });
  }

  /**
   * Handles one message: a `/command`, or a plain message (a follow-up in a thread, a question in the
   * channel). `files` are what the message carried (uploads, or a path in the local chat), already read.
   */
  async handle(named: Conversation, text: string, files: readonly UploadedFile[] = []): Promise<HandleOutcome> {
    let command: Command | undefined;
    // A person's name goes no further than a vote (kept there only where the workspace allows it).
    const { userName: _name, ...conversation } = named;
    try {
      checkRawInput(text, '/help', inputLimitFor(text));
      command = CommandParser.isCommand(text) ? this.parser.parse(text) : await this.plainMessage(conversation, text);
      this.rateLimiter?.admit(conversation, command);
      return {
        ...(await dispatch(this, command.name === 'vote' ? named : conversation, command, text, files)),
        command,
      };
    } catch (error) {
      await this.poster.post(conversation, errorReply(error, this.options.log));
      return { ok: false, command, error };
    }
  }

  /** Posts a reply in the conversation (recorded with a fresh key unless ephemeral). */
  async reply(conversation: Conversation, reply: Reply): Promise<void> {
    await this.poster.post(conversation, reply);
  }

  /**
   * Starts a job after checking the token budget and estimating its cost; above the confirmation
   * threshold it asks for `/confirm <id>` instead.
   */
  async startJob(
    conversation: Conversation,
    kind: string,
    input: Record<string, unknown>,
    commandText: string,
    work: WorkEstimate,
    confirmed = false,
  ): Promise<HandleOutcome> {
    const estimate = priceWork(work, this.options.model, this.options.prices);
    const hold = await this.budget.reserve(conversation.tenantId, tokensOf(estimate));
    const threshold = this.options.limits.confirmAboveUsd;
    if (!confirmed && threshold !== undefined && estimate.costUsd > threshold) {
      hold.release();
      const confirmId = randomBytes(3).toString('hex');
      await this.options.store.setValue(conversation.tenantId, `confirm:${confirmId}`, {
        createdAt: Date.now(),
        kind,
        input,
        commandText,
        conversation,
        work,
      });
      const text = `This will cost about ${formatEstimate(estimate)} (${estimate.assumptions}) — above the $${threshold} confirmation threshold. Type /confirm ${confirmId} to run it.`;
      await this.poster.post(conversation, { kind: 'confirm', text, confirmId, speaker: { kind: 'bot' } });
      return { ok: true, confirmId };
    }
    try {
      const job = await this.runner.start(kind, input, conversation, { commandText, note: formatEstimate(estimate) });
      hold.bind(job.id);
      return { ok: true, jobId: job.id, estimate };
    } catch (error) {
      hold.release();
      throw error;
    }
  }

  /** Runs a command waiting for confirmation. */
  async confirm(conversation: Conversation, confirmId: string): Promise<HandleOutcome> {
    const key = `confirm:${confirmId}`;
    const pending = (await this.options.store.getValue(conversation.tenantId, key)) as
      | {
          kind: string;
          input: Record<string, unknown>;
          commandText: string;
          conversation: Conversation;
          work: WorkEstimate;
        }
      | undefined;
    const slot = `${conversation.tenantId}\u0000${key}`;
    const createdAt = (pending as { createdAt?: number } | undefined)?.createdAt;
    if (pending && createdAt !== undefined && Date.now() - createdAt > EXPIRY.confirms.ttlMs) {
      await this.options.store.deleteValue(conversation.tenantId, key);
      throw new UserInputError(
        'confirm.expired',
        `The confirmation "${confirmId}" expired (older than an hour); run the command again.`,
        pending.commandText,
      );
    }
    if (!pending || this.confirming.has(slot))
      throw new UserInputError(
        'confirm.unknown',
        `Nothing is waiting for confirmation under "${confirmId}" (it may have run already).`,
        '/confirm a1b2c3',
      );
    // Claimed while starting (a double click runs it once); removed only once the job started, so a
    // refusal (job limit, budget) leaves the same /confirm usable later.
    this.confirming.add(slot);
    try {
      const outcome = await this.startJob(
        pending.conversation,
        pending.kind,
        pending.input,
        pending.commandText,
        pending.work,
        true,
      );
      await this.options.store.deleteValue(conversation.tenantId, key);
      return outcome;
    } finally {
      this.confirming.delete(slot);
    }
  }

  /** At start-up: resumes or reports jobs a previous process left unfinished. */
  async recoverJobs(): Promise<RecoveryReport> {
    await this.purgeExpired();
    const report = await this.runner.recover();
    await this.peoplePolls.recover();
    return report;
  }

  /** Deletes expired event-dedupe keys, pending confirmations and LLM cache rows (run at start-up and hourly). */
  purgeExpired(): Promise<PurgeReport> {
    return purgeExpired(this.options.store);
  }

  /** Resolves when no job is running. */
  whenIdle(): Promise<void> {
    return this.runner.whenIdle();
  }

  /** Stops running jobs without marking them finished (the next start resumes them). */
  shutdown(): void {
    this.runner.abortAll();
    this.peoplePolls.stop();
  }

  /** Refuses work that the tenant's token budget cannot cover (for model calls made outside a job). */
  async checkBudgetFor(tenantId: string, work: WorkEstimate): Promise<void> {
    await this.checkBudget(tenantId, estimateWork(work, this.options.model.name, this.options.prices));
  }

  private async checkBudget(tenantId: string, estimate: Estimate): Promise<void> {
    (await this.budget.reserve(tenantId, tokensOf(estimate))).release();
  }

  private async plainMessage(conversation: Conversation, text: string): Promise<Command> {
    const trimmed = text.trim();
    if (!trimmed) throw new UserInputError('message.empty', 'The message is empty.', '/help');
    if (!conversation.threadKey) return { name: 'panel.ask', question: trimmed };
    const persona =
      conversation.addressedPersona ?? (await addressedPersona(this.options.store, conversation, trimmed));
    return { name: 'followup', text: trimmed, persona };
  }
}

function tokensOf(estimate: Estimate): number {
  return estimate.inputTokens + estimate.outputTokens;
}
