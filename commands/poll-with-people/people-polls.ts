import { UserInputError } from '../../engine/errors.js';
import { renderVegaLitePng } from '../../engine/extraction/charts/index.js';
import {
  comparePeopleWithPanel,
  parsePoll,
  pollOptions,
  type PollAnswer,
  type PollDefinition,
} from '../../engine/extraction/polls/index.js';
import type { PersonaSpec } from '../../engine/agent/persona-spec.js';
import type { PeoplePollRecord, Store } from '../../engine/store/ports.js';
import { channelPanel } from '../extraction/channel-data.js';
import { silentLog, type Log } from '../log.js';
import type { Conversation, Reply } from '../reply.js';
import { botText } from '../replies.js';
import { ballotLabels, ballotReply } from './ballot.js';
import { systemClock, type PeoplePollClock } from './people-poll-clock.js';
import { peopleResultChart, peopleResultText } from './people-result.js';
import { voteOption } from './vote-choice.js';
import { keepVoterName } from '../export-settings/voter-names.js';

/** What PeoplePolls needs: the store, a poster that posts a keyed reply at most once, a clock and a log. */
export interface PeoplePollsOptions {
  store: Store;
  poster: { post(conversation: Conversation, reply: Reply): Promise<unknown> };
  clock?: PeoplePollClock;
  log?: Log;
}

/**
 * Polls the people of a channel answer beside the panel (`/poll … --with-people`): opens one with its
 * ballot, records votes (one per person, changeable until close), closes it by command or timer — the
 * close time is stored, so a restarted process re-arms it or closes an overdue poll at once — and posts
 * the people beside the panel once both the poll is closed and the panel has answered.
 *
 * @example
 *   const record = await peoplePolls.open(conversation, poll, 3_600_000);
 *   await peoplePolls.vote({ ...conversation, userId: 'U2' }, '1');
 */
export class PeoplePolls {
  private readonly clock: PeoplePollClock;
  private readonly log: Log;
  private readonly timers = new Map<string, unknown>();

