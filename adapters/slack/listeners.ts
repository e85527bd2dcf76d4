import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { errorReply } from '../../commands/replies.js';
import type { UploadedFile } from '../../personas/uploads.js';
import type { Conversation } from '../../commands/reply.js';
import type { CommandService, HandleOutcome } from '../../commands/service.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { Store } from '../../engine/store/ports.js';
import type { AckGate } from '../shared/ack-gate.js';
import type { DeliveryDeduper } from '../shared/delivery-dedupe.js';
import { downloadSlackFiles, isUploadCommand, type SlackSharedFile } from './file-downloads.js';
import { homeView } from './home-view.js';
import {
  isTroupeThread,
  mentionText,
  personaOfMessage,
  slashCommandText,
  stripBotMention,
  tenantOf,
} from './inbound.js';
import { MODAL_CALLBACK, modalSubmission, modalView, type ModalKind } from './modals.js';
import { ACTION_PREFIX } from './render-blocks.js';
import type { SlackSink, TokenResolver } from './slack-sink.js';

export interface ListenerDeps {
  service: CommandService;
  store: Store;
  model: Pick<LanguageModel, 'name'>;
  sink: SlackSink;
  tokens: TokenResolver;
  dedupe: DeliveryDeduper;
  /** Keeps a background handling promise so `whenIdle()` can wait for it. */
  track(work: Promise<unknown>): void;
  /** Background work waits for it: acknowledgements go out before any store or model work. */
  gate?: AckGate;
  /**
   * Count each acknowledgement on the gate here (Socket Mode, where no HTTP server sees the
   * requests); in HTTP mode the server counts them from the first byte.
   */
  countAcks?: boolean;
  log(message: string, error?: unknown): void;
}

interface SlackMessage {
  text?: string;
  ts: string;
  thread_ts?: string;
  channel: string;
  user?: string;
  subtype?: string;
  bot_id?: string;
  /** Files shared with the message (`file_share`, or a mention with an attachment). */
  files?: SlackSharedFile[];
}

/** Message subtypes that are still a person writing in a thread ("also send to channel", a file with a comment). */
const USER_SUBTYPES = new Set(['thread_broadcast', 'file_share']);

/** True for a message written by a bot: Troupe's own posts and uploads, or another app's (never answered, so no loop). */
function fromBot(message: SlackMessage, botUserId?: string): boolean {
  return Boolean(message.bot_id) || (botUserId !== undefined && message.user === botUserId);
}

