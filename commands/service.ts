import { randomBytes } from 'node:crypto';
import { UserInputError } from '../engine/errors.js';
import type { LanguageModel } from '../engine/llm/port.js';
import type { PriceTable } from '../engine/llm/prices.js';
import type { Store } from '../engine/store/ports.js';
import type { Command } from './grammar/command-types.js';
import { CommandParser } from './grammar/parse.js';
import { checkRawInput } from './grammar/tokenize.js';
import { dispatch } from './dispatch.js';
import { estimateWork, formatEstimate, type Estimate } from './jobs/estimate.js';
import { JobRunner, type RecoveryReport } from './jobs/job-runner.js';
import { IdempotentPoster } from './jobs/poster.js';
import { jobKinds } from './job-kinds.js';
import type { ChatSink, Conversation, Reply } from './reply.js';
import type { Log } from './log.js';
import { CommandRateLimiter, type RateLimits } from './rate-limit.js';
import { errorReply } from './replies.js';
import { addressedPersona } from './session/addressing.js';

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
}

export interface CommandServiceOptions {
  store: Store;
  model: LanguageModel;
  sink: ChatSink;
  limits: CommandLimits;
  /** Price table for estimates (defaults to the LLM layer's list prices). */
  prices?: PriceTable;
  /** Where internal errors are logged (with the id the channel is shown); silent by default. */
  log?: Log;
}

/** What handling one message did. */
export interface HandleOutcome {
  ok: boolean;
  command?: Command;
  error?: unknown;
  jobId?: string;
  confirmId?: string;
}

/** Work a job command is expected to do, for the estimate. */
export type WorkEstimate = Parameters<typeof estimateWork>[0];

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
export class CommandService {
  readonly parser: CommandParser;
  readonly poster: IdempotentPoster;
  readonly runner: JobRunner;
  private readonly rateLimiter?: CommandRateLimiter;
  /** Confirmations being started right now (tenant + key). */
  private readonly confirming = new Set<string>();

  constructor(readonly options: CommandServiceOptions) {
    if (options.limits.rate) this.rateLimiter = new CommandRateLimiter(options.limits.rate);
    this.parser = new CommandParser({
      maxPanelSize: options.limits.maxPanelSize,
      maxRounds: options.limits.maxRounds ?? 10,
    });
    this.poster = new IdempotentPoster(options.store, options.sink);
    this.runner = new JobRunner({
      jobs: options.store,
      poster: this.poster,
      kinds: jobKinds({ store: options.store, model: options.model, maxPanelSize: options.limits.maxPanelSize }),
      maxConcurrentJobs: options.limits.maxConcurrentJobs,
      log: options.log,
    });
  }

  /** Handles one message: a `/command`, or a plain message (a follow-up in a thread, a question in the channel). */
  async handle(conversation: Conversation, text: string): Promise<HandleOutcome> {
    let command: Command | undefined;
    try {
      checkRawInput(text);
      command = CommandParser.isCommand(text) ? this.parser.parse(text) : await this.plainMessage(conversation, text);
      this.rateLimiter?.admit(conversation, command);
      return { ...(await dispatch(this, conversation, command, text)), command };
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
    const estimate = estimateWork(work, this.options.model.name, this.options.prices);
    await this.checkBudget(conversation.tenantId, estimate);
    const threshold = this.options.limits.confirmAboveUsd;
    if (!confirmed && threshold !== undefined && estimate.costUsd > threshold) {
      const confirmId = randomBytes(3).toString('hex');
      await this.options.store.setValue(conversation.tenantId, `confirm:${confirmId}`, {
        kind,
        input,
        commandText,
        conversation,
        work,
      });
      const text = `This will cost about ${formatEstimate(estimate)} — above the $${threshold} confirmation threshold. Type /confirm ${confirmId} to run it.`;
      await this.poster.post(conversation, { kind: 'confirm', text, confirmId, speaker: { kind: 'bot' } });
      return { ok: true, confirmId };
    }
    const job = await this.runner.start(kind, input, conversation, { commandText, note: formatEstimate(estimate) });
    return { ok: true, jobId: job.id };
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
  recoverJobs(): Promise<RecoveryReport> {
    return this.runner.recover();
  }

  /** Resolves when no job is running. */
  whenIdle(): Promise<void> {
    return this.runner.whenIdle();
  }

  /** Stops running jobs without marking them finished (the next start resumes them). */
  shutdown(): void {
    this.runner.abortAll();
  }

  /** Refuses work that the tenant's token budget cannot cover (for model calls made outside a job). */
  async checkBudgetFor(tenantId: string, work: WorkEstimate): Promise<void> {
    await this.checkBudget(tenantId, estimateWork(work, this.options.model.name, this.options.prices));
  }

  private async checkBudget(tenantId: string, estimate: Estimate): Promise<void> {
    const budget = this.options.limits.tokenBudget;
    if (budget === undefined) return;
    const usage = await this.options.store.summarizeUsage(tenantId);
    const used = usage.inputTokens + usage.outputTokens;
    if (used >= budget) {
      throw new UserInputError(
        'budget.spent',
        `This workspace has spent its token budget (${used.toLocaleString('en-US')} of ${budget.toLocaleString('en-US')} tokens). Ask an admin to raise TROUPE_TOKEN_BUDGET.`,
        '/usage',
      );
    }
    const needed = estimate.inputTokens + estimate.outputTokens;
    if (used + needed > budget) {
      throw new UserInputError(
        'budget.insufficient',
        `This needs about ${needed.toLocaleString('en-US')} tokens but only ${(budget - used).toLocaleString('en-US')} of the budget are left. Try a smaller panel or fewer rounds.`,
        '/usage',
      );
    }
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
