import type { LanguageModel } from '../engine/llm/port.js';
import type { Store } from '../engine/store/ports.js';
import type { Reply } from './reply.js';
import { botText } from './replies.js';

/** `/usage`: calls, tokens and cost the tenant has spent, by task. */
export async function usageReply(
  store: Store,
  model: Pick<LanguageModel, 'name'>,
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
      String(figures.inputTokens + figures.outputTokens),
      `$${figures.costUsd.toFixed(4)}`,
    ]);
  const text = [
    `Usage of this workspace (model: ${model.name}):`,
    `${usage.calls} LLM calls (${usage.cachedCalls} from cache), ${tokens.toLocaleString('en-US')} tokens (${usage.inputTokens.toLocaleString('en-US')} in / ${usage.outputTokens.toLocaleString('en-US')} out), $${usage.costUsd.toFixed(4)}.`,
    `Jobs running: ${runningJobs}.`,
    ...rows.map((row) => `  ${row[0]}: ${row[1]} calls, ${row[2]} tokens, ${row[3]}`),
  ].join('\n');
  return botText(text, {
    blocks: [
      { kind: 'section', text: text.split('\n').slice(0, 3).join('\n') },
      { kind: 'table', columns: ['task', 'calls', 'tokens', 'cost'], rows },
    ],
  });
}
