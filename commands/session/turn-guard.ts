import type { ActingAgent } from '../../engine/agent/agent-port.js';
import type { Action } from '../../engine/agent/events.js';
import type { TinyPerson } from '../../engine/agent/tiny-person.js';
import { CancelledError, TroupeError } from '../../engine/errors.js';
import type { PostStore } from '../../engine/store/ports.js';
import type { JobContext } from '../jobs/job-types.js';

/** A persona that could not take its turn after the model's retries, and why in plain words. */
export interface TurnFailure {
  agent: string;
  reason: string;
}

/**
 * Wraps every persona's turn of a job's steps (`StepOptions.actFor`):
 * - a turn whose answers were already posted (the job is resuming after a crash) is replayed from
 *   the posted text, never asked of the model again, so the transcript holds what users read;
 * - a persona that still fails after retries gets an empty turn and is listed in `failures`, so the
 *   others' answers are committed.
 *
 * @example
 *   const guard = await TurnGuard.forJob(context, store, thread.threadKey, session.agents);
 *   await world.step({ threadKey, actFor: guard.actFor });
 *   guard.failures; // [{ agent: 'Maya', reason: 'the model timed out' }]
 */
export class TurnGuard {
  readonly failures: TurnFailure[] = [];

  private constructor(
    private readonly posted: Map<string, string[]>,
    private readonly agents: Map<string, TinyPerson>,
    private readonly threadKey: string | undefined,
    private readonly signal: AbortSignal,
  ) {}

  /** Reads what this job already posted in the thread (only a resumed job has any). */
  static async forJob(
    context: JobContext,
    posts: Pick<PostStore, 'listPosts'>,
    threadKey: string,
    agents: readonly TinyPerson[],
  ): Promise<TurnGuard> {
    const posted = new Map<string, string[]>();
    if (context.resumed) {
      const prefix = `job:${context.job.id}:answer:`;
      const records = await posts.listPosts(context.conversation.tenantId, context.conversation.channelKey, threadKey);
      const answers = records
        .filter((record) => record.idempotencyKey.startsWith(prefix) && typeof record.body.text === 'string')
        .map((record) => ({
          parts: record.idempotencyKey.slice(prefix.length).split(':'),
          text: String(record.body.text),
        }))
        .map(({ parts, text }) => ({ turn: parts.slice(0, -1).join(':'), index: Number(parts.at(-1)), text }))
        .sort((left, right) => left.index - right.index);
      for (const answer of answers) posted.set(answer.turn, [...(posted.get(answer.turn) ?? []), answer.text]);
    }
    return new TurnGuard(posted, new Map(agents.map((agent) => [agent.name, agent])), threadKey, context.signal);
  }

  /** The `actFor` hook of a world step. */
  readonly actFor = async (agent: ActingAgent, step: number, act: () => Promise<Action[]>): Promise<Action[]> => {
    const texts = this.posted.get(`${agent.name}:${step}`);
    const person = this.agents.get(agent.name);
    if (texts && person) {
      const actions = texts.map((content) => ({ type: 'TALK', content, target: '' }));
      return person.replay(actions, { threadKey: this.threadKey, signal: this.signal });
    }
    try {
      return await act();
    } catch (error) {
      if (this.signal.aborted || error instanceof CancelledError || !(error instanceof TroupeError)) throw error;
      if (error.kind !== 'model') throw error;
      this.failures.push({ agent: agent.name, reason: describeFailure(error) });
      return [];
    }
  };

  /** "Maya could not answer: the model timed out. Bo could not answer: …" */
  describe(): string {
    const first = new Map<string, string>();
    for (const failure of this.failures) if (!first.has(failure.agent)) first.set(failure.agent, failure.reason);
    return [...first].map(([agent, reason]) => `${agent} could not answer: ${reason}.`).join(' ');
  }
}

/** What went wrong, in the words a user understands. */
export function describeFailure(error: Pick<TroupeError, 'code'>): string {
  switch (error.code) {
    case 'llm.timeout':
      return 'the model timed out';
    case 'llm.rate_limited':
      return 'the model was rate limited';
    case 'llm.quota_exceeded':
      return 'the model account is out of quota';
    case 'llm.server_error':
    case 'llm.connection':
      return 'the model service was unavailable';
    default:
      return `the model gave no usable answer (${error.code})`;
  }
}
