import { modelLabel } from '../../engine/llm/model-routes.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import { tokenBreakdown } from '../../commands/usage.js';
import type { Store } from '../../engine/store/ports.js';
import { escapeMrkdwn } from './render-blocks.js';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 2900) } });
const header = (text: string) => ({ type: 'header', text: { type: 'plain_text', text } });

/**
 * The App Home tab of a workspace: its panels (with sizes), its recent jobs and its LLM usage.
 * Only the tenant's own data is read.
 *
 * @example
 *   await client.views.publish({ user_id, view: await homeView(store, model, 'slack:T1') });
 */
export async function homeView(
  store: Store,
  model: Pick<LanguageModel, 'name' | 'routes'>,
  tenantId: string,
): Promise<Record<string, unknown>> {
  const panels = await store.listPanels(tenantId);
  const panelLines = await Promise.all(
    panels
      .slice(0, 20)
      .map(
        async (panel) =>
          `• *${escapeMrkdwn(panel.name)}* (${(await store.listPersonas(tenantId, panel.id)).length} personas) — ${escapeMrkdwn(panel.description.slice(0, 120))}`,
      ),
  );
  const jobs = await store.listJobs(tenantId, 10);
  const jobLines = jobs.map((job) => {
    const command =
      typeof job.input.commandText === 'string' ? ` \`${escapeMrkdwn(job.input.commandText.slice(0, 80))}\`` : '';
    const progress = job.progress?.total ? ` ${job.progress.done}/${job.progress.total}` : '';
    return `• ${job.kind}${command} — ${job.status}${progress} (${job.updatedAt.slice(0, 16).replace('T', ' ')})`;
  });
  const usage = await store.summarizeUsage(tenantId);
  const tokens = usage.inputTokens + usage.outputTokens;
  return {
    type: 'home',
    blocks: [
      header('Troupe — synthetic focus groups'),
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `Personas are simulated by ${escapeMrkdwn(modelLabel(model))}; their answers are synthetic, not real people's.`,
          },
        ],
      },
      header('Panels'),
      section(
        panelLines.length
          ? panelLines.join('\n')
          : 'No panels yet. In a channel, type `/panel create 5 US parents of toddlers`.',
      ),
      header('Recent jobs'),
      section(jobLines.length ? jobLines.join('\n') : 'No jobs yet.'),
      header('Usage'),
      section(
        `${usage.calls} LLM calls (${usage.cachedCalls} from cache) · ${tokens.toLocaleString('en-US')} tokens: ${tokenBreakdown(usage)} · $${usage.costUsd.toFixed(4)}`,
      ),
    ],
  };
}
