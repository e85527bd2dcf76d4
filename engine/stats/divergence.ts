/**
 * Jensen–Shannon divergence (base 2, between 0 and 1) of two answer distributions given as counts per
 * answer; an answer missing from one side counts 0 there.
 *
 * @example jensenShannon({ yes: 8, no: 2 }, { yes: 8, no: 2 }) // 0
 * @example jensenShannon({ yes: 10 }, { no: 10 }) // 1
 */
export function jensenShannon(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): number {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const total = (counts: Readonly<Record<string, number>>) => keys.reduce((sum, key) => sum + (counts[key] ?? 0), 0);
  const ta = total(a);
  const tb = total(b);
  if (ta === 0 || tb === 0) return ta === tb ? 0 : 1;
  let divergence = 0;
  for (const key of keys) {
    const p = (a[key] ?? 0) / ta;
    const q = (b[key] ?? 0) / tb;
    const m = (p + q) / 2;
    if (p > 0) divergence += 0.5 * p * Math.log2(p / m);
    if (q > 0) divergence += 0.5 * q * Math.log2(q / m);
  }
  return Math.max(0, Math.min(1, divergence));
}
