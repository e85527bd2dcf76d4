import type { CompactProfileTask } from '../../engine/agent/compact-profile/tasks.js';
import { withCompactProfiles } from './compact-profiles.js';
import { z } from 'zod';
import { TinyPersonFactory } from '../../engine/factory/factory.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import { ModelBehaviorError, UserInputError } from '../../engine/errors.js';
import type { GeneratedPersona } from '../../engine/factory/types.js';
import { estimateWork, formatEstimate } from '../jobs/estimate.js';
import { alignPanel, DemographySchema } from '../../engine/factory/index.js';
import type { PanelRecord, Store } from '../../engine/store/ports.js';
import type { JobContext, JobKind } from '../jobs/job-types.js';
import { botText } from '../replies.js';
import { rosterReply } from './panel-view.js';

export const PanelCreateInput = z.object({
  count: z.number().int().min(1),
  description: z.string().min(1),
  panelName: z.string().min(1),
  align: z.record(z.string(), z.record(z.string(), z.number())).optional(),
  /** A TinyTroupe demography document the panel is sampled from (`--demography`). */
  demography: DemographySchema.optional(),
  /** `/panel complete`: add `count` personas to the incomplete panel `panelName`. */
  complete: z.boolean().optional(),
});
export type PanelCreateInput = z.infer<typeof PanelCreateInput>;

/**
 * `/panel create`: samples personas with the TinyPersonFactory (progress "12/20 personas ready"),
 * saves the panel and its personas, and seats it in the channel (replacing any panel seated there). A replay
 * after a restart finds the panel this job already saved instead of creating a second one.
 */
