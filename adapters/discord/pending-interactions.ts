import type { Conversation } from '../../commands/reply.js';

/** The part of a discord.js interaction the sink uses once it has been deferred. */
export interface DeferredInteraction {
  editReply(options: Record<string, unknown>): Promise<{ id: string }>;
  followUp(options: Record<string, unknown>): Promise<{ id: string }>;
  deleteReply(): Promise<void>;
}

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
  private readonly byProgress = new Map<string, DeferredInteraction>();

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

  bindProgress(progressKey: string, interaction: DeferredInteraction): void {
    this.byProgress.set(progressKey, interaction);
  }

  progressOf(progressKey: string): DeferredInteraction | undefined {
    return this.byProgress.get(progressKey);
  }

  unbindProgress(progressKey: string): void {
    this.byProgress.delete(progressKey);
  }
}
