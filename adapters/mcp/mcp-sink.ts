import { randomBytes } from 'node:crypto';
import type { ChatSink, Conversation, Reply } from '../../commands/reply.js';

type ProgressReply = Extract<Reply, { kind: 'progress' }>;

/** A reply delivered to one tool call, with the message id the sink gave it. */
export interface DeliveredReply {
  reply: Reply;
  messageId: string;
  threadKey?: string;
}

/** What one tool call hears while its command runs: every reply, and every progress edit as it happens. */
export interface CallListener {
  replies: DeliveredReply[];
  /** Called for every progress edit (the acknowledgement, each step, the final edit). */
  progress(reply: ProgressReply): void;
  /** Called for every other reply, after it was added to `replies`. */
  delivered(reply: DeliveredReply): void;
}

/** The callbacks of a listener. */
export type CallHooks = Partial<Pick<CallListener, 'progress' | 'delivered'>>;

/**
 * The MCP surface's ChatSink. A tool call has no chat to post into: each call gets its own user id
 * (`Conversation.userId`), and every reply a command or its job posts for that user — the job keeps the
 * conversation it was started with — is handed to that call's listener, which turns it into the tool result.
 * A post that opens a thread gets a fresh opaque id, which becomes the thread key, as a Slack `ts` does.
 *
 * @example
 *   const sink = new McpSink();
 *   const listener = sink.listen('call-1', { progress: (reply) => notify(reply.done, reply.total) });
 *   await service.handle({ tenantId, channelKey, userId: 'call-1' }, '/panel list');
 *   sink.release('call-1'); // listener.replies holds the panel list
 */
export class McpSink implements ChatSink {
  private readonly listeners = new Map<string, CallListener>();

  /**
   * Starts collecting what is posted for this call's user id — and for `alsoFor`, the user ids of earlier
   * calls whose work this call takes over (a `/confirm` runs the command an earlier call was refused).
   */
  listen(callId: string, hooks: CallHooks = {}, alsoFor: readonly string[] = []): CallListener {
    const listener: CallListener = {
      replies: [],
      progress: hooks.progress ?? (() => undefined),
      delivered: hooks.delivered ?? (() => undefined),
    };
    for (const id of [callId, ...alsoFor]) this.listeners.set(id, listener);
    return listener;
  }

  /** Stops collecting for the call (posts that come later, e.g. from a job resumed after a restart, are dropped). */
  release(callId: string, alsoFor: readonly string[] = []): void {
    for (const id of [callId, ...alsoFor]) this.listeners.delete(id);
  }

  async post(conversation: Conversation, reply: Reply): Promise<{ messageId: string; threadKey?: string }> {
    const listener = this.listeners.get(conversation.userId);
    if (reply.kind === 'progress') {
      listener?.progress(reply);
      return { messageId: reply.editMessageId ?? newId() };
    }
    const messageId = newId();
    const threadKey = reply.opensThread ? messageId : conversation.threadKey;
    const delivered = { reply, messageId, threadKey };
    listener?.replies.push(delivered);
    listener?.delivered(delivered);
    return { messageId, threadKey };
  }
}

function newId(): string {
  return `t${randomBytes(6).toString('hex')}`;
}
