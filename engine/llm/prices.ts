/** USD per one million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

/** Prices by model name; matched exactly, then by the longest prefix (dated snapshots). */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

/**
 * List prices (USD per 1M tokens, standard tier) for common models. Estimates only: override per
 * deployment (`new MeteredModel(inner, { prices: { ...DEFAULT_PRICES, 'my-model': {…} } })`).
 * Unknown models, local servers and the offline model cost 0.
 */
export const DEFAULT_PRICES: PriceTable = Object.freeze({
  'gpt-5': { input: 1.25, output: 10 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'o4-mini': { input: 1.1, output: 4.4 },
  o3: { input: 2, output: 8 },
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
 * Estimated cost of a call in USD.
 *
 * @example estimateCostUsd('gpt-4.1-mini', 1_000_000, 0) // 0.4
 */
export function estimateCostUsd(
  model: string,
  inputTokens: number,
  outputTokens: number,
  prices: PriceTable = DEFAULT_PRICES,
): number {
  const price = priceOf(model, prices);
  if (!price) return 0;
  return (inputTokens * price.input + outputTokens * price.output) / 1_000_000;
}
