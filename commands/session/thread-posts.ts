import type { Action } from '../../engine/agent/events.js';
import { PlatformError } from '../../engine/errors.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { KeyValueStore } from '../../engine/store/ports.js';
import type { JobContext } from '../jobs/job-types.js';
import type { Conversation, Reply } from '../reply.js';
import { botText, syntheticLabel } from '../replies.js';
import type { PanelSession } from './panel-session.js';

/** KeyValueStore key of the latest thread of a channel (what channel-level commands apply to). */
export const lastThreadKey = (channelKey: string) => `thread:last:${channelKey}`;

/**
 * The thread a channel-level job works on, decided when the job runs rather than when it was
 * typed: jobs of a channel run in order, so `/summarize` typed right after `/panel ask` sees the
 * thread that ask opened. `latestThread` marks inputs that asked for "the most recent thread".
 */
export async function jobThread(
  store: Pick<KeyValueStore, 'getValue'>,
  conversation: { tenantId: string; channelKey: string },
  input: { threadKey?: string; latestThread?: boolean },
): Promise<string | undefined> {
  if (!input.latestThread) return input.threadKey;
  const latest = await store.getValue(conversation.tenantId, lastThreadKey(conversation.channelKey));
  return typeof latest === 'string' ? latest : input.threadKey;
}

/**
 * Posts the message that opens a thread (a question or a brainstorm topic) at the channel root,
 * remembers the thread as the channel's latest, and returns the thread's conversation. On a
 * replay the recorded post gives the same thread back.
 */
export async function openThread(
  context: JobContext,
  store: KeyValueStore,
  text: string,
  panelName: string,
  buttons?: { id: string; label: string; value?: string }[],
): Promise<Conversation & { threadKey: string }> {
  const outcome = await context.post(
    'question',
    botText(text, {
      placement: 'channel',
      opensThread: true,
      blocks: [
        { kind: 'section', text },
        { kind: 'context', text: `Panel ${panelName}` },
        ...(buttons?.length ? [{ kind: 'actions' as const, buttons }] : []),
      ],
    }),
  );
  const threadKey = outcome.threadKey ?? outcome.messageId;
  if (!threadKey) {
    throw new PlatformError(
      'thread.unknown',
      'The message that opens this thread was reserved but never confirmed (the process stopped while posting it); ask the question again.',
    );
  }
  await store.setValue(context.conversation.tenantId, lastThreadKey(context.conversation.channelKey), threadKey);
  return { ...context.conversation, threadKey };
}

/** A persona's answer as a reply: posted under its name and avatar, labelled synthetic with the model name. */
export function personaAnswer(
  session: PanelSession,
  agentName: string,
  text: string,
  model: Pick<LanguageModel, 'name'>,
): Reply {
  const record = session.record(agentName);
  return {
    kind: 'text',
    text,
    speaker: { kind: 'persona', name: agentName, avatar: record?.avatar, personaId: record?.id },
    placement: 'thread',
    blocks: [{ kind: 'section', text }, syntheticLabel(model)],
  };
}

/**
 * Posts every TALK of a turn in the thread, keyed `answer:<persona>:<step>:<n>` so a replayed step
 * skips what was already posted.
 */
export function personaPoster(
  context: JobContext,
  session: PanelSession,
  model: Pick<LanguageModel, 'name'>,
  thread: Conversation,
) {
  return async (agentName: string, step: number, actions: Action[]) => {
    const talks = actions.filter((action) => action.type === 'TALK' && action.content.trim());
    for (const [index, action] of talks.entries()) {
      await context.post(
        `answer:${agentName}:${step}:${index}`,
        personaAnswer(session, agentName, action.content, model),
        thread,
      );
    }
  };
}
