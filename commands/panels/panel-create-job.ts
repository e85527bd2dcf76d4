import { z } from 'zod';
import { TinyPersonFactory } from '../../engine/factory/factory.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import { UserInputError } from '../../engine/errors.js';
import { alignPanel } from '../../engine/factory/index.js';
import type { PanelRecord, Store } from '../../engine/store/ports.js';
import type { JobContext, JobKind } from '../jobs/job-types.js';
import { botText } from '../replies.js';
import { rosterReply } from './panel-view.js';

export const PanelCreateInput = z.object({
  count: z.number().int().min(1),
  description: z.string().min(1),
  panelName: z.string().min(1),
  align: z.record(z.string(), z.record(z.string(), z.number())).optional(),
});
export type PanelCreateInput = z.infer<typeof PanelCreateInput>;

/**
 * `/panel create`: samples personas with the TinyPersonFactory (progress "12/20 personas ready"),
 * saves the panel and its personas, and seats it in the channel when none is seated. A replay
 * after a restart finds the panel this job already saved instead of creating a second one.
 */
export function panelCreateJob(deps: {
  store: Store;
  model: LanguageModel;
  maxPanelSize: number;
}): JobKind<PanelCreateInput> {
  return {
    kind: 'panel.create',
    input: PanelCreateInput,
    resumable: true,
    // In the channel's lane, so an ask typed while the panel is being sampled waits behind it.
    lane: (_input, conversation) => `world:${conversation.tenantId}:${conversation.channelKey}`,
    describe: (input) => `Creating panel "${input.panelName}": ${input.count} × ${truncate(input.description, 80)}`,
    async run(context: JobContext, input: PanelCreateInput) {
      const { store } = deps;
      const tenantId = context.conversation.tenantId;
      const label = `Creating panel "${input.panelName}"`;
      let panel = await store.getPanel(tenantId, input.panelName);
      if (panel && panel.meta?.jobId !== context.job.id) {
        throw new Error(`a panel named "${input.panelName}" was created meanwhile by someone else`);
      }
      if (!panel || !(await store.listPersonas(tenantId, panel.id)).length) {
        await context.progress(0, input.count, `${label}: planning`);
        const factory = new TinyPersonFactory(deps.model, {
          maxCount: deps.maxPanelSize,
          attribution: { tenantId, jobId: context.job.id },
        });
        let chain = Promise.resolve();
        const result = await factory.create({
          count: input.count,
          description: input.description,
          signal: context.signal,
          existingNames: await store.listPersonaNames(tenantId),
          onProgress: (done, total) => {
            chain = chain.then(() => context.progress(done, total, `${label}: personas ready`)).catch(() => undefined);
          },
        });
        await chain;
        panel ??= await store.createPanel(tenantId, {
          name: input.panelName,
          description: input.description,
          meta: {
            jobId: context.job.id,
            model: deps.model.name,
            dimensions: result.dimensions,
            plan: result.plan,
            warnings: result.warnings,
            align: input.align,
          },
        });
        await store.addPersonas(
          tenantId,
          panel.id,
          result.personas.map((persona) => ({ name: persona.spec.name, avatar: persona.avatar, spec: persona.spec })),
        );
      }
      if (input.align && !panel.weights) panel = await align(store, tenantId, panel, input.align, context);
      const seated = await store.getWorld(tenantId, context.conversation.channelKey);
      if (!seated) await store.seatPanel(tenantId, context.conversation.channelKey, panel.id);
      const personas = await store.listPersonas(tenantId, panel.id);
      await context.post('created', rosterReply(panel, personas, deps.model));
      if (!seated) {
        await context.post(
          'seated',
          botText(
            `Panel "${panel.name}" is seated in this channel. Ask it something: /panel ask "What would make you switch?"`,
          ),
        );
      }
      return { panelId: panel.id, personas: personas.length };
    },
  };
}

/**
 * Rakes the panel to the target marginals and keeps the weights on the panel (polls then report
 * weighted shares). Targets the personas cannot match leave the panel unweighted, with a note.
 */
async function align(
  store: Store,
  tenantId: string,
  panel: PanelRecord,
  targets: unknown,
  context: JobContext,
): Promise<PanelRecord> {
  const personas = await store.listPersonas(tenantId, panel.id);
  try {
    const report = alignPanel(personas, targets);
    const alignment = {
      effectiveSampleSize: report.effectiveSampleSize,
      converged: report.converged,
      warnings: report.warnings,
      deviations: report.deviations,
    };
    await store.updatePanel(tenantId, panel.id, { weights: report.weightsById, meta: { ...panel.meta, alignment } });
    const worst = Math.max(0, ...report.deviations.map((deviation) => deviation.maxAbsDeviation));
    await context.post(
      'aligned',
      botText(
        `Aligned "${panel.name}" to the targets: effective sample size ${report.effectiveSampleSize.toFixed(1)} of ${personas.length}, largest remaining gap ${(worst * 100).toFixed(1)} points${report.converged ? '' : ' (did not fully converge)'}.${report.warnings.length ? ` Notes: ${report.warnings.join(' ')}` : ''}`,
      ),
    );
    return (await store.getPanelById(tenantId, panel.id)) ?? panel;
  } catch (error) {
    if (!(error instanceof UserInputError)) throw error;
    await context.post(
      'aligned',
      botText(
        `The panel was created but not aligned: ${error.message}${error.example ? ` Example: ${error.example}` : ''}`,
      ),
    );
    return panel;
  }
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
