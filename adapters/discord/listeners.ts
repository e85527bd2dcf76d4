import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type CommandInteractionOption,
  Events,
  type Interaction,
  type Message,
  type ModalSubmitInteraction,
} from 'discord.js';
import { errorReply } from '../../commands/replies.js';
import type { Conversation } from '../../commands/reply.js';
import type { CommandService } from '../../commands/service.js';
import type { Store } from '../../engine/store/ports.js';
import { autocompleteKind, FILE_OPTION, slashText } from './command-definitions.js';
import type { AckGate } from '../shared/ack-gate.js';
import type { DeliveryDeduper } from '../shared/delivery-dedupe.js';
import { type DiscordSink, parentOfThread } from './discord-sink.js';
import { type DiscordAttachment, downloadDiscordAttachments, isDiscordUploadCommand } from './file-downloads.js';
import { forkCommand } from '../shared/fork-command.js';
import { FORK_STIMULUS_FIELD, forkModal, forkModalThread } from './fork-modal.js';
import { guildTenant, mentionText, modalFor, modalText, personaOfMessage, stripBotMention } from './inbound.js';
import type { DeferredInteraction, PendingInteractions } from './pending-interactions.js';
import { parseButtonId } from './render-message.js';

export interface DiscordListenerDeps {
  service: CommandService;
  store: Store;
  sink: DiscordSink;
  interactions: PendingInteractions;
  dedupe: DeliveryDeduper;
  /** The configured REST base (`DISCORD_API_URL`): attachments served from its origin may be downloaded too. */
  apiUrl?: string;
  /** Keeps a background handling promise so `whenIdle()` can wait for it. */
  track(work: Promise<unknown>): void;
  /** Interactions count on it until deferred; other work waits for it (acknowledgements first). */
  gate?: AckGate;
  log(message: string, error?: unknown): void;
}

/** The option values of a slash command (those of its subcommand when it has one). */
function optionValues(data: readonly CommandInteractionOption[]): Map<string, string | number | boolean> {
  const leaf = data.length === 1 && data[0].type === 1 ? (data[0].options ?? []) : data;
  return new Map(
    leaf
      .filter((option) => option.value !== undefined && option.value !== null)
      .map((option) => [option.name, option.value as string | number | boolean]),
  );
}

/**
 * Wires discord.js's gateway events to the command service. Every interaction is deferred first,
 * inside Discord's 3 s and before any store or model work (a repeat seen by this process is dropped
 * without a store read; the store claim that also catches a repeat after a restart comes after
 * the defer), except buttons that open a modal (the panel card's, a thread's [Fork]: a modal must
 * be the first response). Messages are handled when they are in a thread Troupe opened (follow-ups:
 * by reply to a persona's post, or `@Name`) or mention the bot in a channel (a question or a command).
 */
