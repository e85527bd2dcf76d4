import type { Conversation } from '../../commands/reply.js';

/** The part of a discord.js interaction the sink uses once it has been deferred. */
export interface DeferredInteraction {
  editReply(options: Record<string, unknown>): Promise<{ id: string }>;
  followUp(options: Record<string, unknown>): Promise<{ id: string }>;
  deleteReply(): Promise<void>;
}

/** How long Discord accepts an interaction's token for follow-ups and edits of its reply. */
const INTERACTION_TOKEN_MS = 15 * 60_000;

interface Slot {
  interaction: DeferredInteraction;
  used: boolean;
}

const slotKey = (conversation: Conversation) =>
  `${conversation.tenantId}|${conversation.channelKey}|${conversation.threadKey ?? ''}|${conversation.userId}`;

/**
 * Deferred interactions waiting for their first reply. A slash command, button or modal is
 * deferred at once (Discord's 3 s), and the first reply to that person in that conversation edits
 * the deferred message: the job's progress message, or the command's answer. An ephemeral first
 * reply (an error, help) goes as an ephemeral follow-up and the public placeholder is deleted.
 * Progress keys keep their interaction so later progress edits go through its token.
 */
export class PendingInteractions {
  private readonly slots = new Map<string, Slot>();
  private readonly byProgress = new Map<string, { interaction: DeferredInteraction; at: number }>();

  /** `now`: the clock bindings expire by (tests pass a fake one). */
  constructor(private readonly now: () => number = Date.now) {}

  /** Records a deferred interaction for the conversation (replacing an older one). */
  add(conversation: Conversation, interaction: DeferredInteraction): void {
    this.slots.set(slotKey(conversation), { interaction, used: false });
  }

  /** Takes the unused deferred interaction of this conversation, marking it used. */
  take(conversation: Conversation): DeferredInteraction | undefined {
    const slot = this.slots.get(slotKey(conversation));
    if (!slot || slot.used) return undefined;
    slot.used = true;
    return slot.interaction;
  }

  /** The conversation's latest interaction, used or not: ephemeral replies are its follow-ups (valid 15 minutes). */
  peek(conversation: Conversation): DeferredInteraction | undefined {
    return this.slots.get(slotKey(conversation))?.interaction;
  }

  /** True when the conversation's deferred interaction has not been answered yet. */
  unused(conversation: Conversation, interaction: DeferredInteraction): boolean {
    const slot = this.slots.get(slotKey(conversation));
    return Boolean(slot && !slot.used && slot.interaction === interaction);
  }

  /** Forgets the conversation's interaction once handled (if it is still this one). */
  release(conversation: Conversation, interaction: DeferredInteraction): void {
    const key = slotKey(conversation);
    if (this.slots.get(key)?.interaction === interaction) this.slots.delete(key);
  }

  /**
   * Binds a progress message to the interaction whose reply it is. A binding lasts as long as the
   * interaction's token (15 minutes): later edits go through the bot's own route. Expired bindings are
   * dropped here, so a web-role process, whose jobs finish in a worker that never unbinds them here, keeps
   * only its last 15 minutes of them.
   */
  bindProgress(progressKey: string, interaction: DeferredInteraction): void {
    const now = this.now();
    // Oldest first (re-bound keys move to the end), so the sweep stops at the first live binding.
    for (const [key, bound] of this.byProgress) {
      if (now - bound.at < INTERACTION_TOKEN_MS) break;
      this.byProgress.delete(key);
    }
    this.byProgress.delete(progressKey);
    this.byProgress.set(progressKey, { interaction, at: now });
  }

  /** The interaction a progress message is bound to, while its token is valid. */
  progressOf(progressKey: string): DeferredInteraction | undefined {
    const bound = this.byProgress.get(progressKey);
    return bound && this.now() - bound.at < INTERACTION_TOKEN_MS ? bound.interaction : undefined;
  }

  /** How many progress messages are bound (the sweep keeps it to the last 15 minutes' worth). */
  get boundProgress(): number {
    return this.byProgress.size;
  }

  unbindProgress(progressKey: string): void {
    this.byProgress.delete(progressKey);
  }
}
