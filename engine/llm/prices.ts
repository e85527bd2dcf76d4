/** USD per one million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
  /** Input tokens served from the provider's prompt cache; `input` when the model has no cached rate. */
  cachedInput?: number;
}

/** Prices by model name; matched exactly, then by the longest prefix (dated snapshots). */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

/**
 * List prices (USD per 1M tokens, standard tier) for common models. Estimates only: override per
 * deployment (`new MeteredModel(inner, { prices: { ...DEFAULT_PRICES, 'my-model': {…} } })`).
 * Unknown models, local servers and the offline model cost 0.
 */
export const DEFAULT_PRICES: PriceTable = Object.freeze({
  'gpt-5': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
  'gpt-5-nano': { input: 0.05, cachedInput: 0.005, output: 0.4 },
  'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 },
  'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, cachedInput: 0.025, output: 0.4 },
  'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
  'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
  'o4-mini': { input: 1.1, cachedInput: 0.275, output: 4.4 },
  o3: { input: 2, cachedInput: 0.5, output: 8 },
  'text-embedding-3-small': { input: 0.02, output: 0 },
  'text-embedding-3-large': { input: 0.13, output: 0 },
});

/** The price of a model, or undefined when unknown. `openai/gpt-4o-mini-2024-07-18` finds `gpt-4o-mini`. */
export function priceOf(model: string, prices: PriceTable = DEFAULT_PRICES): ModelPrice | undefined {
  const bare = model.includes('/') ? model.slice(model.lastIndexOf('/') + 1) : model;
  if (prices[bare]) return prices[bare];
  const prefix = Object.keys(prices)
    .filter((name) => bare.startsWith(`${name}-`))
    .sort((a, b) => b.length - a.length)[0];
  return prefix ? prices[prefix] : undefined;
}

/**
 * Estimated cost of a call in USD; `cachedInputTokens` (part of `inputTokens`) are priced at the cached rate.
 *
 * @example estimateCostUsd('gpt-4.1-mini', 1_000_000, 0) // 0.4
 * @example estimateCostUsd('gpt-4.1-mini', 1_000_000, 0, DEFAULT_PRICES, 1_000_000) // 0.1
 */
export function estimateCostUsd(
  model: string,
  inputTokens: number,
  outputTokens: number,
  prices: PriceTable = DEFAULT_PRICES,
  cachedInputTokens = 0,
): number {
  const price = priceOf(model, prices);
  if (!price) return 0;
  const cached = Math.min(Math.max(0, cachedInputTokens), inputTokens);
  const fresh = inputTokens - cached;
  return (fresh * price.input + cached * (price.cachedInput ?? price.input) + outputTokens * price.output) / 1_000_000;
}
