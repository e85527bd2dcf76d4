import { randomBytes } from 'node:crypto';
import { UserInputError } from '../engine/errors.js';
import type { Store } from '../engine/store/ports.js';
import type { Command } from './grammar/command-types.js';
import { helpReply } from './help.js';
import { addToPanel } from './panels/panel-add.js';
import { addFilesToPanel } from './panels/panel-add-files.js';
import { exportTinyTroupe } from './panels/panel-export.js';
import { chooseDemography } from './panels/demography-choice.js';
import type { UploadedFile } from '../personas/uploads.js';
import {
  deletePanel,
  derivePanelName,
  listPanels,
  requirePanel,
  seatPanel,
  showPanel,
} from './panels/panel-handlers.js';
import { personaCard, requirePersona } from './panels/persona-card.js';
import type { Conversation, Reply } from './reply.js';
import { botText } from './replies.js';
import type { DispatchContext, HandleOutcome } from './dispatch-context.js';
import { FRESH_PERSONA, projectTurns, type MemorySnapshot } from './jobs/turn-estimate.js';
import { seatedSnapshots } from './session/memory-snapshots.js';
import { summaryWork } from './extraction/summary-estimate.js';
import { requireChannelIdle, requirePanelIdle } from './panels/panel-busy.js';
import { addStoredIntervention, listStoredInterventions, removeStoredIntervention } from './session/interventions.js';
import { MAX_INTERVENTIONS } from './grammar/limits.js';
import type { IncompletePanel } from './panels/panel-create-job.js';
import type { AskOutcome } from './session/ask-job.js';
import { brainstormPrompt } from './session/brainstorm-job.js';
import { lastThreadKey } from './session/thread-posts.js';
import { usageReply } from './usage.js';
import { checkBreakdown, pollDefinition, pollJobInput } from './extraction/poll-job.js';
import { pollCompareReply } from './extraction/poll-compare.js';
import { startPeoplePoll } from './poll-with-people/start-people-poll.js';
import { fidelityHistory, startFidelity } from './fidelity/fidelity-command.js';
import { ssrEmbedder, ssrNeedsEmbeddings } from '../engine/extraction/polls/index.js';
import { dispatchExperiment } from './forks/fork-dispatch.js';
import { startIndependent } from './session/independent-dispatch.js';
import { exportNamesCommand } from './export-settings/export-names.js';

/**
 * Runs one parsed command: quick ones answer at once, slow ones start a job (acknowledged on its
 * progress message before any LLM call).
 */
