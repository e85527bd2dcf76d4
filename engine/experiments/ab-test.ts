import { UserInputError } from '../errors.js';

/** One observation: metric name → value (a metric may be absent, e.g. world metrics on agent rows). */
export type Observation = Readonly<Record<string, number>>;

/** What a scenario is told about the run it performs. */
export interface ScenarioRun {
  /** True for the treatment arm (e.g. correction on), false for control. */
  treatment: boolean;
  /** Replicate index, 0-based. */
  replicate: number;
  /** The same for both arms of a replicate, so they differ only by the flag (paired design). */
  seed: number;
}

/** The observations of both arms. */
export interface ABSamples {
  control: Observation[];
  treatment: Observation[];
}

/** Options of an A/B run. */
export interface ABOptions {
  /** Runs the scenario once and returns its observations (one per agent, per world, …). */
  scenario: (run: ScenarioRun) => Promise<Observation | Observation[]>;
  replicates: number;
  /** Base seed (default 0); replicate i of both arms gets `seed + i`. */
  seed?: number;
  /** Scenario runs at once (default 1). */
  concurrency?: number;
  /** Called after each finished run. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Runs the same scenario under control and treatment, `replicates` times each, with matching seeds.
 *
 * @example
 *   const samples = await runAB({
 *     replicates: 10,
 *     scenario: async ({ treatment, seed }) => brainstorm({ correction: treatment, seed }),
 *   });
 *   console.log(formatResultsTable(compareConditions(samples)));
 */
export async function runAB(options: ABOptions): Promise<ABSamples> {
  if (!Number.isInteger(options.replicates) || options.replicates < 1) {
    throw new UserInputError(
      'experiment.replicates',
      `replicates must be a whole number ≥ 1, got ${options.replicates}.`,
      'runAB({ replicates: 10, scenario })',
    );
  }
  const seed = options.seed ?? 0;
  const runs: ScenarioRun[] = [];
  for (let replicate = 0; replicate < options.replicates; replicate++) {
    for (const treatment of [false, true]) runs.push({ treatment, replicate, seed: seed + replicate });
  }
  const results = new Array<Observation[]>(runs.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < runs.length) {
      const index = next++;
      const out = await options.scenario(runs[index]);
      results[index] = Array.isArray(out) ? out : [out];
      options.onProgress?.(++done, runs.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 1, runs.length)) }, worker));
  // Collected in run order, not completion order, so results never depend on timing.
  const samples: ABSamples = { control: [], treatment: [] };
  for (const [i, run] of runs.entries()) (run.treatment ? samples.treatment : samples.control).push(...results[i]);
  return samples;
}
