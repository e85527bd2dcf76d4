import type { CompactProfileTask } from '../engine/agent/compact-profile/tasks.js';
import type { LanguageModel } from '../engine/llm/port.js';
import type { Store } from '../engine/store/ports.js';
import type { Command } from './grammar/command-types.js';
import type { CommandParser } from './grammar/parse.js';
import type { Estimate, estimateWork } from './jobs/estimate.js';
import type { JobRunner } from './jobs/job-runner.js';
import type { PeoplePolls } from './poll-with-people/people-polls.js';
import type { Conversation, Reply } from './reply.js';

/** What handling one message did. */
export interface HandleOutcome {
  ok: boolean;
  command?: Command;
  error?: unknown;
  jobId?: string;
  confirmId?: string;
  /** What the job was estimated to cost when it started. */
  estimate?: Estimate;
}

/** Work a job command is expected to do, for the estimate. */
export type WorkEstimate = Parameters<typeof estimateWork>[0];

/**
 * What `dispatch` needs from the command layer around it: the store and model, the parser (for help), the job
 * runner, and the replies, jobs, confirmations and budget checks that `CommandService` implements. Declared here so
 * the layer reads top-down — `service.ts` → `dispatch.ts` → handlers — with no import back up.
 *
 * @example
 *   const outcome = await dispatch(service, conversation, { name: 'help' }, '/help');
 */
export interface DispatchContext {
  readonly options: {
    readonly store: Store;
    readonly model: LanguageModel;
    readonly limits?: { readonly compactProfile?: readonly CompactProfileTask[] };
  };
  readonly parser: CommandParser;
  readonly runner: JobRunner;
  /** Polls the people of a channel answer beside the panel. */
  readonly peoplePolls: PeoplePolls;
  /** Posts a reply in the conversation. */
  reply(conversation: Conversation, reply: Reply): Promise<void>;
  /** Starts a job after the budget check and cost estimate (or asks for `/confirm`). */
  startJob(
    conversation: Conversation,
    kind: string,
    input: Record<string, unknown>,
    commandText: string,
    work: WorkEstimate,
  ): Promise<HandleOutcome>;
  /** Runs a command that was waiting for `/confirm <id>`. */
  confirm(conversation: Conversation, confirmId: string): Promise<HandleOutcome>;
  /** Refuses work the tenant's token budget cannot cover. */
  checkBudgetFor(tenantId: string, work: WorkEstimate): Promise<void>;
}