export async function dispatch(
  service: DispatchContext,
  conversation: Conversation,
  command: Command,
  text: string,
  files: readonly UploadedFile[] = [],
): Promise<HandleOutcome> {
  const { store, model } = service.options;
  const tenantId = conversation.tenantId;
  const done = async (reply: Reply): Promise<HandleOutcome> => {
    await service.reply(conversation, reply);
    return { ok: true };
  };
  switch (command.name) {
    case 'help':
      return done(helpReply(service.parser, command.topic));
    case 'usage':
      return done(await usageReply(store, model, tenantId, service.runner.activeJobs(tenantId).length));
    case 'panel.list':
      return done(await listPanels(store, tenantId));
    case 'panel.show':
      return done(await showPanel(store, model, tenantId, command.panel));
    case 'panel.delete': {
      await requirePanelIdle(
        store,
        service.runner.activeJobs(tenantId),
        await requirePanel(store, tenantId, command.panel),
      );
      return done(await deletePanel(store, tenantId, command.panel));
    }
    case 'panel.seat':
      requireChannelIdle(await service.runner.pendingInChannel(conversation), command.panel);
      return done(await seatPanel(store, conversation, command.panel));
    case 'panel.add':
      if (files.length) return done(await addFilesToPanel(store, model, conversation, files, command.panel));
      if (!command.persona)
        throw new UserInputError(
          'command.invalid',
          'Say what to add: a description, pasted JSON, a library name, or attach .agent.json / .fragment.json / .zip files.',
          '/panel add a 34-year-old nurse in Leeds who cycles to work',
        );
      // A description becomes a persona through one model call, which the budget must cover.
      return done(
        await addToPanel(
          store,
          model,
          conversation,
          command.persona,
          command.panel,
          () => service.checkBudgetFor(conversation.tenantId, { persona: 1 }),
          service.options.limits?.compactProfile,
        ),
      );
    case 'panel.export':
      return done(await exportTinyTroupe(store, conversation, command.panel));
    case 'persona':
      return done(await personaCard(store, model, conversation, command.persona));
    case 'cancel': {
      const job = await service.runner.cancel(conversation, command.job);
      return done(botText(`Cancelling job ${job.id} (${job.kind})…`));
    }
    case 'confirm':
      return service.confirm(conversation, command.confirmId);
    case 'intervene': {
      const size = await seatedSize(service, conversation);
      const rules = await addStoredIntervention(store, conversation, {
        id: randomBytes(3).toString('hex'),
        condition: command.condition,
        thought: command.thought,
        createdBy: conversation.userId,
      });
      return done(
        botText(
          `Intervention ${rules.length} set for the ${size} personas of this channel: when "${command.condition}" holds, each gets the thought "${command.thought}". It is checked at the start of every step.`,
        ),
      );
    }
    case 'intervene.list': {
      const rules = await listStoredInterventions(store, conversation);
      return done(
        botText(
          rules.length
            ? `Intervention rules in this channel (at most ${MAX_INTERVENTIONS}):\n${rules.map((rule, at) => `${at + 1}. when "${rule.condition}" then "${rule.thought}"`).join('\n')}`
            : 'This channel has no intervention rules. Add one with /intervene when "<condition>" then "<thought>".',
        ),
      );
    }
    case 'intervene.remove': {
      const removed = await removeStoredIntervention(store, conversation, command.index);
      return done(
        botText(`Removed intervention ${command.index}: when "${removed.condition}" then "${removed.thought}".`),
      );
    }
    case 'panel.create': {
      const demography = command.demography ? chooseDemography(command.demography, files) : undefined;
      const description = command.description ?? demography!.title;
      let panelName = command.panelName;
      // A creation still running has not saved its panel yet, but its name is taken.
      const creating = service.runner
        .activeJobs(tenantId)
        .filter((job) => job.kind === 'panel.create' && typeof job.input.panelName === 'string')
        .map((job) => String(job.input.panelName));
      if (
        panelName &&
        ((await store.getPanel(tenantId, panelName)) ||
          creating.some((name) => name.toLowerCase() === panelName!.toLowerCase()))
      ) {
        throw new UserInputError(
          'panel.exists',
          `A panel named "${panelName}" already exists. Pick another --name, or delete it first.`,
          `/panel create ${command.count} ${description.slice(0, 40)} --name ${panelName}-2`,
        );
      }
      panelName ??= await derivePanelName(store, tenantId, description, creating);
      const input = { count: command.count, description, panelName, align: command.align, demography };
      // Dimensions and plan are one call; two with --align or a demography document (see TinyPersonFactory `planning`).
      const plan = command.align || demography ? 2 : 1;
      return service.startJob(conversation, 'panel.create', input, text, { plan, persona: command.count });
    }
    case 'panel.ask': {
      const size = await seatedSize(service, conversation);
      if (command.independent) return startIndependent(service, conversation, command, text, size);
      const input = conversation.threadKey
        ? { question: command.question, threadKey: conversation.threadKey }
        : { question: command.question };
      const judges = (await listStoredInterventions(store, conversation)).length;
      const snapshots = [...(await seatedSnapshots(service.options, conversation, size)).values()];
      return service.startJob(conversation, 'panel.ask', input, text, {
        projected: projectTurns(snapshots, { steps: 1, actors: size, listeners: size, opening: 1 }),
        judge: judges,
      });
    }
    case 'panel.complete': {
      const panel = await requirePanel(store, tenantId, command.panel);
      const incomplete = panel.meta?.incomplete as IncompletePanel | undefined;
      if (!incomplete)
        throw new UserInputError(
          'panel.complete',
          `Panel "${panel.name}" is already complete.`,
          `/panel show ${panel.name}`,
        );
      const input = {
        count: incomplete.missing,
        description: panel.description,
        panelName: panel.name,
        complete: true,
      };
      return service.startJob(conversation, 'panel.create', input, text, { plan: 2, persona: incomplete.missing });
    }
    case 'panel.retry': {
      const input = await retryInput(store, conversation, command.job);
      const snapshots = await seatedSnapshots(service.options, conversation, input.personas.length);
      const asked = input.personas.flatMap((name) => {
        const snapshot = snapshots.get(name);
        return snapshot ? [snapshot] : [];
      });
      return service.startJob(conversation, 'panel.ask', input, text, {
        projected: projectTurns(asked, { steps: 1, actors: asked.length, listeners: snapshots.size, opening: 1 }),
      });
    }
    case 'followup': {
      const size = await seatedSize(service, conversation);
      if (command.persona) await requirePersona(store, conversation, command.persona);
      const input = { question: command.text, threadKey: conversation.threadKey, persona: command.persona };
      const judges = (await listStoredInterventions(store, conversation)).length;
      const snapshots = await seatedSnapshots(service.options, conversation, size);
      const addressed = command.persona ? personaSnapshot(snapshots, command.persona) : undefined;
      const actors = addressed ? [addressed] : [...snapshots.values()];
      return service.startJob(conversation, 'panel.ask', input, text, {
        projected: projectTurns(actors, { steps: 1, actors: actors.length, listeners: size, opening: 1 }),
        judge: judges,
      });
    }
    case 'brainstorm': {
      const size = await seatedSize(service, conversation);
      const input = {
        topic: command.topic,
        rounds: command.rounds,
        diverge: command.diverge,
        threadKey: conversation.threadKey,
      };
      // Each /intervene rule is judged once per step; --diverge judges every persona once per round
      // (from the round a persona has spoken often enough for the variety check to apply).
      const rules = (await listStoredInterventions(store, conversation)).length;
      const snapshots = [...(await seatedSnapshots(service.options, conversation, size)).values()];
      return service.startJob(conversation, 'brainstorm', input, text, {
        projected: projectTurns(snapshots, { steps: command.rounds, actors: size, listeners: size, opening: 1 }),
        judge: rules * command.rounds + (command.diverge ? size * command.rounds : 0),
      });
    }
    case 'poll': {
      pollDefinition(command);
      if (command.method === 'ssr' && !ssrEmbedder(model)) throw ssrNeedsEmbeddings();
      const size = await seatedSize(service, conversation);
      if (command.independent) return startIndependent(service, conversation, command, text, size);
      if (command.by) await checkBreakdown(store, conversation, command.by);
      const { threadKey, latestThread } = await targetThread(service, conversation, command.all, false);
      if (command.withPeople)
        return startPeoplePoll(
          service,
          conversation,
          command,
          pollJobInput(command, threadKey, latestThread),
          text,
          size,
        );
      return service.startJob(conversation, 'poll', pollJobInput(command, threadKey, latestThread), text, {
        poll: size,
      });
    }
    case 'vote':
      return done(await service.peoplePolls.vote(conversation, command.choice, command.pollId));
    case 'poll.close':
      await service.peoplePolls.close(conversation, command.pollId);
      return { ok: true };
    case 'fidelity':
      return startFidelity(service, conversation, command, text, files);
    case 'fidelity.history':
      return done(await fidelityHistory(service, conversation));
    case 'config.export-names':
      return done(await exportNamesCommand(store, conversation.tenantId, command.value));
    case 'poll.compare': {
      await seatedSize(service, conversation);
      const { threadKey } = await targetThread(service, conversation, false, false);
      return done(await pollCompareReply(store, model, conversation, threadKey));
    }
    case 'summarize': {
      await seatedSize(service, conversation);
      const { threadKey, latestThread } = await targetThread(service, conversation, command.all, true);
      return service.startJob(
        conversation,
        'summarize',
        { focus: command.focus, threadKey, latestThread, all: command.all },
        text,
        { projected: await summaryWork(store, conversation, threadKey, command.all) },
      );
    }
    case 'export': {
      await seatedSize(service, conversation);
      const { threadKey, latestThread } = await targetThread(service, conversation, command.all, true);
      return service.startJob(
        conversation,
        'export',
        { format: command.format, threadKey, latestThread, all: command.all },
        text,
        {},
      );
    }
    case 'fork':
    case 'diff':
    case 'experiment':
      return dispatchExperiment(service, conversation, command, text, () => seatedSize(service, conversation));
  }
}