export function panelCreateJob(deps: {
  store: Store;
  model: LanguageModel;
  maxPanelSize: number;
  /** The tasks that read compact profiles; each new persona gets one written when any does. */
  compactProfile?: readonly CompactProfileTask[];
}): JobKind<PanelCreateInput> {
  return {
    kind: 'panel.create',
    input: PanelCreateInput,
    resumable: true,
    // In the channel's lane, so an ask typed while the panel is being sampled waits behind it.
    lane: (_input, conversation) => `world:${conversation.tenantId}:${conversation.channelKey}`,
    describe: (input) =>
      input.complete
        ? `Completing panel "${input.panelName}": ${input.count} more`
        : `Creating panel "${input.panelName}": ${input.count} × ${truncate(input.description, 80)}`,
    async run(context: JobContext, input: PanelCreateInput) {
      const { store } = deps;
      const tenantId = context.conversation.tenantId;
      if (input.complete) return completePanel(deps, context, input);
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
        const made: GeneratedPersona[] = [];
        const result = await factory
          .create({
            count: input.count,
            // With a document alone, its distributions say who is in the panel (the title is only a label).
            description:
              input.demography && input.description === input.demography.title ? undefined : input.description,
            demography: input.demography,
            // Alignment targets name dimensions: the two-call path commits to the dimensions before planning.
            planning: input.align ? 'separate' : undefined,
            signal: context.signal,
            existingNames: await store.listPersonaNames(tenantId),
            onProgress: (done, total, persona) => {
              made.push(persona);
              chain = chain
                .then(() => context.progress(done, total, `${label}: personas ready`))
                .catch(() => undefined);
            },
          })
          .catch((error: unknown) => {
            // Paid-for personas are kept: an incomplete panel the person can complete later.
            if (!(error instanceof ModelBehaviorError) || made.length === 0) throw error;
            return { failed: error };
          });
        await chain;
        if ('failed' in result) return saveIncomplete(deps, context, input, made, result.failed);
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
          await withCompactProfiles(
            deps.model,
            result.personas.map((persona) => ({ name: persona.spec.name, avatar: persona.avatar, spec: persona.spec })),
            deps.compactProfile,
            { tenantId, jobId: context.job.id },
            context.signal,
          ),
        );
      }
      if (input.align && !panel.weights) panel = await align(store, tenantId, panel, input.align, context);
      // The new panel takes the channel's seat even when another panel sits there (that one keeps its world and
      // memory and can be seated again with /panel seat): what is created here is what the next /panel ask asks.
      await store.seatPanel(tenantId, context.conversation.channelKey, panel.id);
      const personas = await store.listPersonas(tenantId, panel.id);
      await context.post('created', rosterReply(panel, personas, deps.model));
      await context.post(
        'seated',
        botText(
          `Panel "${panel.name}" is seated in this channel. Ask it something: /panel ask "What would make you switch?"`,
        ),
      );
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

/** What an incomplete panel records in its meta: how many personas are missing and why. */
export interface IncompletePanel {
  missing: number;
  reason: string;
}

/** Keeps the personas made before the factory gave up as an incomplete panel, and offers to complete it. */
async function saveIncomplete(
  deps: { store: Store; model: LanguageModel; compactProfile?: readonly CompactProfileTask[] },
  context: JobContext,
  input: PanelCreateInput,
  made: GeneratedPersona[],
  error: ModelBehaviorError,
) {
  const { store } = deps;
  const tenantId = context.conversation.tenantId;
  const missing = input.count - made.length;
  const incomplete: IncompletePanel = { missing, reason: error.message };
  const panel = await store.createPanel(tenantId, {
    name: input.panelName,
    description: input.description,
    meta: { jobId: context.job.id, model: deps.model.name, incomplete },
  });
  await store.addPersonas(
    tenantId,
    panel.id,
    await withCompactProfiles(
      deps.model,
      made.map((persona) => ({ name: persona.spec.name, avatar: persona.avatar, spec: persona.spec })),
      deps.compactProfile,
      { tenantId, jobId: context.job.id },
      context.signal,
    ),
  );
  const seated = await store.getWorld(tenantId, context.conversation.channelKey);
  if (!seated) await store.seatPanel(tenantId, context.conversation.channelKey, panel.id);
  await context.post('created', rosterReply(panel, await store.listPersonas(tenantId, panel.id), deps.model));
  await context.post('incomplete', completeOffer(panel.name, made.length, missing, deps.model.name, error.message));
  return { panelId: panel.id, personas: made.length, missing, status: 'partial' as const };
}

/** "Panel x is incomplete: 9 of 12 …" with the command, a button and the cost of the rest. */
function completeOffer(name: string, made: number, missing: number, model: string, reason: string) {
  const command = `/panel complete ${name}`;
  const cost = formatEstimate(estimateWork({ plan: 2, persona: missing }, model));
  const text = `Panel "${name}" is incomplete: ${made} of ${made + missing} personas were made and are kept (${reason}). Complete it with ${command} (${cost} for the ${missing} remaining).`;
  return botText(text, {
    blocks: [
      { kind: 'section', text },
      { kind: 'actions', buttons: [{ id: 'complete', label: `Complete (${missing} more)`, value: command }] },
    ],
  });
}

/** `/panel complete`: samples the missing personas of an incomplete panel and adds them. */
async function completePanel(
  deps: { store: Store; model: LanguageModel; maxPanelSize: number; compactProfile?: readonly CompactProfileTask[] },
  context: JobContext,
  input: PanelCreateInput,
) {
  const { store } = deps;
  const tenantId = context.conversation.tenantId;
  const panel = await store.getPanel(tenantId, input.panelName);
  const incomplete = panel?.meta?.incomplete as IncompletePanel | undefined;
  if (!panel || !incomplete) return { panelId: panel?.id, personas: 0, missing: 0 };
  const factory = new TinyPersonFactory(deps.model, {
    maxCount: deps.maxPanelSize,
    attribution: { tenantId, jobId: context.job.id },
  });
  const made: GeneratedPersona[] = [];
  const label = `Completing panel "${panel.name}"`;
  let chain = Promise.resolve();
  const outcome = await factory
    .create({
      count: incomplete.missing,
      description: panel.description,
      signal: context.signal,
      existingNames: await store.listPersonaNames(tenantId),
      onProgress: (done, total, persona) => {
        made.push(persona);
        chain = chain.then(() => context.progress(done, total, `${label}: personas ready`)).catch(() => undefined);
      },
    })
    .catch((error: unknown) => {
      if (!(error instanceof ModelBehaviorError)) throw error;
      return { failed: error };
    });
  await chain;
  const added = 'failed' in outcome ? made : outcome.personas;
  if (added.length)
    await store.addPersonas(
      tenantId,
      panel.id,
      await withCompactProfiles(
        deps.model,
        added.map((persona) => ({ name: persona.spec.name, avatar: persona.avatar, spec: persona.spec })),
        deps.compactProfile,
        { tenantId, jobId: context.job.id },
        context.signal,
      ),
    );
  const missing = incomplete.missing - added.length;
  const { incomplete: _done, ...meta } = panel.meta ?? {};
  await store.updatePanel(tenantId, panel.id, {
    meta: missing ? { ...meta, incomplete: { missing, reason: incomplete.reason } } : meta,
  });
  const personas = await store.listPersonas(tenantId, panel.id);
  if (missing && 'failed' in outcome) {
    await context.post(
      'incomplete',
      completeOffer(panel.name, personas.length, missing, deps.model.name, outcome.failed.message),
    );
    return { panelId: panel.id, personas: personas.length, missing, status: 'partial' as const };
  }
  await context.post('created', rosterReply({ ...panel, meta }, personas, deps.model));
  return { panelId: panel.id, personas: personas.length, missing: 0 };
}