/**
 * Wires Slack's inbound traffic to the command service. Every slash command and interaction is
 * acknowledged first (`ack()` before any work, well inside Slack's 3 s), then handled in the
 * background; events are deduplicated on `event_id`.
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  const tenants = new Set<string>();
  const ensureTenant = async (tenantId: string, name?: string) => {
    if (tenants.has(tenantId)) return;
    await deps.store.ensureTenant({ id: tenantId, platform: 'slack', name });
    tenants.add(tenantId);
  };
  /** Sends the acknowledgement, counted on the gate when no HTTP server counts it. */
  const acknowledge = async (ack: () => Promise<void>) => {
    const counted = deps.countAcks ? deps.gate : undefined;
    counted?.enter();
    try {
      await ack();
    } finally {
      counted?.leave();
    }
  };
  const run = (conversation: Conversation, text: string, thinkingOn?: string) =>
    deps.track(
      (async () => {
        await deps.gate?.clear();
        await ensureTenant(conversation.tenantId);
        const outcome = await deps.service.handle(conversation, text);
        if (thinkingOn) await markThinking(conversation, thinkingOn, outcome);
      })().catch((error: unknown) => deps.log('handling a Slack message failed', error)),
    );
  /** A message that carries files for `/panel add` or `--demography`: download them, then handle it with them. */
  const runWithFiles = (
    conversation: Conversation,
    text: string,
    files: SlackSharedFile[],
    client: WebClient,
    token?: string,
  ) =>
    deps.track(
      (async () => {
        await deps.gate?.clear();
        await ensureTenant(conversation.tenantId);
        let uploaded: UploadedFile[];
        try {
          uploaded = await downloadSlackFiles(client, token ?? (await deps.tokens(conversation.tenantId)), files);
        } catch (error) {
          await deps.service.reply(conversation, errorReply(error));
          return;
        }
        await deps.service.handle(conversation, text, uploaded);
      })().catch((error: unknown) => deps.log('handling shared Slack files failed', error)),
    );
  const markThinking = async (conversation: Conversation, ts: string, outcome: HandleOutcome) => {
    if (!outcome.jobId) return;
    await deps.sink.startThinking(
      await deps.tokens(conversation.tenantId),
      conversation.tenantId,
      conversation.channelKey,
      ts,
      outcome.jobId,
    );
    const job = await deps.store.getJob(conversation.tenantId, outcome.jobId);
    if (job && !['queued', 'running'].includes(job.status))
      await deps.sink.stopThinking(conversation.tenantId, outcome.jobId);
  };

  app.command(/^\/.+/, async ({ ack, command, context }) => {
    await acknowledge(ack);
    const conversation = {
      tenantId: tenantOf(context),
      channelKey: command.channel_id,
      userId: command.user_id,
      ...(command.user_name ? { userName: command.user_name } : {}),
    };
    run(conversation, slashCommandText(command.command, command.text ?? ''));
  });

  /** Work after the acknowledgement runs in the background, tracked for `whenIdle()`. */
  const background = (label: string, work: () => Promise<unknown>) =>
    deps.track(
      (async () => {
        await deps.gate?.clear();
        await work();
      })().catch((error: unknown) => deps.log(label, error)),
    );

  app.event('app_mention', async ({ event, body, context, client }) =>
    background('app_mention', async () => {
      const tenantId = tenantOf(context);
      if (!(await deps.dedupe.claim(tenantId, body.event_id))) return;
      const message = event as unknown as SlackMessage;
      if (fromBot(message, context.botUserId)) return;
      const text = mentionText(stripBotMention(message.text ?? '', context.botUserId));
      const threadKey = message.thread_ts && message.thread_ts !== message.ts ? message.thread_ts : undefined;
      const base = { tenantId, channelKey: message.channel, userId: message.user ?? 'unknown' };
      if (message.files?.length && isUploadCommand(text))
        return runWithFiles(
          { ...base, ...(threadKey ? { threadKey } : {}) },
          text,
          message.files,
          client,
          context.botToken,
        );
      if (!threadKey) return run(base, text || '/help');
      const addressedPersona = text.startsWith('/') ? undefined : await personaOfMessage(deps.store, base, threadKey);
      run(
        { ...base, threadKey, ...(addressedPersona ? { addressedPersona } : {}) },
        text || '/help',
        text.startsWith('/') ? undefined : message.ts,
      );
    }),
  );

  app.message(async ({ message, body, context, client }) =>
    background('message', async () => {
      const msg = message as unknown as SlackMessage;
      // A file shared with "/panel add" (or "panel add") as its comment: an upload for the command.
      if (
        msg.subtype === 'file_share' &&
        msg.files?.length &&
        !fromBot(msg, context.botUserId) &&
        isUploadCommand(msg.text ?? '') &&
        !(context.botUserId && msg.text?.includes(`<@${context.botUserId}>`))
      ) {
        const tenantId = tenantOf(context);
        if (!(await deps.dedupe.claim(tenantId, (body as { event_id?: string }).event_id))) return;
        const threadKey = msg.thread_ts && msg.thread_ts !== msg.ts ? msg.thread_ts : undefined;
        const conversation = {
          tenantId,
          channelKey: msg.channel,
          userId: msg.user ?? 'unknown',
          ...(threadKey ? { threadKey } : {}),
        };
        return runWithFiles(
          conversation,
          mentionText(stripBotMention(msg.text ?? '')),
          msg.files,
          client,
          context.botToken,
        );
      }
      // Mentions arrive as app_mention too; top-level chatter is not for the panel.
      if (
        (msg.subtype && !USER_SUBTYPES.has(msg.subtype)) ||
        fromBot(msg, context.botUserId) ||
        !msg.thread_ts ||
        msg.thread_ts === msg.ts ||
        !msg.text
      )
        return;
      if (context.botUserId && msg.text.includes(`<@${context.botUserId}>`)) return;
      const tenantId = tenantOf(context);
      const base = { tenantId, channelKey: msg.channel, userId: msg.user ?? 'unknown' };
      if (!(await isTroupeThread(deps.store, base, msg.thread_ts))) return;
      if (!(await deps.dedupe.claim(tenantId, (body as { event_id?: string }).event_id))) return;
      const addressedPersona = await personaOfMessage(deps.store, base, msg.thread_ts);
      const text = stripBotMention(msg.text, context.botUserId);
      run(
        { ...base, threadKey: msg.thread_ts, ...(addressedPersona ? { addressedPersona } : {}) },
        text,
        text.startsWith('/') ? undefined : msg.ts,
      );
    }),
  );

  app.action(new RegExp(`^${ACTION_PREFIX}`), async ({ ack, body, action, client, context }) => {
    await acknowledge(ack);
    const payload = body as unknown as {
      channel?: { id: string };
      message?: { ts: string; thread_ts?: string };
      user: { id: string; name?: string; username?: string };
      trigger_id: string;
    };
    const id = (action as { action_id: string }).action_id.slice(ACTION_PREFIX.length);
    // A button carries `value`; a select (a ballot of many options) carries the picked option.
    const picked = action as { value?: string; selected_option?: { value?: string } };
    const value = picked.value ?? picked.selected_option?.value;
    if (!payload.channel) return;
    const threadTs = payload.message?.thread_ts;
    const conversation: Conversation = {
      tenantId: tenantOf(context),
      channelKey: payload.channel.id,
      userId: payload.user.id,
      ...(payload.user.name || payload.user.username ? { userName: payload.user.name ?? payload.user.username } : {}),
      ...(threadTs ? { threadKey: threadTs } : {}),
    };
    if (id === 'ask' || id === 'poll' || id === 'brainstorm' || id === 'fork') {
      // The [Fork] button sits on a thread's opening message: that message is the thread.
      const origin = id === 'fork' ? (threadTs ?? payload.message?.ts) : threadTs;
      const view = modalView({
        kind: id as ModalKind,
        channel: payload.channel.id,
        ...(origin ? { threadTs: origin } : {}),
      });
      background('views.open', () => client.views.open({ trigger_id: payload.trigger_id, view: view as never }));
      return;
    }
    const commands: Record<string, string | undefined> = {
      summarize: '/summarize',
      export: '/export md',
      confirm: value ? `/confirm ${value}` : undefined,
    };
    const text = commands[id] ?? (value?.startsWith('/') ? value : undefined);
    if (text) run(conversation, text);
  });

  app.view(MODAL_CALLBACK, async ({ ack, view, body, context }) => {
    await acknowledge(ack);
    const submitted = modalSubmission(view.private_metadata, view.state.values as never);
    if (!submitted) return;
    const { origin, text } = submitted;
    run(
      {
        tenantId: tenantOf(context),
        channelKey: origin.channel,
        userId: body.user.id,
        ...(origin.threadTs && origin.kind !== 'ask' ? { threadKey: origin.threadTs } : {}),
      },
      text,
    );
  });

  app.event('app_home_opened', async ({ event, body, client, context }) =>
    background('app_home_opened', async () => {
      if (event.tab !== 'home') return;
      const tenantId = tenantOf(context);
      if (!(await deps.dedupe.claim(tenantId, body.event_id))) return;
      await ensureTenant(tenantId);
      const view = await homeView(deps.store, deps.model, tenantId);
      await client.views.publish({ user_id: event.user, view: view as never });
    }),
  );
}