/**
 * The ask that retries only the personas an earlier ask or brainstorm job reported as failed: the
 * same question (for a brainstorm, its opening on the same topic), in the same thread.
 */
async function retryInput(store: Store, conversation: Conversation, jobId: string) {
  const job = await store.getJob(conversation.tenantId, jobId);
  const result = job?.result as (Partial<AskOutcome> & { failed?: { agent: string }[] }) | undefined;
  const question =
    job?.kind === 'brainstorm' && typeof job.input.topic === 'string'
      ? brainstormPrompt(job.input.topic)
      : job?.kind === 'panel.ask'
        ? result?.question
        : undefined;
  if (!result?.failed?.length || !result.threadKey || !question)
    throw new UserInputError(
      'job.nothing-to-retry',
      `Job "${jobId}" has no personas left to ask again (only an ask or a brainstorm in which some personas failed has).`,
      '/panel retry <the job id shown with the failure>',
    );
  return {
    question,
    threadKey: result.threadKey,
    personas: [...new Set(result.failed.map((entry) => entry.agent))],
  };
}

/** The snapshot of the persona a follow-up addresses (full or first name, as the ask job resolves it). */
function personaSnapshot(snapshots: Map<string, MemorySnapshot>, name: string): MemorySnapshot | undefined {
  const wanted = name.toLowerCase();
  const names = [...snapshots.keys()];
  const found =
    names.find((candidate) => candidate.toLowerCase() === wanted) ??
    names.find((candidate) => candidate.toLowerCase().split(/\s+/)[0] === wanted);
  return found ? snapshots.get(found) : FRESH_PERSONA;
}

