import type { SessionJobDeps } from './session-job-deps.js';
import { z } from 'zod';
import { TinyWorld } from '../../engine/world/tiny-world.js';
import type { JobContext, JobKind } from '../jobs/job-types.js';
import type { Conversation } from '../reply.js';
import { botText } from '../replies.js';
import { answerPoster } from './answer-posts.js';
import { openThread } from './thread-posts.js';
import { PanelSession } from './panel-session.js';
import { TurnGuard } from './turn-guard.js';

export const AskInput = z.object({
  question: z.string().min(1),
  /** Present for a follow-up in an existing thread. */
  threadKey: z.string().optional(),
  /** Only this persona hears the follow-up and answers. */
  persona: z.string().optional(),
  /** Only these personas hear it and answer (a retry of the ones that failed). */
  personas: z.array(z.string()).min(1).optional(),
});
export type AskInput = z.infer<typeof AskInput>;

/** What an ask job records when it commits (read by `/panel retry`). */
export interface AskOutcome extends Record<string, unknown> {
  committed: true;
  threadKey: string;
  question: string;
  answers: number;
  /** Personas that could not answer, with the reason; present when some failed. */
  failed?: { agent: string; reason: string }[];
  status?: 'partial' | 'failed';
}

/**
 * `/panel ask` and follow-ups: the facilitator's words go to the whole panel (or the addressed
 * personas), the world runs one step in the thread, and every TALK is posted under the persona's
 * name as it arrives. A resumed job replays the answers it already posted instead of asking the
 * model again; a persona that fails after retries is reported by name and the others' answers are
 * committed with the job's mark in one transaction.
 */
export function askJob(deps: SessionJobDeps): JobKind<AskInput> {
  return {
    kind: 'panel.ask',
    input: AskInput,
    resumable: true,
    lane: (_input, conversation) => `world:${conversation.tenantId}:${conversation.channelKey}`,
    describe: (input) =>
      input.personas
        ? `Asking ${input.personas.join(', ')} again`
        : input.persona
          ? `Asking ${input.persona}`
          : input.threadKey
            ? 'Follow-up to the panel'
            : 'Asking the panel',
    async run(context: JobContext, input: AskInput) {
      if (context.job.result?.committed) return context.job.result;
      const attribution = { tenantId: context.conversation.tenantId, jobId: context.job.id };
      const where = { ...context.conversation, threadKey: input.threadKey ?? context.conversation.threadKey };
      const session = await PanelSession.open(deps, where, { attribution });
      for (const intervention of await deps.interventions(context.conversation, session.world, attribution))
        session.world.addIntervention(intervention);
      const names = input.personas ?? (input.persona ? [input.persona] : undefined);
      const addressed = names?.map((name) => session.agent(name));
      const thread = input.threadKey
        ? { ...context.conversation, threadKey: input.threadKey }
        : await openThread(context, deps.store, `❓ ${input.question}`, session.panel.name, [
            // Slack and Discord open a modal for the changed question, Teams unfolds a form; elsewhere `/fork` explains.
            { id: 'fork', label: 'Fork', value: '/fork' },
          ]);
      const audience = addressed ?? session.agents;
      const label = addressed?.length === 1 ? `Asking ${addressed[0].name}` : `Asking ${audience.length} personas`;
      await context.progress(0, audience.length, label);
      const stepWorld = addressed
        ? new TinyWorld({
            name: session.world.name,
            agents: addressed,
            clock: session.clock,
            observer: (event) => observer(event),
            eventSink: async (events) => {
              for (const event of events) session.note(event);
            },
          })
        : session.world;
      if (addressed) stepWorld.fromState(session.world.toState());
      const poster = answerPoster(
        context,
        session,
        deps.model,
        thread,
        audience.map((agent) => agent.name),
        deps.compactAnswersAbove,
      );
      let answered = 0;
      const observer = async (event: Parameters<Parameters<PanelSession['observe']>[0]>[0]) => {
        if (event.kind !== 'agent-acted') return;
        await poster.post(event.agent, event.step, event.actions);
        answered++;
        await context.progress(answered, audience.length, label);
      };
      session.observe(observer);
      const guard = await TurnGuard.forJob(context, deps.store, thread.threadKey, audience);
      stepWorld.broadcast(input.question, 'facilitator', thread.threadKey);
      const result = await stepWorld.step({
        threadKey: thread.threadKey,
        signal: context.signal,
        actFor: guard.actFor,
      });
      await poster.flush(result.step);
      if (addressed) session.world.fromState({ ...session.world.toState(), time: stepWorld.toState().time });
      const answers = result.turns.filter((turn) => turn.actions.some((action) => action.type === 'TALK')).length;
      const outcome: AskOutcome = {
        committed: true,
        threadKey: thread.threadKey,
        question: input.question,
        answers,
        ...(guard.failures.length
          ? { failed: guard.failures, status: answers ? ('partial' as const) : ('failed' as const) }
          : {}),
      };
      await session.commit({ id: context.job.id, result: outcome });
      if (guard.failures.length) await context.post('failures', failureReply(context.job.id, guard), thread);
      else if (!answers)
        await context.post('silent', botText('Nobody had anything to say. Try rephrasing the question.'), thread);
      return outcome;
    },
  };
}

/** "Maya could not answer: the model timed out." with a command and a button that ask only them again. */
function failureReply(jobId: string, guard: TurnGuard) {
  const retry = `/panel retry ${jobId}`;
  const text = `${guard.describe()} Their answers are missing; the others' are saved. Ask only them again: ${retry}`;
  return botText(text, {
    blocks: [
      { kind: 'section', text },
      { kind: 'actions', buttons: [{ id: 'retry', label: 'Ask them again', value: retry }] },
    ],
  });
}

/** The conversation of a thread inside the job's channel. */
export function inThread(conversation: Conversation, threadKey: string): Conversation {
  return { ...conversation, threadKey };
}
