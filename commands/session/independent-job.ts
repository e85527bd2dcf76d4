import type { SessionJobDeps } from './session-job-deps.js';
import { z } from 'zod';
import { renderVegaLitePng } from '../../engine/extraction/charts/index.js';
import {
  aggregateRun,
  measureOpinionShift,
  type PollDefinition,
  runPoll,
} from '../../engine/extraction/polls/index.js';
import { deliverActions } from '../../engine/world/delivery.js';
import type { StepResult } from '../../engine/world/world-types.js';
import { savedPolls } from '../extraction/channel-data.js';
import { PollInput, pollDefinition } from '../extraction/poll-input.js';
import type { JobContext, JobKind } from '../jobs/job-types.js';
import { botText, syntheticLabel } from '../replies.js';
import { answerPoster } from './answer-posts.js';
import { opinionShiftChart, opinionShiftLines } from './opinion-shift-report.js';
import { PanelSession } from './panel-session.js';
import { openThread } from './thread-posts.js';
import { TurnGuard } from './turn-guard.js';

export const IndependentInput = z.object({
  question: z.string().min(1),
  rounds: z.number().int().min(1).max(10),
  threadKey: z.string().optional(),
  /** `/poll --independent-then-discuss`: the poll measured before and after; absent: a stance rating of the answers. */
  poll: PollInput.optional(),
  /** False: the answers are given in the open (heard by everyone), the baseline `npm run eval -- herding` compares against. */
  privateAnswers: z.boolean().optional(),
});
export type IndependentInput = z.infer<typeof IndependentInput>;

/** What a persona said in a step (its TALKs joined). */
function saidIn(step: StepResult): Map<string, string> {
  return new Map(
    step.turns.map((turn) => [
      turn.agent,
      turn.actions
        .filter((action) => action.type === 'TALK')
        .map((action) => action.content)
        .join(' '),
    ]),
  );
}

/** The stance poll that rates each text answer when the ask has no poll of its own. */
function stancePoll(question: string): PollDefinition {
  return pollDefinition({
    kind: 'likert',
    question: `Where do you stand on “${question}”? 1 = strongly against / no, 5 = strongly for / yes.`,
    options: [],
    points: 5,
  });
}

/**
 * `/panel ask --independent-then-discuss` (and `/poll … --independent-then-discuss`): every persona
 * answers without hearing the others (a private step: world delivery off), the answers are posted
 * and then shown to everyone, N rounds of discussion follow, and every persona answers again in
 * private. Each round of answers is measured with the poll (or a 1–5 stance rating of what the
 * persona said), and the thread gets the opinion-shift report: per persona first vs final, who
 * changed and in which direction, the distributions with a paired test, and a herding flag.
 */
