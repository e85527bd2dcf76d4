import { z } from 'zod';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { Store } from '../../engine/store/ports.js';
import { TinyWorld } from '../../engine/world/tiny-world.js';
import type { JobContext, JobKind } from '../jobs/job-types.js';
import type { Conversation } from '../reply.js';
import { botText } from '../replies.js';
import { openThread, personaPoster } from './thread-posts.js';
import { PanelSession } from './panel-session.js';
import type { InterventionLoader } from './interventions.js';

export const AskInput = z.object({
  question: z.string().min(1),
  /** Present for a follow-up in an existing thread. */
  threadKey: z.string().optional(),
  /** Only this persona hears the follow-up and answers. */
  persona: z.string().optional(),
});
export type AskInput = z.infer<typeof AskInput>;

/**
 * `/panel ask` and follow-ups: the facilitator's words go to the whole panel (or the addressed
 * persona), the world runs one step in the thread, and every TALK is posted under the persona's
 * name as it arrives. Replays after a restart reuse the same keys, so nothing is posted twice.
 */
export function askJob(deps: {
  store: Store;
  model: LanguageModel;
  interventions: InterventionLoader;
}): JobKind<AskInput> {
  return {
    kind: 'panel.ask',
    input: AskInput,
    resumable: true,
    lane: (_input, conversation) => `world:${conversation.tenantId}:${conversation.channelKey}`,
    describe: (input) =>
      input.persona ? `Asking ${input.persona}` : input.threadKey ? 'Follow-up to the panel' : 'Asking the panel',
    async run(context: JobContext, input: AskInput) {
      if (context.job.result?.committed) return context.job.result;
      const session = await PanelSession.open(deps, context.conversation, {
        attribution: { tenantId: context.conversation.tenantId, jobId: context.job.id },
      });
      for (const intervention of await deps.interventions(context.conversation, session.world))
        session.world.addIntervention(intervention);
      const addressed = input.persona ? session.agent(input.persona) : undefined;
      const thread = input.threadKey
        ? { ...context.conversation, threadKey: input.threadKey }
        : await openThread(context, deps.store, `❓ ${input.question}`, session.panel.name);
      const audience = addressed ? [addressed] : session.agents;
      await context.progress(
        0,
        audience.length,
        `${addressed ? `Asking ${addressed.name}` : `Asking ${audience.length} personas`}`,
      );
      const stepWorld = addressed
        ? new TinyWorld({
            name: session.world.name,
            agents: [addressed],
            clock: session.clock,
            observer: (event) => observer(event),
            eventSink: async (events) => {
              for (const event of events) session.note(event);
            },
          })
        : session.world;
      if (addressed) stepWorld.fromState(session.world.toState());
      const post = personaPoster(context, session, deps.model, thread);
      let answered = 0;
      const observer = async (event: Parameters<Parameters<PanelSession['observe']>[0]>[0]) => {
        if (event.kind !== 'agent-acted') return;
        await post(event.agent, event.step, event.actions);
        answered++;
        await context.progress(
          answered,
          audience.length,
          addressed ? `Asking ${addressed.name}` : `Asking ${audience.length} personas`,
        );
      };
      session.observe(observer);
      stepWorld.broadcast(input.question, 'facilitator', thread.threadKey);
      const result = await stepWorld.step({ threadKey: thread.threadKey, signal: context.signal });
      if (addressed) session.world.fromState({ ...session.world.toState(), time: stepWorld.toState().time });
      const outcome = {
        committed: true,
        threadKey: thread.threadKey,
        answers: result.turns.filter((turn) => turn.actions.some((action) => action.type === 'TALK')).length,
      };
      await session.commit({ id: context.job.id, result: outcome });
      if (!outcome.answers)
        await context.post('silent', botText('Nobody had anything to say. Try rephrasing the question.'), thread);
      return outcome;
    },
  };
}

/** The conversation of a thread inside the job's channel. */
export function inThread(conversation: Conversation, threadKey: string): Conversation {
  return { ...conversation, threadKey };
}
