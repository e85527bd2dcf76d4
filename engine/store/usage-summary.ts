import type { UsageEntry, UsageSummary } from './ports.js';

/** An empty summary (no calls yet). */
export function emptyUsageSummary(): UsageSummary {
  return { calls: 0, cachedCalls: 0, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, costUsd: 0, byTask: {} };
}

/**
 * Totals and per-task figures of metered calls.
 *
 * @example
 *   summarizeUsageEntries([{ tenantId: 't', task: 'agent.act', model: 'm', inputTokens: 10, outputTokens: 2, costUsd: 0, cached: false }]).calls; // 1
 */
export function summarizeUsageEntries(entries: UsageEntry[]): UsageSummary {
  const summary = emptyUsageSummary();
  for (const entry of entries) {
    summary.calls += 1;
    if (entry.cached) summary.cachedCalls += 1;
    summary.inputTokens += entry.inputTokens;
    summary.cachedInputTokens += entry.cachedInputTokens ?? 0;
    summary.outputTokens += entry.outputTokens;
    summary.costUsd += entry.costUsd;
    summary.byTask[entry.task] ??= { calls: 0, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, costUsd: 0 };
    const task = summary.byTask[entry.task];
    task.calls += 1;
    task.inputTokens += entry.inputTokens;
    task.cachedInputTokens += entry.cachedInputTokens ?? 0;
    task.outputTokens += entry.outputTokens;
    task.costUsd += entry.costUsd;
  }
  return summary;
}
