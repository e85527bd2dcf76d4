import type { SessionJobDeps } from './session-job-deps.js';
import { z } from 'zod';
import { varietyIntervention } from '../../engine/steering/index.js';
import type { JobContext, JobKind } from '../jobs/job-types.js';
import { PanelSession } from './panel-session.js';
import { answerPoster } from './answer-posts.js';
import { openThread } from './thread-posts.js';
import { TurnGuard } from './turn-guard.js';
import { botText } from '../replies.js';

export const BrainstormInput = z.object({
  topic: z.string().min(1),
  rounds: z.number().int().min(1),
  diverge: z.boolean(),
  threadKey: z.string().optional(),
});
export type BrainstormInput = z.infer<typeof BrainstormInput>;

/** What the facilitator says to open a brainstorm (also what `/panel retry` asks the personas that failed). */
export function brainstormPrompt(topic: string): string {
  return `Let's brainstorm together: propose concrete ideas, one or two at a time, and build on the others' ideas. The topic: ${topic}`;
}

/**
 * `/brainstorm`: the facilitator opens the topic, then the world runs N rounds in the thread;
 * with `--diverge` each persona gets a variety intervention that pushes for new ideas when they
 * start repeating themselves. Progress shows the round.
 */
export function brainstormJob(deps: SessionJobDeps): JobKind<BrainstormInput> {
  return {
    kind: 'brainstorm',
    input: BrainstormInput,
    resumable: true,
    lane: (_input, conversation) => `world:${conversation.tenantId}:${conversation.channelKey}`,
    describe: (input) => `Brainstorming ${input.rounds} round(s)${input.diverge ? ' with divergence' : ''}`,
    async run(context: JobContext, input: BrainstormInput) {
      if (context.job.result?.committed) return context.job.result;
      const tenantId = context.conversation.tenantId;
      const attribution = { tenantId, jobId: context.job.id };
      const where = { ...context.conversation, threadKey: input.threadKey ?? context.conversation.threadKey };
      const session = await PanelSession.open(deps, where, { attribution });
      for (const intervention of await deps.interventions(context.conversation, session.world, attribution))
        session.world.addIntervention(intervention);
      if (input.diverge)
        for (const agent of session.agents)
          session.world.addIntervention(varietyIntervention(agent, { model: deps.model, attribution }));
      const thread = input.threadKey
        ? { ...context.conversation, threadKey: input.threadKey }
        : await openThread(
            context,
            deps.store,
            `💡 Brainstorm: ${input.topic} (${input.rounds} round${input.rounds > 1 ? 's' : ''}${input.diverge ? ', divergence on' : ''})`,
            session.panel.name,
          );
      const poster = answerPoster(
        context,
        session,
        deps.model,
        thread,
        session.agents.map((agent) => agent.name),
        deps.compactAnswersAbove,
      );
      session.observe(async (event) => {
        if (event.kind === 'agent-acted') await poster.post(event.agent, event.step, event.actions);
      });
      session.world.broadcast(brainstormPrompt(input.topic), 'facilitator', thread.threadKey);
      const label = `Brainstorming${input.diverge ? ' (divergence on)' : ''}: round`;
      const guard = await TurnGuard.forJob(context, deps.store, thread.threadKey, session.agents);
      let spoke = 0;
      for (let round = 1; round <= input.rounds; round++) {
        await context.progress(round - 1, input.rounds, label);
        const step = await session.world.step({
          threadKey: thread.threadKey,
          signal: context.signal,
          stepDuration: { minutes: 5 },
          actFor: guard.actFor,
        });
        spoke += step.turns.filter((turn) => turn.actions.some((action) => action.type === 'TALK')).length;
        await poster.flush(step.step);
      }
      await context.progress(input.rounds, input.rounds, label);
      const failedAgents = [...new Set(guard.failures.map((failure) => failure.agent))];
      const outcome = {
        committed: true,
        threadKey: thread.threadKey,
        rounds: input.rounds,
        interventionsFired: session.world.interventionFires.length,
        ...(failedAgents.length
          ? { failed: guard.failures, status: spoke ? ('partial' as const) : ('failed' as const) }
          : spoke
            ? {}
            : { status: 'failed' as const }),
      };
      await session.commit({ id: context.job.id, result: outcome });
      if (failedAgents.length || !spoke) {
        const why = failedAgents.length
          ? guard.describe()
          : 'Nobody spoke in this brainstorm: the personas only thought or ended their turns.';
        const text = `${why}${spoke ? '' : ' Nothing was said, so there is nothing to summarize or export.'}`;
        if (!failedAgents.length) await context.post('failures', botText(text), thread);
        else {
          // Only the personas that failed are asked again, in this thread, on the same topic.
          const retry = `/panel retry ${context.job.id}`;
          const full = `${text} Their ideas are missing; the others' are saved. Ask only them again: ${retry}`;
          await context.post(
            'failures',
            botText(full, {
              blocks: [
                { kind: 'section', text: full },
                { kind: 'actions', buttons: [{ id: 'retry', label: 'Ask them again', value: retry }] },
              ],
            }),
            thread,
          );
        }
      }
      return outcome;
    },
  };
}
