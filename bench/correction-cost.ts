/**
 * Cost of action correction: 3 TinyTroupe-sized personas × 5 steps of product brainstorming on the
 * offline model, run with correction off, per-check (one judge call per action × check) and batched
 * (one judge call per candidate turn), all four checks at threshold 5. The offline judge mostly
 * accepts, so each correction mode also runs with a judge scripted to reject the first candidate of
 * every turn once: that shows what one regeneration per turn costs. Prints LLM calls and input tokens
 * per agent-step (MeteredModel tally; input tokens are gpt-tokenizer counts of the exact messages)
 * and what the `correction.*` tasks added, next to TinyTroupe's figures with correction on.
 */
import { TinyPerson } from '../engine/agent/index.js';
import { MeteredModel, type UsageTally } from '../engine/llm/metered-model.js';
import { OfflineModel } from '../engine/llm/offline/offline-model.js';
import type { CompletionRequest, CompletionResult, LanguageModel } from '../engine/llm/port.js';
import { ActionCorrector, type CorrectionMode, type CorrectionTally } from '../engine/validation/index.js';
import { SimulatedClock, TinyWorld } from '../engine/world/index.js';
import { fixed, tinyTroupePersonas } from './lib/world-fixtures.js';
import { agentOfflineResponders, validationOfflineResponders } from '../engine/llm/offline/index.js';

const STEPS = 5;
const REQUEST =
  'Folks, we need to brainstorm ideas for a new product. Your mission is to discuss potential product ideas ' +
  'for an AI-powered feature in a word processor that would help people in their daily work. Please start the discussion now.';
const JUDGE_TASKS = new Set(['correction.score', 'correction.check']);
const TINYTROUPE = { calls: 79, inputTokens: 520_972, agentSteps: 21 };

/**
 * Passes every call through, but while an agent's turn has not been regenerated yet (its last act
 * call was a fresh `agent.act`, not a `correction.regenerate`) its judge calls come back failing.
 * The inner call still runs, so tokens are counted exactly as for a real verdict.
 */
class RejectFirstCandidateModel implements LanguageModel {
  readonly name: string;
  readonly offline: boolean;
  private readonly freshTurn = new Map<string, boolean>();
  constructor(private readonly inner: LanguageModel) {
    this.name = inner.name;
    this.offline = inner.offline;
  }
  async complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    const hints = request.hints ?? {};
    if (request.task === 'agent.act' || request.task === 'correction.regenerate') {
      this.freshTurn.set(
        (hints.persona as { name: string }).name,
        request.task === 'agent.act' && hints.feedback === undefined,
      );
    }
    const result = await this.inner.complete(request);
    const agent = (hints.agents as string[] | undefined)?.[0] ?? '';
    if (!JUDGE_TASKS.has(request.task) || !this.freshTurn.get(agent)) return result;
    const justification = '(scripted) first candidate of the turn: rejected once to measure a regeneration';
    const pairs = hints.pairs as { action: number; check: string }[] | undefined;
    const rejection =
      hints.batch && pairs
        ? { scores: pairs.map((pair) => ({ ...pair, score: 2, justification })) }
        : { value: 2, justification };
    return { ...result, value: request.schema.parse(rejection) };
  }
}

interface RunFigures {
  label: string;
  tally: UsageTally;
  correction?: CorrectionTally;
  talks: number;
}

async function run(label: string, mode: CorrectionMode | undefined, rejectFirst: boolean): Promise<RunFigures> {
  const offline = new OfflineModel({ responders: { ...agentOfflineResponders, ...validationOfflineResponders } });
  const model = new MeteredModel(rejectFirst ? new RejectFirstCandidateModel(offline) : offline);
  const corrector = mode ? new ActionCorrector({ model, mode, threshold: 5 }) : undefined;
  const clock = new SimulatedClock();
  const agents = tinyTroupePersonas().map(
    (spec) => new TinyPerson({ spec, model, clock: clock.now, turnReviewer: corrector }),
  );
  const world = new TinyWorld({ name: 'brainstorm', agents, clock });
  world.makeEveryoneAccessible();
  world.broadcast(REQUEST, 'facilitator');
  await world.run({ steps: STEPS, stepDuration: { minutes: 10 } });
  return {
    label,
    tally: model.tally,
    correction: corrector?.total(),
    talks: world.trajectory().filter((e) => e.type === 'TALK').length,
  };
}

const started = performance.now();
const runs = [
  await run('off', undefined, false),
  await run('per-check', 'per-check', false),
  await run('batched', 'batched', false),
  await run('per-check, 1st candidate rejected', 'per-check', true),
  await run('batched, 1st candidate rejected', 'batched', true),
];
const seconds = (performance.now() - started) / 1000;
const agentSteps = 3 * STEPS;

console.log(
  `correction-cost: 3 personas × ${STEPS} steps (${agentSteps} agent-steps) of brainstorming, offline model, all four checks, threshold 5, ${fixed(seconds, 1)} s`,
);
for (const { label, tally, correction, talks } of runs) {
  const sum = (keep: (task: string) => boolean) =>
    Object.entries(tally.byTask)
      .filter(([task]) => keep(task))
      .reduce((acc, [, t]) => ({ calls: acc.calls + t.calls, inputTokens: acc.inputTokens + t.inputTokens }), {
        calls: 0,
        inputTokens: 0,
      });
  const judge = sum((task) => JUDGE_TASKS.has(task));
  const added = sum((task) => task.startsWith('correction.'));
  console.log(`\n[${label}] ${tally.total.calls} calls, ${tally.total.inputTokens} input tokens, ${talks} TALK events`);
  for (const [task, t] of Object.entries(tally.byTask))
    console.log(
      `  ${task.padEnd(22)} ${String(t.calls).padStart(4)} calls, ${String(t.inputTokens).padStart(7)} input tokens (${fixed(t.inputTokens / t.calls, 0)} per call)`,
    );
  if (correction) {
    console.log(
      `  correction: ${correction.reviews} reviews, ${correction.checksRun} pairs scored, ${correction.failures} failing, ${correction.rejections} rejections, ${correction.regenerations} regenerations, ${correction.exhausted} exhausted`,
    );
    console.log(
      `  correction added (correction.*): ${added.calls} calls (${judge.calls} judge + ${added.calls - judge.calls} regenerations), ` +
        `${added.inputTokens} input tokens (${judge.inputTokens} judge + ${added.inputTokens - judge.inputTokens} regenerations); ` +
        `per agent-step ${fixed(added.calls / agentSteps)} calls, ${fixed(added.inputTokens / agentSteps, 0)} input tokens`,
    );
  }
  console.log(
    `RESULT correction-cost [${label}] calls per agent-step = ${fixed(tally.total.calls / agentSteps)}, input tokens per agent-step = ${fixed(tally.total.inputTokens / agentSteps, 0)}`,
  );
}
console.log(
  `\nTinyTroupe with correction on: ${fixed(TINYTROUPE.calls / TINYTROUPE.agentSteps)} calls per agent-step, ${fixed(TINYTROUPE.inputTokens / TINYTROUPE.agentSteps, 0)} input tokens per agent-step ` +
    `(${TINYTROUPE.calls} calls, ${TINYTROUPE.inputTokens.toLocaleString('en-US')} input tokens over ${TINYTROUPE.agentSteps} agent-steps)`,
);
