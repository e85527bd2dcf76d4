import { z } from 'zod';
import { TENANT_CHANNEL } from '../panel-channels.js';
import { botText, openedThread, personaMessages, provenanceLabel } from '../reply-content.js';
import { defineTool, jobOf, jobOutput } from '../tool-declaration.js';

/** What `/confirm` finds waiting (stored by the command service when a command is estimated above the threshold). */
interface PendingConfirmation {
  conversation?: { channelKey?: string; userId?: string };
}

/** `/confirm <id>`: runs a command that was estimated above the cost threshold. */
export const confirm = defineTool({
  name: 'confirm',
  title: 'Confirm an expensive command',
  description:
    'Runs a command that was refused because its estimated cost is above the confirmation threshold: give the confirmation id that tool error named. Runs the job (progress, cancellable).',
  input: { id: z.string().regex(/^[0-9a-f]{6}$/, 'a confirmation id is six hex digits, e.g. a1b2c3') },
  output: {
    text: z.string(),
    answers: z.array(z.object({ persona: z.string(), personaId: z.string().optional(), text: z.string() })),
    thread: z.string().optional(),
    ...jobOutput,
  },
  async command(args, context) {
    const pending = (await context.store.getValue(context.tenantId, `confirm:${args.id}`)) as
      | PendingConfirmation
      | undefined;
    const userId = pending?.conversation?.userId;
    return {
      channelKey: pending?.conversation?.channelKey ?? TENANT_CHANNEL,
      text: `/confirm ${args.id}`,
      ...(userId ? { takesOver: [userId] } : {}),
    };
  },
  async result(run, _args, context) {
    const thread = openedThread(run.replies);
    const channelKey = (run.job?.conversation as { channelKey?: string } | undefined)?.channelKey;
    if (thread && channelKey) {
      const world = await context.store.getWorld(context.tenantId, channelKey);
      const panel = world && (await context.store.getPanelById(context.tenantId, world.panelId));
      if (panel) await context.channels.remember(context.tenantId, thread, { channelKey, panel: panel.name });
    }
    return {
      structured: {
        text: botText(run.replies),
        answers: personaMessages(run.replies),
        ...(thread ? { thread } : {}),
        label: provenanceLabel(run.replies) ?? context.fallbackLabel,
        job: jobOf(run),
      },
    };
  },
});
