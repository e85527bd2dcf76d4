import { UserInputError } from '../../engine/errors.js';
import type { BrainstormTreatment } from './brainstorm.js';

/** Parsed `npm run eval -- <experiment> [flags]`. */
export interface EvalArgs {
  experiment: 'brainstorm' | 'herding';
  offline: boolean;
  groups: number;
  agents: number;
  steps: number;
  treatment: BrainstormTreatment;
  seed: number;
  /** herding: rounds of discussion. */
  rounds: number;
}

export const EVAL_USAGE = `Usage: npm run eval -- brainstorm [--offline] [--groups N] [--agents N] [--steps N] [--treatment both|variety|correction] [--seed N]
  Needs a real model from the environment (LLM_API_KEY or LLM_BASE_URL, LLM_MODEL); --offline runs tiny sizes on the
  offline model to check the wiring.
  Example: LLM_API_KEY=sk-... npm run eval -- brainstorm --groups 10 --agents 5 --steps 5
       npm run eval -- compact-profile [--offline] [--repeats N]: the same polls on full specs and compact profiles, per-question JSD
       npm run eval -- herding [--offline] [--agents N] [--rounds N]
  The same questions with and without independent answers first: spread before/after and the share who changed.`;

const positive = (name: string, raw: string | undefined): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new UserInputError('eval.bad_flag', `--${name} needs a whole number ≥ 1, got "${raw ?? ''}".`, `--${name} 5`);
  return n;
};

/** Parses the eval command line; small defaults with --offline, the paper-like ones otherwise. */
export function parseEvalArgs(argv: readonly string[]): EvalArgs {
  const [experiment, ...rest] = argv;
  if (experiment !== 'brainstorm' && experiment !== 'herding') {
    throw new UserInputError(
      'eval.unknown_experiment',
      `Unknown experiment "${experiment ?? ''}". Available: brainstorm, compact-profile, fidelity, herding.\n${EVAL_USAGE}`,
      'npm run eval -- brainstorm',
    );
  }
  const offline = rest.includes('--offline');
  const args: EvalArgs = {
    experiment,
    offline,
    groups: offline ? 2 : 10,
    agents: offline ? 2 : 5,
    steps: offline ? 2 : 5,
    treatment: 'both',
    seed: 0,
    rounds: 2,
  };
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    if (flag === '--offline') continue;
    const value = rest[++i];
    if (flag === '--groups') args.groups = positive('groups', value);
    else if (flag === '--agents') args.agents = positive('agents', value);
    else if (flag === '--steps') args.steps = positive('steps', value);
    else if (flag === '--seed') args.seed = positive('seed', value);
    else if (flag === '--rounds') args.rounds = positive('rounds', value);
    else if (flag === '--treatment' && (value === 'both' || value === 'variety' || value === 'correction'))
      args.treatment = value;
    else
      throw new UserInputError(
        'eval.bad_flag',
        `Unknown or incomplete flag "${flag} ${value ?? ''}".\n${EVAL_USAGE}`,
        'npm run eval -- brainstorm --treatment variety',
      );
  }
  return args;
}
