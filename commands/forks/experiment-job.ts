import type { SessionJobDeps } from '../session/session-job-deps.js';
import { z } from 'zod';
import { UserInputError } from '../../engine/errors.js';
import { type Observation, compareConditions, formatResultsTable, runAB } from '../../engine/experiments/index.js';
import type { PollExport } from '../../engine/extraction/index.js';
import { savedPolls } from '../extraction/channel-data.js';
import { PollInput } from '../extraction/poll-input.js';
import { pollJob } from '../extraction/poll-job.js';
import type { JobContext, JobKind } from '../jobs/job-types.js';
import { botText } from '../replies.js';
import { askJob } from '../session/ask-job.js';
import { seatedPersonas, worldOf } from '../session/world-routing.js';
import type { DiffSide } from './diff-sides.js';
import { compareSides } from './diff-job.js';
import { ArmLedger } from './arm-ledger.js';
import { assignArms } from './experiment-arms.js';
import { openFork } from './fork-job.js';

export const ExperimentInput = z.object({
  a: z.string().min(1),
  b: z.string().min(1),
  within: z.boolean(),
  poll: PollInput.optional(),
  seed: z.number().int().optional(),
  parentThreadKey: z.string().optional(),
});
export type ExperimentInput = z.infer<typeof ExperimentInput>;

/** A poll answer as a number for the results table (yes = 1, a rating, a number); undefined for choices. */
function numeric(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value === 'yes') return 1;
  if (value === 'no') return 0;
  return undefined;
}

/**
 * `/experiment "<A>" "<B>" [--poll …] [--within]`: two forks of the current point, one per arm
 * (the personas split at random with a seeded shuffle, or everyone in both arms with `--within`),
 * each arm's stimulus put to its personas (who never see an arm label), the poll run in each arm,
 * then the diff of the two arms with the experiment helpers' results table (Welch, Mann-Whitney,
 * chi-square for 0/1 answers) posted where the experiment was asked. A resumed experiment skips
 * what its sub-runs had done (their marks in `ArmLedger`): no committed turn or recorded poll answer is
 * asked again, and no post is repeated.
 */
export function experimentJob(deps: SessionJobDeps): JobKind<ExperimentInput> {
  const poll = pollJob(deps);
  return {
    kind: 'experiment',
    input: ExperimentInput,
    resumable: true,
    lane: (_input, conversation) => `world:${conversation.tenantId}:${conversation.channelKey}`,
    describe: (input) => `Experiment: “${input.a}” vs “${input.b}”${input.within ? ' (within)' : ''}`,
    async run(context: JobContext, input: ExperimentInput) {
      // Only the experiment's own final result (it has a design) ends it: before marks existed, an
      // arm's ask wrote its bare `committed` outcome onto this job, and that arm's experiment is not done.
      if (context.job.result?.committed && context.job.result.design) return context.job.result;
      const { store } = deps;
      const ledger = new ArmLedger(context.job.id, context.job.result?.arms, (result) => context.recordResult(result));
      const { tenantId, channelKey } = context.conversation;
      const parent = await worldOf(store, { tenantId, channelKey, threadKey: input.parentThreadKey });
      const panel = parent && (await store.getPanelById(tenantId, parent.panelId));
      if (!parent || !panel)
        throw new UserInputError('panel.not-seated', 'No panel is seated in this channel.', '/panel seat us-parents');
      const personas = await seatedPersonas(store, tenantId, parent, panel.id);
      const seed = input.seed ?? input.parentThreadKey ?? context.job.id;
      const arms = assignArms(personas, { within: input.within, seed });
      if (!arms.B.length)
        throw new UserInputError(
          'experiment.too-small',
          'A between-personas experiment needs at least 2 personas; use --within to give everyone both arms.',
          `/experiment "${input.a.slice(0, 30)}" "${input.b.slice(0, 30)}" --within`,
        );
      const sides: { label: string; worldId: string; threadKey: string }[] = [];
      const stimuli = { A: input.a, B: input.b };
      let done = 0;
      const runArm = async (label: 'A' | 'B'): Promise<Observation[]> => {
        const opened = await openFork(context, store, {
          key: `${context.job.id}:${label}`,
          stimulus: stimuli[label],
          from: 'now',
          parentThreadKey: input.parentThreadKey,
          label,
          personaIds: arms[label].map((persona) => persona.id),
          panelName: panel.name,
        });
        // Each arm runs the ask and poll kinds as sub-runs: their own post keys, each its own result (a mark).
        const arm = (slot: string): JobContext => ({
          ...context,
          job: { ...context.job, result: ledger.get(slot) },
          conversation: opened.thread,
          post: (key, reply, where) => context.post(`${label}:${key}`, reply, where),
          progress: (_done, _total, message) =>
            context.progress(done, 2, `Arm ${label}: ${message.replace(/:.*$/, '')}`),
          recordResult: (result) => ledger.set(slot, result),
        });
        const ask = askJob({ ...deps, store: ledger.armStore(store, label, `${label}:ask`) });
        await ask.run(arm(`${label}:ask`), { question: stimuli[label], threadKey: opened.thread.threadKey });
        let answers: PollExport['answers'] = [];
        if (input.poll) {
          await poll.run(arm(`${label}:poll`), { ...input.poll, threadKey: opened.thread.threadKey });
          const saved = await savedPolls(store, context.conversation).list(opened.thread.threadKey, false);
          answers = saved.at(-1)?.answers ?? [];
        }
        sides.push({
          label: `arm ${label} (“${stimuli[label].slice(0, 40)}”)`,
          worldId: opened.fork.worldId,
          threadKey: opened.thread.threadKey,
        });
        done++;
        return (answers ?? []).flatMap((answer) => {
          const value = numeric(answer.value);
          return value === undefined ? [] : [{ answer: value }];
        });
      };
      const samples = await runAB({ replicates: 1, scenario: async ({ treatment }) => runArm(treatment ? 'B' : 'A') });
      const worlds: DiffSide[] = [];
      for (const side of sides) {
        const world = await store.getWorldById(tenantId, side.worldId);
        if (world) worlds.push({ label: side.label, world, threadKey: side.threadKey });
      }
      const names = (list: typeof arms.A) => list.map((persona) => persona.name).join(', ');
      const extra = [
        arms.design === 'within'
          ? `Design: within personas — all ${personas.length} personas took both arms (in separate forks, so neither arm saw the other).`
          : `Design: between personas, split at random (seed ${seed}): A = ${names(arms.A)}; B = ${names(arms.B)}.`,
        'The personas were never told which arm they were in.',
      ];
      if (samples.control.length && samples.treatment.length)
        extra.push(
          formatResultsTable(compareConditions(samples, ['answer']), {
            title: 'Results table (T = arm B, C = arm A; yes = 1, no = 0):',
            labels: { answer: input.poll?.question ?? 'answer' },
          }),
        );
      const where = input.parentThreadKey
        ? { ...context.conversation, threadKey: input.parentThreadKey }
        : context.conversation;
      const compared =
        ledger.get('diff') ??
        (await compareSides(context, deps, [worlds[0], worlds[1]], { where, extra, keyPrefix: 'diff:' }));
      if (!ledger.get('diff')) await ledger.set('diff', compared);
      const result = { ...compared, committed: true, design: arms.design, A: arms.A.length, B: arms.B.length };
      if (!input.poll)
        await context.post(
          'no-poll',
          botText('No --poll was given, so the arms are compared on stances rated from what each persona said.'),
          where,
        );
      await context.recordResult(result);
      return result;
    },
  };
}
