import type { PriceTable } from '../../engine/llm/prices.js';
import { estimateCostUsd } from '../../engine/llm/prices.js';

/** What a command is expected to cost before it runs. */
export interface Estimate {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/**
 * Rough per-call token sizes by kind of work, from the engine's prompts (persona spec + memory
 * window + instructions); deliberately on the high side so confirmations err towards asking.
 */
const PER_CALL = {
  persona: { input: 1800, output: 1400 },
  plan: { input: 1500, output: 1200 },
  turn: { input: 3500, output: 350 },
  poll: { input: 2500, output: 150 },
  summary: { input: 6000, output: 900 },
} as const;

type Work = { [K in keyof typeof PER_CALL]?: number };

/**
 * Estimates calls, tokens and cost from counts of work.
 *
 * @example
 *   estimateWork({ turn: 5 * 1.5 }, 'gpt-4.1-mini') // { calls: 8, inputTokens: 26250, … }
 */
export function estimateWork(work: Work, model: string, prices?: PriceTable): Estimate {
  let calls = 0;
  let inputTokens = 0;
  let outputTokens = 0;
  for (const [kind, count] of Object.entries(work) as [keyof typeof PER_CALL, number][]) {
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
