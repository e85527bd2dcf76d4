import type { PriceTable } from '../../engine/llm/prices.js';
import { estimateCostUsd } from '../../engine/llm/prices.js';
import type { TurnProjection } from './turn-estimate.js';

/** What a command is expected to cost before it runs. */
export interface Estimate {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/**
 * Per-call token sizes by kind of work, measured on the engine's real prompts with
 * `bench/estimate-accuracy.ts` (which prints estimate ÷ metered per job kind); outputs are set to
 * what real models write, a little above the offline model's shorter answers. Persona turns are not
 * here: their cost depends on each persona's memory and is projected by `projectTurns`.
 */
const PER_CALL = {
  persona: { input: 300, output: 700 },
  plan: { input: 450, output: 900 },
  poll: { input: 700, output: 40 },
  /** One proposition judge (an /intervene condition, the --diverge variety check) over recent events. */
  judge: { input: 1550, output: 40 },
} as const;

/**
 * Counts of calls by kind, plus work projected from the actual state (persona turns from their memories with
 * `projectTurns`, a summary from its transcript).
 */
type Work = { [K in keyof typeof PER_CALL]?: number } & { projected?: TurnProjection };

/**
 * Estimates calls, tokens and cost from counts of work.
 *
 * @example
 *   estimateWork({ poll: 8 }, 'gpt-4.1-mini') // { calls: 8, inputTokens: 5600, outputTokens: 320, … }
 */
export function estimateWork(work: Work, model: string, prices?: PriceTable): Estimate {
  const { projected, ...counted } = work;
  let calls = projected?.calls ?? 0;
  let inputTokens = projected?.inputTokens ?? 0;
  let outputTokens = projected?.outputTokens ?? 0;
  for (const [kind, count] of Object.entries(counted) as [keyof typeof PER_CALL, number][]) {
    calls += count;
    inputTokens += count * PER_CALL[kind].input;
    outputTokens += count * PER_CALL[kind].output;
  }
  calls = Math.ceil(calls);
  inputTokens = Math.round(inputTokens);
  outputTokens = Math.round(outputTokens);
  return { calls, inputTokens, outputTokens, costUsd: estimateCostUsd(model, inputTokens, outputTokens, prices) };
}

/** "~22 calls, ~61k tokens, ~$0.03" */
export function formatEstimate(estimate: Estimate): string {
  const tokens = estimate.inputTokens + estimate.outputTokens;
  const shown = tokens >= 1000 ? `${Math.round(tokens / 1000)}k` : String(tokens);
  return `~${estimate.calls} LLM calls, ~${shown} tokens, ~$${estimate.costUsd.toFixed(estimate.costUsd < 0.1 ? 3 : 2)}`;
}
