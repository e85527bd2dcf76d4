/**
 * Panel creation cost: N = 20 personas with a fake model of fixed latency L per call, on both
 * planning paths. Combined (the default): dimensions and plan in one structured call, then the
 * personas in parallel — goal N + 1 = 21 calls and wall ÷ L ≤ 2.2. Separate (a demography document
 * or `--align`): dimensions, then plan, then personas — N + 2 = 22 calls, ≤ 3.6 (before #23 every
 * panel took this path: 22 calls, 3.1 round trips). TinyTroupe: ~3N + 2 = 62 calls.
 *
 *   npx tsx bench/panel-create.ts
 */
import { TinyPersonFactory } from '../engine/factory/index.js';
import { OfflineModel } from '../engine/llm/offline/offline-model.js';
import type { CompletionRequest, CompletionResult, LanguageModel } from '../engine/llm/port.js';
import { factoryOfflineResponders } from '../engine/llm/offline/index.js';

const N = 20;
const LATENCY_MS = 300;

/** The offline model inside a fixed per-call delay, like a provider with latency L. */
class DelayedModel implements LanguageModel {
  readonly name = `offline + ${LATENCY_MS} ms`;
  readonly offline = true;
  calls = 0;
  private readonly inner = new OfflineModel({ responders: factoryOfflineResponders });

  async complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    this.calls += 1;
    // The offline answer stands in for the provider's own work, done within its round trip (as in world-step).
    const [result] = await Promise.all([
      this.inner.complete(request),
      new Promise((resolve) => setTimeout(resolve, LATENCY_MS)),
    ]);
    return result;
  }
}

// Warm up the offline model (tokenizer tables, JIT) so the figures measure round trips, not start-up.
await new TinyPersonFactory(new OfflineModel({ responders: factoryOfflineResponders })).create({
  count: N,
  description: 'warm-up panel of teachers',
});

const results: Record<string, number[]> = { combined: [], separate: [] };
for (const planning of ['combined', 'separate'] as const)
  for (const description of ['US parents', 'nurses in Lagos who commute by bus']) {
    const model = new DelayedModel();
    const arrivals: number[] = [];
    const started = performance.now();
    const result = await new TinyPersonFactory(model).create({
      count: N,
      description,
      planning,
      onProgress: () => arrivals.push(performance.now() - started),
    });
    const wall = performance.now() - started;
    const goal = planning === 'combined' ? { calls: N + 1, trips: 2.2 } : { calls: N + 2, trips: 3.6 };
    results[planning].push(result.calls, wall / LATENCY_MS);
    console.log(`panel-create "${description}" (${planning} planning): N=${N}, L=${LATENCY_MS} ms`);
    console.log(
      `  LLM calls: ${result.calls} (goal <= ${goal.calls}; TinyTroupe ~${3 * N + 2}) by task ${JSON.stringify(result.callsByTask)}`,
    );
    console.log(`  wall time / L: ${(wall / LATENCY_MS).toFixed(2)} (goal <= ${goal.trips})`);
    console.log(
      `  first persona after ${(arrivals[0] / LATENCY_MS).toFixed(2)} L, last after ${(arrivals[arrivals.length - 1] / LATENCY_MS).toFixed(2)} L`,
    );
    console.log(
      `  distinct names: ${new Set(result.personas.map((p) => p.spec.name)).size}/${N}; sub-populations: ${result.plan.length}`,
    );
  }
const worst = (values: number[]) => ({
  calls: Math.max(values[0], values[2]),
  trips: Math.max(values[1], values[3]).toFixed(2),
});
const combined = worst(results.combined);
const separate = worst(results.separate);
console.log(
  `RESULT panel-create combined planning: ${combined.calls} calls, ${combined.trips} round trips (goal N + 1 = ${N + 1}, <= 2.2; before #23: 22 calls, 3.1 round trips)`,
);
console.log(
  `RESULT panel-create separate planning (demography, --align): ${separate.calls} calls, ${separate.trips} round trips (goal N + 2 = ${N + 2}, <= 3.6)`,
);
