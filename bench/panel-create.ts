/**
 * Panel creation cost: N = 20 personas with a fake model of fixed latency L per call.
 * Prints LLM calls (goal ≤ N + 2 = 22; TinyTroupe ~3N + 2 = 62) and wall time ÷ L
 * (goal ≤ 3.6: three round trips — dimensions, plan, personas in parallel — plus 20%).
 *
 *   npx tsx bench/panel-create.ts
 */
import { TinyPersonFactory } from '../engine/factory/index.js';
import { OfflineModel } from '../engine/llm/offline/offline-model.js';
import type { CompletionRequest, CompletionResult, LanguageModel } from '../engine/llm/port.js';
import { factoryOfflineResponders } from '../engine/llm/offline/index.js';

const N = 20;
const LATENCY_MS = 300;

/** The offline model behind a fixed per-call delay, like a provider with latency L. */
class DelayedModel implements LanguageModel {
  readonly name = `offline + ${LATENCY_MS} ms`;
  readonly offline = true;
  calls = 0;
  private readonly inner = new OfflineModel({ responders: factoryOfflineResponders });

  async complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    this.calls += 1;
    await new Promise((resolve) => setTimeout(resolve, LATENCY_MS));
    return this.inner.complete(request);
  }
}

// Warm up the offline model (tokenizer tables, JIT) so the figures measure round trips, not start-up.
await new TinyPersonFactory(new OfflineModel({ responders: factoryOfflineResponders })).create({
  count: N,
  description: 'warm-up panel of teachers',
});

for (const description of ['US parents', 'nurses in Lagos who commute by bus']) {
  const model = new DelayedModel();
  const arrivals: number[] = [];
  const started = performance.now();
  const result = await new TinyPersonFactory(model).create({
    count: N,
    description,
    onProgress: () => arrivals.push(performance.now() - started),
  });
  const wall = performance.now() - started;
  console.log(`panel-create "${description}": N=${N}, L=${LATENCY_MS} ms`);
  console.log(
    `  LLM calls: ${result.calls} (goal <= ${N + 2}; TinyTroupe ~${3 * N + 2}) by task ${JSON.stringify(result.callsByTask)}`,
  );
  console.log(`  wall time / L: ${(wall / LATENCY_MS).toFixed(2)} (goal <= 3.6)`);
  console.log(
    `  first persona after ${(arrivals[0] / LATENCY_MS).toFixed(2)} L, last after ${(arrivals[arrivals.length - 1] / LATENCY_MS).toFixed(2)} L`,
  );
  console.log(
    `  distinct names: ${new Set(result.personas.map((p) => p.spec.name)).size}/${N}; sub-populations: ${result.plan.length}`,
  );
}