/** The number of personas seated in the channel; a clear error when none is. */
async function seatedSize(service: DispatchContext, conversation: Conversation): Promise<number> {
  const { store } = service.options;
  const world = await store.getWorld(conversation.tenantId, conversation.channelKey);
  const creating = world ? undefined : await service.runner.creationPendingIn(conversation);
  // Typed while `/panel create` is sampling: the job waits in the channel's lane behind the creation.
  if (creating) return Number(creating.input.count) || 1;
  if (!world) {
    const panels = await store.listPanels(conversation.tenantId);
    const hint = panels.length
      ? `Seat one of your panels (${panels
          .slice(0, 5)
          .map((panel) => panel.name)
          .join(', ')}) or create one.`
      : 'Create one first.';
    throw new UserInputError(
      'panel.not-seated',
      `No panel is seated in this channel. ${hint}`,
      panels.length ? `/panel seat ${panels[0].name}` : '/panel create 5 US parents of toddlers',
    );
  }
  const panel = await store.getPanelById(conversation.tenantId, world.panelId);
  if (!panel)
    throw new UserInputError('panel.not-seated', 'The panel seated here was deleted; seat another one.', '/panel list');
  await requirePanel(store, conversation.tenantId, panel.name);
  return (await store.listPersonas(conversation.tenantId, panel.id)).length;
}

/**
 * The thread a command applies to: the current thread, else the channel's latest thread — marked
 * `latestThread`, so the job picks the latest one when it runs (after an ask typed just before it)
 * — or the whole channel with --all (undefined).
 */
async function targetThread(
  service: DispatchContext,
  conversation: Conversation,
  all: boolean,
  needsHistory: boolean,
): Promise<{ threadKey?: string; latestThread: boolean }> {
  if (all) return { latestThread: false };
  if (conversation.threadKey) return { threadKey: conversation.threadKey, latestThread: false };
  const latest = await service.options.store.getValue(conversation.tenantId, lastThreadKey(conversation.channelKey));
  if (typeof latest === 'string') return { threadKey: latest, latestThread: true };
  if (await service.runner.pendingInChannel(conversation)) return { latestThread: true };
  if (needsHistory)
    throw new UserInputError(
      'thread.none',
      'There is no conversation to work on yet: ask the panel something first (or use --all for the whole channel).',
      '/panel ask "What would make you switch?"',
    );
  return { latestThread: false };
}
