import { LabelBuilder, ModalBuilder, TextInputBuilder, TextInputStyle } from 'discord.js';

/** The `custom_id` prefix of the [Fork] modal; the thread it forks follows it (`troupe-modal:fork:<thread id>`). */
export const FORK_MODAL_PREFIX = 'troupe-modal:fork:';

/** The id of the modal's one text input (the changed stimulus). */
export const FORK_STIMULUS_FIELD = 'stimulus';

/**
 * The modal the [Fork] button on a thread's opening message opens: one text input for the changed
 * stimulus, the thread to fork carried in the modal's `custom_id` (a modal submit arrives in the
 * channel the button was in, not necessarily the thread).
 *
 * @example
 *   interaction.showModal(forkModal('1200'));
 *   // submitted with "Would you buy it at $12?" → `/fork "Would you buy it at $12?"` in thread 1200
 */
export function forkModal(threadId: string): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(`${FORK_MODAL_PREFIX}${threadId}`)
    .setTitle('Fork this thread')
    .addLabelComponents(
      new LabelBuilder()
        .setLabel('The changed question')
        .setDescription('A new thread: same personas and memories up to here, then this instead.')
        .setTextInputComponent(
          new TextInputBuilder()
            .setCustomId(FORK_STIMULUS_FIELD)
            .setStyle(TextInputStyle.Paragraph)
            .setRequired(true)
            .setMaxLength(2000)
            .setPlaceholder('Would you buy it at $12 instead?'),
        ),
    );
}

/** The thread a submitted fork modal forks (undefined for any other modal). */
export function forkModalThread(customId: string): string | undefined {
  return customId.startsWith(FORK_MODAL_PREFIX) ? customId.slice(FORK_MODAL_PREFIX.length) || undefined : undefined;
}
