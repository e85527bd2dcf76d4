import { modelLabel } from '../engine/llm/model-routes.js';
import type { LanguageModel } from '../engine/llm/port.js';
import type { Store } from '../engine/store/ports.js';
import type { Reply } from './reply.js';
import { botText } from './replies.js';

/** "12,400 in (9,800 cached) / 1,200 out": the cached share is part of the input, billed at the cached rate. */
export function tokenBreakdown(figures: { inputTokens: number; cachedInputTokens: number; outputTokens: number }) {
  const n = (value: number) => value.toLocaleString('en-US');
  return `${n(figures.inputTokens)} input (${n(figures.cachedInputTokens)} cached) / ${n(figures.outputTokens)} output`;
}

/** `/usage`: calls, tokens (input with its cached part, and output) and cost the tenant has spent, by task. */
export async function usageReply(
  store: Store,
  model: Pick<LanguageModel, 'name' | 'routes'>,
  tenantId: string,
  runningJobs: number,
): Promise<Reply> {
  const usage = await store.summarizeUsage(tenantId);
  const tokens = usage.inputTokens + usage.outputTokens;
  const rows = Object.entries(usage.byTask)
    .sort((a, b) => b[1].calls - a[1].calls)
    .map(([task, figures]) => [
      task,
      String(figures.calls),
      figures.inputTokens.toLocaleString('en-US'),
      figures.cachedInputTokens.toLocaleString('en-US'),
      figures.outputTokens.toLocaleString('en-US'),
      `$${figures.costUsd.toFixed(4)}`,
    ]);
  const text = [
    `Usage of this workspace (model: ${modelLabel(model)}):`,
    `${usage.calls} LLM calls (${usage.cachedCalls} from cache), ${tokens.toLocaleString('en-US')} tokens (${tokenBreakdown(usage)}), $${usage.costUsd.toFixed(4)}.`,
    `Jobs running: ${runningJobs}.`,
    ...rows.map(
      (row) => `  ${row[0]}: ${row[1]} calls, ${row[2]} input (${row[3]} cached), ${row[4]} output, ${row[5]}`,
    ),
  ].join('\n');
  return botText(text, {
    blocks: [
      { kind: 'section', text: text.split('\n').slice(0, 3).join('\n') },
      { kind: 'table', columns: ['task', 'calls', 'input', 'cached', 'output', 'cost'], rows },
    ],
  });
}
