import { writeCompactProfile } from '../../engine/agent/compact-profile/write-profile.js';
import type { PersonaSpec } from '../../engine/agent/persona-spec.js';
import { UserInputError } from '../../engine/errors.js';
import { runPoll, type PollAnswer } from '../../engine/extraction/polls/ask.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import { jensenShannon } from '../../engine/stats/divergence.js';

/** The polls both arms answer: closed questions whose answer distributions can be compared. */
export const FIDELITY_POLLS = [
  { kind: 'yes-no', question: 'Would you pay €3 a month for an app that shows live bus times?' },
  { kind: 'yes-no', question: 'Would you let an app use your location all day to improve arrival estimates?' },
  { kind: 'likert', question: 'How much do you trust product recommendations written by AI?', points: 5 },
  {
    kind: 'single-choice',
    question: 'Which would most make you switch to a new banking app?',
    options: ['lower fees', 'better design', 'a friend recommends it', 'nothing would'],
  },
] as const;

/** Per question: the JSD between the full-spec and compact-profile answer distributions. */
export interface FidelityRow {
  question: string;
  jsd: number;
  full: Record<string, number>;
  compact: Record<string, number>;
}

const tally = (answers: readonly PollAnswer[]) =>
  answers.reduce<Record<string, number>>((counts, answer) => {
    const key = Array.isArray(answer.value) ? answer.value.join('+') : String(answer.value);
    counts[key] = (counts[key] ?? 0) + 1;
    return counts;
  }, {});

/**
 * `npm run eval -- compact-profile`: the same polls answered by the same personas from the full spec and
 * from the compact profile (written once, checked against the spec), `repeats` times each, and per question
 * the Jensen–Shannon divergence between the two answer distributions (0 = the same, 1 = disjoint). On a real
 * model this is the fidelity check behind `LLM_COMPACT_PROFILE`'s default; offline it shows the wiring only.
 */
export async function runCompactProfileEval(options: {
  model: LanguageModel;
  personas: readonly PersonaSpec[];
  repeats: number;
}): Promise<{ rows: FidelityRow[]; table: string; profileSources: Record<string, number> }> {
  const profiles = await Promise.all(options.personas.map((spec) => writeCompactProfile(options.model, spec)));
  const panel = options.personas.map((spec, i) => ({
    id: `p${i}`,
    name: spec.name,
    spec,
    profile: profiles[i].profile,
  }));
  const rows: FidelityRow[] = [];
  for (const poll of FIDELITY_POLLS) {
    const arms: PollAnswer[][] = [[], []];
    for (let repeat = 0; repeat < options.repeats; repeat++) {
      // Each repeat is its own request (the question carries the round), so the response cache cannot replay it.
      const asked = { ...poll, question: `${poll.question}${repeat ? ` (round ${repeat + 1})` : ''}` };
      for (const [arm, compact] of [false, true].entries()) {
        const run = await runPoll({ personas: panel, poll: asked, model: options.model, compactProfile: compact });
        arms[arm].push(...run.answers);
      }
    }
    const full = tally(arms[0]);
    const compact = tally(arms[1]);
    rows.push({ question: poll.question, jsd: jensenShannon(full, compact), full, compact });
  }
  const mean = rows.reduce((sum, row) => sum + row.jsd, 0) / rows.length;
  const profileSources = profiles.reduce<Record<string, number>>((counts, made) => {
    counts[made.source] = (counts[made.source] ?? 0) + 1;
    return counts;
  }, {});
  const show = (counts: Record<string, number>) =>
    Object.entries(counts)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, n]) => `${key}: ${n}`)
      .join(', ');
  const table = [
    `Compact-profile fidelity: ${options.personas.length} personas × ${options.repeats} repeats, model ${options.model.name}`,
    `Profiles: ${show(profileSources)} (written = first draft passed the check, repaired = after one repair, extractive = cut from the spec)`,
    ...rows.map(
      (row) =>
        `JSD ${row.jsd.toFixed(3)}  ${row.question}\n  full spec: ${show(row.full)}\n  compact:   ${show(row.compact)}`,
    ),
    `Mean JSD ${mean.toFixed(3)} (0 = same answers; below ~0.05 the compact profile can serve polls: LLM_COMPACT_PROFILE=poll,judge)`,
  ].join('\n');
  return { rows, table, profileSources };
}

/** `--repeats N` (default 3, 1 offline); anything else is refused with the usage. */
export function parseCompactProfileArgs(argv: readonly string[]): { offline: boolean; repeats: number } {
  const offline = argv.includes('--offline');
  let repeats = offline ? 1 : 3;
  const rest = argv.filter((arg) => arg !== '--offline');
  for (let i = 0; i < rest.length; i += 2) {
    const n = Number(rest[i + 1]);
    if (rest[i] === '--repeats' && Number.isInteger(n) && n >= 1) repeats = n;
    else
      throw new UserInputError(
        'eval.bad_flag',
        `Unknown or incomplete flag "${rest[i]} ${rest[i + 1] ?? ''}". Usage: npm run eval -- compact-profile [--offline] [--repeats N]`,
        'npm run eval -- compact-profile --repeats 3',
      );
  }
  return { offline, repeats };
}