  constructor(private readonly options: PeoplePollsOptions) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? silentLog;
  }

  /** Opens a people poll in the conversation (its thread, when it has one) and posts the ballot. */
  async open(conversation: Conversation, poll: PollDefinition, closeAfterMs?: number): Promise<PeoplePollRecord> {
    const record = await this.options.store.createPeoplePoll({
      tenantId: conversation.tenantId,
      channelKey: conversation.channelKey,
      ...(conversation.threadKey ? { threadKey: conversation.threadKey } : {}),
      poll: poll as unknown as Record<string, unknown>,
      options: pollOptions(poll),
      createdBy: conversation.userId,
      ...(closeAfterMs ? { closeAt: new Date(this.clock.now().getTime() + closeAfterMs) } : {}),
    });
    await this.options.poster.post(conversation, ballotReply(record, poll));
    this.arm(record);
    return record;
  }

  /** Links the poll to the job whose panel answers it. */
  async attachJob(tenantId: string, pollId: string, jobId: string): Promise<void> {
    await this.options.store.updatePeoplePoll(tenantId, pollId, { jobId });
  }

  /** Records a person's vote and tells them (only them) what was counted. */
  async vote(conversation: Conversation, choice: string, pollId?: string): Promise<Reply> {
    const record = await this.find(conversation, pollId);
    const poll = parsePoll(record.poll);
    const option = voteOption(poll, record.options, choice);
    const counted = await this.options.store.castVote({
      tenantId: conversation.tenantId,
      pollId: record.id,
      userId: conversation.userId,
      option,
    });
    if (!counted) throw closedError(poll);
    await keepVoterName(this.options.store, conversation, record.id);
    const label = ballotLabels(poll, record.options)[record.options.indexOf(option)];
    return {
      ...botText(`Your vote: ${label}. You can change it with /vote until the poll closes.`),
      ephemeral: true,
    };
  }

  /** Closes a poll by command; the result follows at once, or when the panel has answered. */
  async close(conversation: Conversation, pollId?: string): Promise<void> {
    const record = await this.find(conversation, pollId);
    await this.closeRecord(record);
  }

  /** Called by the poll job when the panel has answered: keeps the answers, and publishes if already closed. */
  async panelAnswered(tenantId: string, pollId: string, answers: readonly PollAnswer[]): Promise<void> {
    await this.options.store.updatePeoplePoll(tenantId, pollId, {
      panelAnswers: answers.map((answer) => ({ ...answer })) as unknown as Record<string, unknown>[],
    });
    const record = await this.options.store.getPeoplePoll(tenantId, pollId);
    if (record?.closedAt) await this.publish(record);
  }

  /** At start-up: re-arms the timers of open polls; overdue ones close at once. */
  async recover(): Promise<number> {
    const polls = await this.options.store.listTimedPeoplePolls();
    for (const poll of polls) this.arm(poll);
    return polls.length;
  }

  /** Clears every timer (shutdown); the close times stay stored for the next start. */
  stop(): void {
    for (const handle of this.timers.values()) this.clock.clearTimer(handle);
    this.timers.clear();
  }

  private arm(record: PeoplePollRecord): void {
    if (!record.closeAt || record.closedAt) return;
    const key = `${record.tenantId}\u0000${record.id}`;
    const existing = this.timers.get(key);
    if (existing !== undefined) this.clock.clearTimer(existing);
    const delay = record.closeAt.getTime() - this.clock.now().getTime();
    this.timers.set(
      key,
      this.clock.setTimer(() => {
        this.timers.delete(key);
        this.closeRecord(record).catch((error: unknown) =>
          this.log.error({ err: error, pollId: record.id }, 'closing a people poll on its timer failed'),
        );
      }, delay),
    );
  }

  private async closeRecord(record: PeoplePollRecord): Promise<void> {
    const closed = await this.options.store.closePeoplePoll(record.tenantId, record.id, this.clock.now());
    const current = (await this.options.store.getPeoplePoll(record.tenantId, record.id)) ?? record;
    const key = `${record.tenantId}\u0000${record.id}`;
    const timer = this.timers.get(key);
    if (timer !== undefined) this.clock.clearTimer(timer);
    this.timers.delete(key);
    if (!closed && !current.closedAt) return;
    if (current.panelAnswers) {
      await this.publish(current);
      return;
    }
    const votes = await this.options.store.listVotes(record.tenantId, record.id);
    await this.options.poster.post(where(current), {
      ...botText(
        `The people poll "${String(current.poll.question)}" is closed with ${votes.length} vote(s). The comparison with the panel follows as soon as the panel has answered.`,
      ),
      idempotencyKey: `people-poll:${record.id}:closed`,
    });
  }

  private async publish(record: PeoplePollRecord): Promise<void> {
    const poll = parsePoll(record.poll);
    const votes = await this.options.store.listVotes(record.tenantId, record.id);
    const answers = (record.panelAnswers ?? []) as unknown as PollAnswer[];
    const result = comparePeopleWithPanel(
      poll,
      answers,
      votes.map((vote) => vote.option),
      await this.specsOf(where(record)),
    );
    const chart = peopleResultChart(result);
    const png = await renderVegaLitePng(chart.spec);
    await this.options.poster.post(where(record), {
      kind: 'image',
      title: `People beside the panel: ${poll.question}`,
      png: new Uint8Array(png),
      altText: chart.altText,
      speaker: { kind: 'bot' },
      idempotencyKey: `people-poll:${record.id}:chart`,
    });
    const { text, blocks } = peopleResultText(result);
    await this.options.poster.post(where(record), {
      kind: 'text',
      text,
      blocks,
      speaker: { kind: 'bot' },
      idempotencyKey: `people-poll:${record.id}:result`,
    });
  }

  private async specsOf(conversation: Conversation): Promise<Map<string, PersonaSpec>> {
    try {
      const { personas } = await channelPanel(this.options.store, conversation);
      return new Map(personas.map((persona) => [persona.id, persona.spec]));
    } catch (error) {
      // The panel may have been unseated since: the comparison still stands, without segments.
      if (error instanceof UserInputError) return new Map();
      throw error;
    }
  }

  private async find(conversation: Conversation, pollId?: string): Promise<PeoplePollRecord> {
    const { store } = this.options;
    const record = pollId
      ? await store.getPeoplePoll(conversation.tenantId, pollId)
      : ((conversation.threadKey
          ? await store.findOpenPeoplePoll(conversation.tenantId, conversation.channelKey, conversation.threadKey)
          : undefined) ?? (await store.findOpenPeoplePoll(conversation.tenantId, conversation.channelKey)));
    if (!record || record.channelKey !== conversation.channelKey)
      throw new UserInputError(
        'vote.no_poll',
        pollId
          ? 'That poll is not in this channel.'
          : 'There is no open people poll here. Start one with --with-people.',
        '/poll yesno "Would you pay $5 a month?" --with-people',
      );
    if (record.closedAt) throw closedError(parsePoll(record.poll));
    return record;
  }
}

function where(record: PeoplePollRecord): Conversation {
  return {
    tenantId: record.tenantId,
    channelKey: record.channelKey,
    userId: record.createdBy,
    ...(record.threadKey ? { threadKey: record.threadKey } : {}),
  };
}

function closedError(poll: PollDefinition): UserInputError {
  return new UserInputError(
    'vote.closed',
    `The people poll "${poll.question}" is closed; votes are no longer counted.`,
    '/poll yesno "Would you pay $5 a month?" --with-people',
  );
}
