import { pathToFileURL } from 'node:url';
import { loadConfig } from '../config.js';
import { agentOfflineResponders } from '../engine/llm/offline/agent/index.js';
import { ConfigError, TroupeError } from '../engine/errors.js';
import { createLanguageModel } from '../engine/llm/create-model.js';
import { MeteredModel } from '../engine/llm/metered-model.js';
import { OfflineModel } from '../engine/llm/offline/offline-model.js';
import { loadLibrary } from '../personas/index.js';
import { runBrainstormEval } from './eval/brainstorm.js';
import { parseCompactProfileArgs, runCompactProfileEval } from './eval/compact-profile.js';
import { runHerdingEval } from './eval/herding.js';
import { allOfflineResponders } from '../engine/llm/offline/all-responders.js';
import { parseEvalArgs } from './eval/cli.js';
import { evalOfflineResponders } from './eval/ideas.js';
import { fidelityMain } from './eval/fidelity-main.js';
import { steeringOfflineResponders, validationOfflineResponders } from '../engine/llm/offline/index.js';

const responders = {
  ...agentOfflineResponders,
  ...validationOfflineResponders,
  ...steeringOfflineResponders,
  ...evalOfflineResponders,
};

/**
 * Opt-in live evaluation: `npm run eval -- brainstorm` reproduces the paper's brainstorming design and
 * prints a Table-1-like comparison, then the model usage by task (what correction and judging cost).
 * Returns the printed text.
 */
export async function main(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  print: (line: string) => void = console.log,
): Promise<string> {
  if (argv[0] === 'compact-profile') return compactProfileMain(argv.slice(1), env, print);
  if (argv[0] === 'fidelity') return fidelityMain(argv.slice(1), env, print);
  const args = parseEvalArgs(argv);
  let model: MeteredModel;
  if (args.offline) {
    model = new MeteredModel(
      new OfflineModel({ responders: args.experiment === 'herding' ? allOfflineResponders() : responders }),
    );
  } else {
    const config = loadConfig(env);
    if (config.llm.provider === 'offline') {
      throw new ConfigError(
        'eval.needs_model',
        'npm run eval needs a real model: set LLM_API_KEY (or LLM_BASE_URL for a local server) and LLM_MODEL, or pass --offline to check the wiring.',
      );
    }
    model = createLanguageModel(config, { offline: () => new OfflineModel({ responders }) });
  }
  const { agents: personas } = await loadLibrary();
  const specs = personas.map((p) => p.document.persona);
  if (args.experiment === 'herding') {
    const herding = await runHerdingEval({
      model,
      personas: specs.slice(0, Math.min(args.agents, specs.length)),
      rounds: args.rounds,
      onProgress: (done, total) => process.stderr.write(`\rruns ${done}/${total}`),
    });
    process.stderr.write('\n');
    const text = `${herding.table}\nModel calls: ${model.tally.total.calls}`;
    print(text);
    return text;
  }
  const result = await runBrainstormEval({
    model,
    personas: specs,
    groups: args.groups,
    agentsPerGroup: Math.min(args.agents, specs.length),
    steps: args.steps,
    treatment: args.treatment,
    seed: args.seed,
    onProgress: (done, total) => process.stderr.write(`\rruns ${done}/${total}`),
  });
  process.stderr.write('\n');
  const { byTask, total } = model.tally;
  const usage = Object.entries(byTask)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([task, t]) =>
        `  ${task.padEnd(20)} ${String(t.calls).padStart(6)} calls ${String(t.inputTokens).padStart(10)} in ${String(t.outputTokens).padStart(9)} out`,
    );
  const c = result.correction;
  const text = [
    result.table,
    '',
    'Model usage by task (correction.* = what action correction added, eval.* = the judges of this evaluation):',
    ...usage,
    `  ${'total'.padEnd(20)} ${String(total.calls).padStart(6)} calls ${String(total.inputTokens).padStart(10)} in ${String(total.outputTokens).padStart(9)} out`,
    `Correction: ${c.reviews} reviews, ${c.checksRun} checks, ${c.failures} failed, ${c.regenerations} regenerations, ${c.exhausted} exhausted, ${c.extraInputTokens + c.extraOutputTokens} judge tokens`,
  ].join('\n');
  print(text);
  return text;
}

/** `npm run eval -- compact-profile [--offline] [--repeats N]`: full spec vs compact profile, per-question JSD. */
async function compactProfileMain(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  print: (line: string) => void,
): Promise<string> {
  const args = parseCompactProfileArgs(argv);
  const model = args.offline
    ? new MeteredModel(new OfflineModel({ responders: allOfflineResponders() }))
    : realModel(env, () => new OfflineModel({ responders: allOfflineResponders() }));
  const { agents } = await loadLibrary();
  const { table } = await runCompactProfileEval({
    model,
    personas: agents.map((p) => p.document.persona),
    repeats: args.repeats,
  });
  const text = `${table}
Tokens: ${model.tally.total.inputTokens} in (${model.tally.total.cachedInputTokens} cached), ${model.tally.total.outputTokens} out`;
  print(text);
  return text;
}

function realModel(env: Record<string, string | undefined>, offline: () => OfflineModel): MeteredModel {
  const config = loadConfig(env);
  if (config.llm.provider === 'offline') {
    throw new ConfigError(
      'eval.needs_model',
      'npm run eval needs a real model: set LLM_API_KEY (or LLM_BASE_URL for a local server) and LLM_MODEL, or pass --offline to check the wiring.',
    );
  }
  return createLanguageModel(config, { offline });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2), process.env).catch((error: unknown) => {
    console.error(error instanceof TroupeError ? `${error.message}` : error);
    process.exitCode = 1;
  });
}
