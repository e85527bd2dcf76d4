import type { PersonaSpec } from '../../engine/agent/persona-spec.js';
import { TinyPerson } from '../../engine/agent/tiny-person.js';
import {
  type ABSamples,
  type Observation,
  compareConditions,
  formatResultsTable,
  runAB,
  type ResultRow,
} from '../../engine/experiments/index.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import { varietyIntervention } from '../../engine/steering/index.js';
import {
  ActionCorrector,
  type CorrectionTally,
  divergence,
  fluency,
  personaAdherence,
  selfConsistency,
  sumTallies,
} from '../../engine/validation/index.js';
import { SeededRandom } from '../../engine/util/random.js';
import { TinyWorld } from '../../engine/world/tiny-world.js';
import { countIdeas } from './ideas.js';

/** Which mechanism the treatment arm turns on (the paper's experiments 1/2.1, 2.2 and 3). */
export type BrainstormTreatment = 'both' | 'variety' | 'correction';

/** Settings of the brainstorming evaluation. */
export interface BrainstormEvalOptions {
  model: LanguageModel;
  personas: readonly PersonaSpec[];
  /** Environments per arm (the paper: N_e = 40 in total). */
  groups: number;
  agentsPerGroup: number;
  steps: number;
  treatment: BrainstormTreatment;
  seed?: number;
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

/** The outcome: per-metric rows, the printed table, raw samples and what correction did. */
export interface BrainstormEvalResult {
  rows: ResultRow[];
  table: string;
  samples: ABSamples;
  correction: CorrectionTally;
}

/** The facilitator's request, as in the paper's brainstorming example. */
export const BRAINSTORM_PROMPT = `We are running a brainstorming session to find new product and service ideas that would make
your everyday life better. Create as many different and unique ideas as you can during the session. Each idea must be
COMPLETELY different from the others: do not refine or repeat ideas already proposed. Say your ideas out loud.`;

export const METRIC_LABELS = {
  personaAdherence: 'Persona Adherence',
  selfConsistency: 'Self-consistency',
  fluency: 'Fluency',
  divergence: 'Divergence',
  ideasQty: 'Ideas Qty.',
} as const;

const TREATMENT_TEXT: Record<BrainstormTreatment, string> = {
  both: 'Action correction + variety intervention',
  variety: 'Variety intervention only',
  correction: 'Action correction',
};

/**
 * The paper's brainstorming experiment: groups of personas brainstorm with and without the treatment;
 * each agent is scored on persona adherence, self-consistency and fluency, each world on divergence
 * and the number of distinct ideas; the arms are compared with Welch's t-test (Table 1).
 *
 * @example
 *   const { table } = await runBrainstormEval({ model, personas, groups: 10, agentsPerGroup: 5, steps: 5, treatment: 'both' });
 */
export async function runBrainstormEval(options: BrainstormEvalOptions): Promise<BrainstormEvalResult> {
  const { model, personas } = options;
  const tallies: CorrectionTally[] = [];
  const judge = { model, taskPrefix: 'eval' };
  const samples = await runAB({
    replicates: options.groups,
    seed: options.seed ?? 0,
    concurrency: options.concurrency ?? 2,
    onProgress: options.onProgress,
    scenario: async ({ treatment, replicate, seed }) => {
      const rng = new SeededRandom(seed);
      const chosen = rng.shuffle(personas).slice(0, options.agentsPerGroup);
      const correcting = treatment && options.treatment !== 'variety';
      const varying = treatment && options.treatment !== 'correction';
      const corrector = correcting ? new ActionCorrector({ model }) : undefined;
      const agents = chosen.map((spec) => new TinyPerson({ spec, model, turnReviewer: corrector }));
      const world = new TinyWorld({
        name: `brainstorm-${replicate}-${treatment ? 'T' : 'C'}`,
        agents,
        interventions: varying ? agents.map((a) => varietyIntervention(a, { model })) : [],
        seed,
      });
      world.broadcast(BRAINSTORM_PROMPT, 'facilitator');
      await world.run({ steps: options.steps, stepDuration: { minutes: 5 } });
      if (corrector) tallies.push(corrector.total());
      const perAgent = await Promise.all(
        agents.map(async (agent): Promise<Observation> => {
          const [adherence, consistency, fluent] = await Promise.all([
            personaAdherence(agent, judge).score(),
            selfConsistency(agent, judge).score(),
            fluency(agent, judge).score(),
          ]);
          return { personaAdherence: adherence.value, selfConsistency: consistency.value, fluency: fluent.value };
        }),
      );
      const [diverging, ideas] = await Promise.all([divergence(world, judge).score(), countIdeas(model, world)]);
      return [...perAgent, { divergence: diverging.value, ideasQty: ideas.length }];
    },
  });
  const rows = compareConditions(samples, Object.keys(METRIC_LABELS));
  const table = formatResultsTable(rows, {
    title: `Brainstorming${model.offline ? ' (offline model: proves the wiring only, the numbers mean nothing)' : ` (${model.name})`}`,
    notes: [
      `N_a = ${options.groups * options.agentsPerGroup * 2}, N_e = ${options.groups * 2}, steps = ${options.steps}`,
      `Treatment: ${TREATMENT_TEXT[options.treatment]}`,
    ],
    labels: METRIC_LABELS,
  });
  return { rows, table, samples, correction: sumTallies(tallies) };
}
