import { createDiscordBot, type CreateDiscordBotOptions, type DiscordBot } from '../../../adapters/discord/index.js';
import type { LanguageModel } from '../../../engine/llm/port.js';
import type { Store } from '../../../engine/store/ports.js';
import { FakeDiscord, type FakeDiscordMessage } from '../../fakes/discord-server.js';
import { LIMITS, offlineModel } from '../slack/harness.js';

export { offlineModel, tempStore } from '../slack/harness.js';

/** Polls `check` until it holds (events travel over a real socket). */
export async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A slash command option (Discord's wire shape). */
type WireOption = { name: string; type: number; value?: string | number | boolean; options?: WireOption[] };

/** Builds option lists: `opts({ count: 3, description: 'x' })` → typed wire options. */
export function opts(values: Record<string, string | number | boolean>): WireOption[] {
  return Object.entries(values).map(([name, value]) => ({
    name,
    type: typeof value === 'number' ? 4 : typeof value === 'boolean' ? 5 : 3,
    value,
  }));
}

/**
 * One running Troupe Discord bot (real discord.js) against a FakeDiscord, with helpers that
 * dispatch slash commands, buttons, modal submissions and messages and wait for their handling.
 */
export class DiscordHarness {
  private constructor(
    readonly discord: FakeDiscord,
    readonly bot: DiscordBot,
    readonly store: Store,
  ) {}

  static async start(options: {
    store: Store;
    model?: LanguageModel;
    discord?: FakeDiscord;
    overrides?: Partial<CreateDiscordBotOptions>;
  }): Promise<DiscordHarness> {
    const discord = options.discord ?? (await FakeDiscord.start({ guilds: [{ id: '100', channels: ['110'] }] }));
    const bot = createDiscordBot({
      store: options.store,
      model: options.model ?? offlineModel(),
      limits: LIMITS,
      token: 'test-token',
      applicationId: discord.applicationId,
      apiUrl: discord.apiUrl,
      log: () => undefined,
      ...options.overrides,
    });
    await bot.start();
    return new DiscordHarness(discord, bot, options.store);
  }

  async stop(options: { keepFake?: boolean } = {}): Promise<void> {
    await this.bot.stop();
    if (!options.keepFake) await this.discord.stop();
  }

  /** Waits for the interaction's callback, then for all resulting work. */
  async settleInteraction(id: string): Promise<void> {
    await until(() => this.discord.callbacks.some((callback) => callback.interactionId === id), `interaction ${id}`);
    await this.bot.whenIdle();
  }

  /** A slash command, e.g. `slash('panel', [{ type: 1, name: 'create', options: opts({ count: 3 }) }])`. */
  async slash(
    name: string,
    options: WireOption[],
    where: { guildId?: string; channelId?: string; userId?: string } = {},
  ): Promise<Record<string, unknown>> {
    const payload = this.discord.interaction({
      type: 2,
      guildId: where.guildId ?? '100',
      channelId: where.channelId ?? '110',
      userId: where.userId,
      data: { id: '1', name, type: 1, options },
    });
    await this.settleInteraction(String(payload.id));
    return payload;
  }

  /** A subcommand of /panel. */
  panel(
    sub: string,
    values: Record<string, string | number | boolean>,
    where?: { guildId?: string; channelId?: string },
  ) {
    return this.slash('panel', [{ name: sub, type: 1, options: opts(values) }], where);
  }

  /** Clicks a button of a message. */
  async click(message: FakeDiscordMessage, customId: string, channelId = message.channel_id): Promise<string> {
    const payload = this.discord.interaction({
      type: 3,
      guildId: message.guild_id ?? '100',
      channelId,
      data: { custom_id: customId, component_type: 2 },
      message,
    });
    await this.settleInteraction(String(payload.id));
    return String(payload.id);
  }

  /** Submits a modal. */
  async submit(customId: string, fields: Record<string, string>, channelId = '110', guildId = '100'): Promise<void> {
    const payload = this.discord.interaction({
      type: 5,
      guildId,
      channelId,
      data: {
        custom_id: customId,
        components: Object.entries(fields).map(([id, value]) => ({
          type: 1,
          components: [{ type: 4, custom_id: id, value }],
        })),
      },
    });
    await this.settleInteraction(String(payload.id));
  }

  /** A person writes a message; waits until Troupe has handled (or ignored) it. */
  async say(options: Parameters<FakeDiscord['userMessage']>[0]): Promise<FakeDiscordMessage> {
    const before = this.discord.calls.length;
    const message = this.discord.userMessage(options);
    const tenant = `discord:${this.discord.channels.get(options.channelId)?.guild_id ?? '100'}`;
    await until(
      async () =>
        (await this.store.getValue(tenant, `delivery:discord:message:${message.id}`)) !== undefined ||
        this.discord.calls.length > before,
      `message ${message.id}`,
    );
    await this.bot.whenIdle();
    return message;
  }

  /** Persona posts (webhook messages) in a channel or thread. */
  personaPosts(channelId: string): FakeDiscordMessage[] {
    return this.discord.messagesIn(channelId).filter((message) => message.webhook_id);
  }
}