export function independentJob(deps: SessionJobDeps): JobKind<IndependentInput> {
  return {
    kind: 'independent',
    input: IndependentInput,
    resumable: true,
    lane: (_input, conversation) => `world:${conversation.tenantId}:${conversation.channelKey}`,
    describe: (input) => `Independent answers, then ${input.rounds} round(s) of discussion`,
    async run(context: JobContext, input: IndependentInput) {
      if (context.job.result?.committed) return context.job.result;
      const tenantId = context.conversation.tenantId;
      const attribution = { tenantId, jobId: context.job.id };
      const where = { ...context.conversation, threadKey: input.threadKey ?? context.conversation.threadKey };
      const session = await PanelSession.open(deps, where, { attribution });
      for (const intervention of await deps.interventions(context.conversation, session.world, attribution))
        session.world.addIntervention(intervention);
      const thread = input.threadKey
        ? { ...context.conversation, threadKey: input.threadKey }
        : await openThread(
            context,
            deps.store,
            `❓ ${input.question} (independent first, then discussion)`,
            session.panel.name,
          );
      const names = session.agents.map((agent) => agent.name);
      const poster = answerPoster(context, session, deps.model, thread, names, deps.compactAnswersAbove);
      session.observe(async (event) => {
        if (event.kind === 'agent-acted') await poster.post(event.agent, event.step, event.actions);
      });
      const guard = await TurnGuard.forJob(context, deps.store, thread.threadKey, session.agents);
      const total = input.rounds + 2;
      const step = async (deliver: boolean, label: string, done: number) => {
        await context.progress(done, total, label);
        const result = await session.world.step({
          threadKey: thread.threadKey,
          signal: context.signal,
          actFor: guard.actFor,
          deliver,
        });
        await poster.flush(result.step);
        return result;
      };

      await context.post(
        'independent-header',
        botText('🤫 Independent answers: each persona answers without seeing anyone else’s answer.'),
        thread,
      );
      session.world.broadcast(input.question, 'facilitator', thread.threadKey);
      const open = input.privateAnswers === false;
      const first = await step(open, 'Independent answers', 0);
      // Now everyone hears what the others said, and the discussion starts from there.
      for (const turn of open ? [] : first.turns) {
        const agent = session.world.getAgent(turn.agent);
        if (agent) deliverActions(session.world, agent, turn.actions, thread.threadKey);
      }
      await context.post(
        'discussion-header',
        botText(`💬 Everyone has now seen the others’ answers. ${input.rounds} round(s) of discussion.`),
        thread,
      );
      session.world.broadcast(
        `You have all heard each other's answers to "${input.question}". Discuss: react to what the others said, and say if anything changes your mind.`,
        'facilitator',
        thread.threadKey,
      );
      for (let round = 1; round <= input.rounds; round++) await step(true, 'Discussion: round', round);
      await context.post(
        'final-header',
        botText('🗳️ Final answers, again without seeing anyone else’s final answer.'),
        thread,
      );
      session.world.broadcast(
        `The discussion is over. Privately, give your final answer to: "${input.question}"`,
        'facilitator',
        thread.threadKey,
      );
      const final = await step(open, 'Final answers', input.rounds + 1);
      await context.progress(total, total, 'Measuring the shift');

      const poll = input.poll ? pollDefinition(input.poll) : stancePoll(input.question);
      const firstSaid = saidIn(first);
      const finalSaid = saidIn(final);
      const measure = (said: Map<string, string>, label: string) =>
        runPoll({
          personas: session.records.map((record) => ({
            id: record.id,
            name: record.name,
            spec: record.spec,
            memorySummary: said.get(record.name) ? `${label}: ${said.get(record.name)}` : undefined,
          })),
          poll,
          model: deps.model,
          weights: session.panel.weights,
          panel: session.panel.name,
          signal: context.signal,
          attribution,
        });
      const before = await measure(firstSaid, 'You answered, before hearing anyone else');
      const after = await measure(finalSaid, 'After the discussion, your final answer was');
      const shift = measureOpinionShift(poll, before.answers, after.answers);
      const texts = new Map(names.map((name) => [name, { first: firstSaid.get(name), final: finalSaid.get(name) }]));
      const lines = opinionShiftLines(shift, input.rounds, input.poll ? undefined : texts);
      const outcome = {
        committed: true,
        threadKey: thread.threadKey,
        rounds: input.rounds,
        changedShare: shift.changedShare,
        herding: shift.herding,
        spread: shift.spread,
        ...(shift.test ? { p: shift.test.p } : {}),
        ...(guard.failures.length ? { failed: guard.failures, status: 'partial' as const } : {}),
      };
      await session.commit({ id: context.job.id, result: outcome });
      const chart = opinionShiftChart(shift, poll.question);
      await context.post(
        'shift-chart',
        {
          kind: 'image',
          title: `Opinion shift: ${poll.question}`,
          png: new Uint8Array(await renderVegaLitePng(chart.spec)),
          altText: chart.altText,
          speaker: { kind: 'bot' },
        },
        thread,
      );
      const text = lines.join('\n');
      await context.post(
        'shift-report',
        botText(text, { blocks: [{ kind: 'section', text }, syntheticLabel(deps.model, 'Synthetic opinion shift')] }),
        thread,
      );
      if (guard.failures.length) await context.post('failures', botText(guard.describe()), thread);
      const polls = savedPolls(deps.store, context.conversation);
      await polls.add(
        thread.threadKey,
        { results: aggregateRun(before), answers: before.answers },
        `${context.job.id}:first`,
      );
      await polls.add(
        thread.threadKey,
        { results: aggregateRun(after), answers: after.answers },
        `${context.job.id}:final`,
      );
      await polls.remember(thread.threadKey);
      return outcome;
    },
  };
}
