import { modelForTask } from '../../engine/llm/model-routes.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import { estimateCostUsd, type PriceTable } from '../../engine/llm/prices.js';
import { type Estimate, estimateWork } from './estimate.js';

type Work = Parameters<typeof estimateWork>[0];

/**
 * Per kind of work: the task whose model serves it, and the share of its input a provider's prompt cache
 * serves. Turns repeat ~75 % of each persona's previous prompt (`bench/prompt-cache`), but a first turn and
 * prompts under 1,024 tokens are never cached, so the estimate assumes half; judges re-read the same persona
 * and trajectory (a third); one-off calls (planning, persona writing, a poll's first answers, summaries) none.
 */
const KINDS: Record<keyof Work & string, { task: string; cachedShare: number }> = {
  persona: { task: 'factory.persona', cachedShare: 0 },
  plan: { task: 'factory.plan', cachedShare: 0 },
  /** Persona turns (with their consolidation) and summaries projected from the actual state by `projectTurns`. */
  projected: { task: 'agent.act', cachedShare: 0.5 },
  poll: { task: 'poll.answer', cachedShare: 0 },
  judge: { task: 'correction.score', cachedShare: 1 / 3 },
};

/** An estimate priced per model with the cached share it assumes, and the sentence saying so. */
export interface PricedEstimate extends Estimate {
  /** The share of input tokens assumed to be served from the provider's prompt cache. */
  cachedShare: number;
  /** e.g. "assumes answers on gpt-4.1-mini, judges on gpt-4.1-nano, 40 % of input from the provider's prompt cache" */
  assumptions: string;
}

/**
 * Prices work the way it will be billed: each kind on the model that serves it (`LLM_MODEL_SMALL` routing) and
 * the assumed cached part of its input at the cached rate. The offline model costs nothing and caches nothing.
 *
 * @example
 *   priceWork({ projected: projectTurns(snapshots, plan) }, model).assumptions // 'assumes answers on gpt-4.1-mini, 50 % of input from the provider's prompt cache'
 */
export function priceWork(
  work: Work,
  model: Pick<LanguageModel, 'name' | 'routes' | 'offline'>,
  prices?: PriceTable,
): PricedEstimate {
  const total = estimateWork(work, model.name, prices);
  let costUsd = 0;
  let cached = 0;
  const models = new Set<string>();
  const judged = new Set<string>();
  for (const [kind, amount] of Object.entries(work) as [keyof typeof KINDS, Work[keyof Work]][]) {
    if (!amount || (typeof amount === 'object' && !amount.calls)) continue;
    const { task, cachedShare } = KINDS[kind];
    const served = modelForTask(model, task);
    // Projected turns include their consolidation; they are priced on the answers model (a slight over-estimate with a small model).
    const part = estimateWork({ [kind]: amount }, served, prices);
    const share = model.offline ? 0 : cachedShare;
    const cachedTokens = Math.round(part.inputTokens * share);
    cached += cachedTokens;
    costUsd += estimateCostUsd(served, part.inputTokens, part.outputTokens, prices, cachedTokens);
    (kind === 'judge' ? judged : models).add(served);
  }
  const cachedShare = total.inputTokens ? cached / total.inputTokens : 0;
  const named = [`answers on ${[...models].join(' and ') || model.name}`];
  if (judged.size) named.push(`judges on ${[...judged].join(' and ')}`);
  else if (model.routes) named.push(`consolidation on ${model.routes.small}`);
  return {
    ...total,
    costUsd,
    cachedShare,
    assumptions: `assumes ${named.join(', ')}, ${Math.round(cachedShare * 100)} % of input from the provider's prompt cache`,
  };
}
