import type { ChatSink, Conversation, PostedMessage, Reply } from '../../commands/reply.js';

type ProgressReply = Extract<Reply, { kind: 'progress' }>;

/** A cancellable timer (injected in tests). */
export interface LaneTimer {
  cancel(): void;
}

export interface ProgressLaneOptions {
  /**
   * Minimum gap between two edits of one progress message. Edits that come sooner are coalesced:
   * only the latest waits, and it goes out when the gap has passed. 0 sends every edit (in order).
   */
  minEditIntervalMs: number;
  now?: () => number;
  /** Runs `fire` after `ms`; the default is an unref'd `setTimeout` (a pending edit never keeps the process up). */
  schedule?: (fire: () => void, ms: number) => LaneTimer;
  /** A coalesced edit failed (it is best-effort: the next edit or the final one repairs the message). */
  onError?: (error: unknown) => void;
}

/** One progress message: its platform id once created, the edit waiting, and the chain edits run on. */
interface Slot {
  messageId?: string;
  creating?: Promise<unknown>;
  lastEditAt: number;
  pending?: { conversation: Conversation; reply: ProgressReply };
  timer?: LaneTimer;
  chain: Promise<unknown>;
}

/**
 * A ChatSink decorator that gives progress edits their own coalesced lane, so they never take a
 * posting slot from persona answers and never make the job wait: the first progress post (the
 * acknowledgement) and the final edit (`finished`) go through to the platform and are awaited;
 * every edit in between returns at once with the message's id, and at most one edit per
 * `minEditIntervalMs` per progress message reaches the platform — the latest state wins. Every
 * other reply passes straight through. Platform-neutral: each adapter wraps its own sink (and
 * sends the edits that do reach it outside its per-channel posting queue).
 *
 * @example
 *   const sink = new ProgressLane(new SlackSink(options), { minEditIntervalMs: 3000 });
 *   await sink.post(conversation, { kind: 'progress', progressKey: 'job:1:progress', text: 'Asking', done: 3, total: 50 });
 *   await sink.drain(); // every edit that was due has been sent
 */
export class ProgressLane implements ChatSink {
  private readonly slots = new Map<string, Slot>();
  private readonly now: () => number;
  private readonly schedule: (fire: () => void, ms: number) => LaneTimer;
  readonly findPosted?: ChatSink['findPosted'];
  readonly canFindPosted?: ChatSink['canFindPosted'];
  /** Edits handed to the platform so far (for benches and logs). */
  editsSent = 0;
  /** Edits replaced by a later state before they were sent. */
  editsCoalesced = 0;

  constructor(
    private readonly inner: ChatSink,
    private readonly options: ProgressLaneOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.schedule =
      options.schedule ??
      ((fire, ms) => {
        const handle = setTimeout(fire, ms);
        handle.unref?.();
        return { cancel: () => clearTimeout(handle) };
      });
    if (inner.findPosted)
      this.findPosted = (conversation: Conversation, key: string, reply?: Reply): Promise<PostedMessage | undefined> =>
        inner.findPosted!(conversation, key, reply);
    if (inner.canFindPosted) this.canFindPosted = (reply: Reply) => inner.canFindPosted!(reply);
  }

  async post(conversation: Conversation, reply: Reply): Promise<{ messageId: string; threadKey?: string }> {
    if (reply.kind !== 'progress' || reply.ephemeral) return this.inner.post(conversation, reply);
    const id = `${conversation.tenantId}\u0000${reply.progressKey}`;
    const slot = this.slots.get(id) ?? { lastEditAt: this.now(), chain: Promise.resolve() };
    this.slots.set(id, slot);
    if (slot.creating) await slot.creating.catch(() => undefined);
    slot.messageId = reply.editMessageId ?? slot.messageId;
    if (!slot.messageId || reply.finished) return this.sendNow(id, slot, conversation, reply);
    if (slot.pending) this.editsCoalesced += 1;
    slot.pending = { conversation, reply };
    const due = slot.lastEditAt + this.options.minEditIntervalMs - this.now();
    if (due <= 0 && !slot.timer) this.flush(slot);
    else slot.timer ??= this.schedule(() => this.flush(slot), Math.max(0, due));
    return { messageId: slot.messageId };
  }

  /** Resolves when every edit handed to the platform so far has settled (waiting edits stay waiting). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.slots.values()].map((slot) => slot.chain));
  }

  /** Drops every waiting edit (shutdown): the next process's edits or final edit repair the messages. */
  close(): void {
    for (const slot of this.slots.values()) {
      slot.timer?.cancel();
      slot.timer = undefined;
      slot.pending = undefined;
    }
  }

  /** The creating post or the final edit: drops the waiting edit, runs after the one in flight, and is awaited. */
  private async sendNow(
    id: string,
    slot: Slot,
    conversation: Conversation,
    reply: ProgressReply,
  ): Promise<{ messageId: string; threadKey?: string }> {
    slot.timer?.cancel();
    slot.timer = undefined;
    if (slot.pending) this.editsCoalesced += 1;
    slot.pending = undefined;
    const creating = !slot.messageId;
    const work = slot.chain.catch(() => undefined).then(() => this.inner.post(conversation, reply));
    slot.chain = work.catch(() => undefined);
    if (creating) slot.creating = slot.chain;
    try {
      const result = await work;
      slot.messageId = result.messageId || slot.messageId;
      slot.lastEditAt = this.now();
      if (!creating) this.editsSent += 1;
      return result;
    } finally {
      if (creating) slot.creating = undefined;
      if (reply.finished && this.slots.get(id) === slot && !slot.pending) this.slots.delete(id);
    }
  }

  /** Sends the waiting edit (the latest state) after the one in flight. */
  private flush(slot: Slot): void {
    slot.timer = undefined;
    const pending = slot.pending;
    if (!pending) return;
    slot.pending = undefined;
    slot.lastEditAt = this.now();
    this.editsSent += 1;
    slot.chain = slot.chain
      .catch(() => undefined)
      .then(() => this.inner.post(pending.conversation, { ...pending.reply, editMessageId: slot.messageId }))
      .catch((error: unknown) => this.options.onError?.(error));
  }
}
