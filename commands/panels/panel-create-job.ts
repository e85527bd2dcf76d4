import { z } from 'zod';
import { TinyPersonFactory } from '../../engine/factory/factory.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { Store } from '../../engine/store/ports.js';
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
export function panelCreateJob(deps: { store: Store; model: LanguageModel; maxPanelSize: number }): JobKind<PanelCreateInput> {
  return {
    kind: 'panel.create',
    input: PanelCreateInput,
    resumable: true,
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
        const factory = new TinyPersonFactory(deps.model, { maxCount: deps.maxPanelSize, attribution: { tenantId, jobId: context.job.id } });
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
          meta: { jobId: context.job.id, model: deps.model.name, dimensions: result.dimensions, plan: result.plan, warnings: result.warnings, align: input.align },
        });
        await store.addPersonas(
          tenantId,
          panel.id,
          result.personas.map((persona) => ({ name: persona.spec.name, avatar: persona.avatar, spec: persona.spec })),
        );
      }
      const seated = await store.getWorld(tenantId, context.conversation.channelKey);
      if (!seated) await store.seatPanel(tenantId, context.conversation.channelKey, panel.id);
      const personas = await store.listPersonas(tenantId, panel.id);
      await context.post('created', rosterReply(panel, personas, deps.model));
      if (!seated) {
        await context.post('seated', botText(`Panel "${panel.name}" is seated in this channel. Ask it something: /panel ask "What would make you switch?"`));
      }
      return { panelId: panel.id, personas: personas.length };
    },
  };
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