export function registerDiscordListeners(client: Client, deps: DiscordListenerDeps): void {
  const tenants = new Set<string>();
  const ensureTenant = async (tenantId: string, name?: string) => {
    if (tenants.has(tenantId)) return;
    await deps.store.ensureTenant({ id: tenantId, platform: 'discord', name });
    tenants.add(tenantId);
  };
  const background = (label: string, work: () => Promise<unknown>) =>
    deps.track(work().catch((error: unknown) => deps.log(label, error)));
  /** Sends an interaction's first response while the gate holds other work back. */
  const acknowledge = async (respond: () => Promise<unknown>) => {
    deps.gate?.enter();
    try {
      await respond();
    } finally {
      deps.gate?.leave();
    }
  };
  /**
   * After the acknowledgement: records the delivery (false for a repeat another process or an
   * earlier run already handled, whose placeholder is then removed) and the tenant.
   */
  const claimed = async (interaction: Interaction, tenantId: string, deferred: boolean) => {
    if (!(await deps.dedupe.claim(tenantId, `interaction:${interaction.id}`))) {
      if (deferred) await (interaction as unknown as DeferredInteraction).deleteReply().catch(() => undefined);
      return false;
    }
    await ensureTenant(tenantId, interaction.guild?.name);
    return true;
  };

  /** The conversation of a channel id: a Troupe thread belongs to its parent channel. */
  const conversationOf = async (tenantId: string, channelId: string, userId: string): Promise<Conversation> => {
    const thread = await parentOfThread(deps.store, tenantId, channelId);
    return thread
      ? { tenantId, channelKey: thread.parent, threadKey: channelId, userId }
      : { tenantId, channelKey: channelId, userId };
  };

  /**
   * Handles a command line with the attachments it carried, downloaded first; a download that
   * fails is answered in the conversation with the file's name and nothing is handled.
   */
  const handleWithFiles = async (conversation: Conversation, text: string, attachments: DiscordAttachment[]) => {
    if (!attachments.length) return deps.service.handle(conversation, text);
    try {
      const files = await downloadDiscordAttachments(attachments, deps.apiUrl);
      return await deps.service.handle(conversation, text, files);
    } catch (error) {
      await deps.service.reply(conversation, errorReply(error));
      return { ok: false as const, error };
    }
  };

  /** Runs a command line for a deferred interaction; a reply-less outcome removes the placeholder. */
  const runDeferred = async (
    conversation: Conversation,
    interaction: DeferredInteraction,
    text: string,
    attachments: DiscordAttachment[] = [],
  ) => {
    deps.interactions.add(conversation, interaction);
    const outcome = await handleWithFiles(conversation, text, attachments);
    if (!outcome.jobId && deps.interactions.unused(conversation, interaction)) {
      deps.interactions.take(conversation);
      await interaction.deleteReply().catch(() => undefined);
    }
  };

  const slash = async (interaction: ChatInputCommandInteraction, tenantId: string) => {
    await acknowledge(() => interaction.deferReply());
    if (!(await claimed(interaction, tenantId, true))) return;
    const conversation = await conversationOf(tenantId, interaction.channelId, interaction.user.id);
    const subcommand = interaction.options.getSubcommand(false);
    const text = slashText({
      command: interaction.commandName,
      subcommand,
      options: optionValues(interaction.options.data),
    });
    const file =
      (interaction.commandName === 'panel' && subcommand === 'add') || interaction.commandName === 'fidelity'
        ? interaction.options.getAttachment(FILE_OPTION)
        : null;
    const attachments = file ? [{ name: file.name, url: file.url, size: file.size }] : [];
    await runDeferred(conversation, interaction as unknown as DeferredInteraction, text, attachments);
  };

  const button = async (interaction: ButtonInteraction, tenantId: string) => {
    const parsed = parseButtonId(interaction.customId);
    if (!parsed) return;
    const form = parsed.id;
    if (form === 'ask' || form === 'poll' || form === 'brainstorm') {
      await acknowledge(() => interaction.showModal(modalFor(form, interaction.channelId) as never));
      await claimed(interaction, tenantId, false);
      return;
    }
    if (form === 'fork') {
      // [Fork] sits on a thread's opening message, and a thread started from a message has that message's id.
      const thread = interaction.channel?.isThread() ? interaction.channelId : interaction.message.id;
      await acknowledge(() => interaction.showModal(forkModal(thread)));
      await claimed(interaction, tenantId, false);
      return;
    }
    const commands: Record<string, string | undefined> = {
      summarize: '/summarize',
      export: '/export md',
      confirm: parsed.value ? `/confirm ${parsed.value}` : undefined,
    };
    // A button carrying a command (a people poll's vote or close) runs it as the person who clicked.
    const text = commands[parsed.id] ?? (parsed.value?.startsWith('/') ? parsed.value : undefined);
    if (!text) return;
    await acknowledge(() => interaction.deferReply());
    if (!(await claimed(interaction, tenantId, true))) return;
    const conversation = await conversationOf(tenantId, interaction.channelId, interaction.user.id);
    // The clicker's name goes with a vote; the command service keeps it only where the workspace allows it.
    const name = interaction.user.globalName ?? interaction.user.username;
    await runDeferred(
      name ? { ...conversation, userName: name } : conversation,
      interaction as unknown as DeferredInteraction,
      text,
    );
  };

  /** The [Fork] modal's stimulus, run as `/fork` in the thread the modal names. */
  const forkSubmit = async (interaction: ModalSubmitInteraction, tenantId: string, thread: string) => {
    const field = interaction.fields.fields.get(FORK_STIMULUS_FIELD) as { value?: string } | undefined;
    const text = forkCommand(field?.value);
    await acknowledge(() => interaction.deferReply());
    if (!(await claimed(interaction, tenantId, true))) return;
    const conversation = await conversationOf(tenantId, thread, interaction.user.id);
    await runDeferred(conversation, interaction as unknown as DeferredInteraction, text);
  };

  const modal = async (interaction: ModalSubmitInteraction, tenantId: string) => {
    const forked = forkModalThread(interaction.customId);
    if (forked) return forkSubmit(interaction, tenantId, forked);
    const [, kind] = interaction.customId.split(':');
    const fields = new Map<string, string>();
    for (const id of ['question', 'topic', 'kind', 'options']) {
      const field = interaction.fields.fields.get(id) as { value?: string } | undefined;
      if (field?.value !== undefined) fields.set(id, field.value);
    }
    const text = modalText(kind ?? '', fields);
    if (!text) return;
    await acknowledge(() => interaction.deferReply());
    if (!(await claimed(interaction, tenantId, true))) return;
    const inChannel = interaction.channelId ?? '';
    const conversation = await conversationOf(tenantId, inChannel, interaction.user.id);
    // A question always opens a new thread at the channel root.
    const target = kind === 'ask' ? { ...conversation, threadKey: undefined } : conversation;
    await runDeferred(target, interaction as unknown as DeferredInteraction, text);
  };

  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    if (!interaction.guildId) return;
    const tenantId = guildTenant(interaction.guildId);
    // Synchronous: a repeat delivered to this process is dropped before anything is sent or read.
    if (!deps.dedupe.firstInProcess(tenantId, `interaction:${interaction.id}`)) return;
    background('interaction', async () => {
      if (interaction.isAutocomplete()) {
        const focused = interaction.options.getFocused(true);
        const kind = autocompleteKind(interaction.commandName, focused.name);
        const names =
          kind === 'panel'
            ? (await deps.store.listPanels(tenantId)).map((panel) => panel.name)
            : kind === 'persona'
              ? await deps.store.listPersonaNames(tenantId)
              : [];
        const typed = String(focused.value).toLowerCase();
        await interaction.respond(
          names
            .filter((name) => name.toLowerCase().includes(typed))
            .slice(0, 25)
            .map((name) => ({ name: name.slice(0, 100), value: name.slice(0, 100) })),
        );
        return;
      }
      if (interaction.isChatInputCommand()) return slash(interaction, tenantId);
      if (interaction.isButton()) return button(interaction, tenantId);
      if (interaction.isModalSubmit()) return modal(interaction, tenantId);
    });
  });

  client.on(Events.MessageCreate, (message: Message) =>
    background('message', async () => {
      await deps.gate?.clear();
      if (!message.guildId || message.author.bot || message.webhookId || message.system) return;
      const botId = client.user?.id ?? '';
      const tenantId = guildTenant(message.guildId);
      const thread = await parentOfThread(deps.store, tenantId, message.channelId);
      const mentioned = message.mentions.users.has(botId);
      if (!thread && !mentioned) return;
      if (!(await deps.dedupe.claim(tenantId, `message:${message.id}`))) return;
      const text = stripBotMention(message.content, botId);
      if (!text && !mentioned) return;
      await ensureTenant(tenantId, message.guild?.name);
      const base = await conversationOf(tenantId, message.channelId, message.author.id);
      const line = mentioned ? mentionText(text) || '/help' : text;
      const attachments = [...message.attachments.values()].map((file) => ({
        name: file.name,
        url: file.url,
        size: file.size,
      }));
      if (mentioned && attachments.length && isDiscordUploadCommand(line)) {
        await handleWithFiles(base, line, attachments);
        return;
      }
      if (!thread) {
        await deps.service.handle(base, line);
        return;
      }
      const command = line.startsWith('/');
      const addressedPersona = command
        ? undefined
        : await personaOfMessage(deps.store, base, message.reference?.messageId ?? undefined);
      if (!command) await deps.sink.typing(message.channelId);
      await deps.service.handle({ ...base, ...(addressedPersona ? { addressedPersona } : {}) }, line);
    }),
  );
}
