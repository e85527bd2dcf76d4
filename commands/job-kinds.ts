import type { CompactProfileTask } from '../engine/agent/compact-profile/tasks.js';
import type { LanguageModel } from '../engine/llm/port.js';
import type { Store } from '../engine/store/ports.js';
import { exportJob } from './extraction/export-job.js';
import { pollJob } from './extraction/poll-job.js';
import { fidelityJob } from './fidelity/fidelity-job.js';
import { summarizeJob } from './extraction/summarize-job.js';
import type { JobKind } from './jobs/job-types.js';
import { panelCreateJob } from './panels/panel-create-job.js';
import { askJob } from './session/ask-job.js';
import { brainstormJob } from './session/brainstorm-job.js';
import { loadInterventions } from './session/steering.js';
import type { PeoplePolls } from './poll-with-people/people-polls.js';
import { forkJob } from './forks/fork-job.js';
import { diffJob } from './forks/diff-job.js';
import { experimentJob } from './forks/experiment-job.js';
import { independentJob } from './session/independent-job.js';

/** Every job kind the command layer runs, wired to the store and the model. */
export function jobKinds(deps: {
  store: Store;
  model: LanguageModel;
  maxPanelSize: number;
  compactAnswersAbove?: number;
  /** The tasks that read compact profiles (`LLM_COMPACT_PROFILE`); profiles are written at creation when any does. */
  compactProfile?: readonly CompactProfileTask[];
  peoplePolls?: Pick<PeoplePolls, 'panelAnswered'>;
}): JobKind[] {
  const interventions = loadInterventions(deps);
  return [
    panelCreateJob(deps),
    askJob({ ...deps, interventions }),
    brainstormJob({ ...deps, interventions }),
    pollJob(deps),
    summarizeJob(deps),
    exportJob(deps),
    fidelityJob(deps),
    forkJob({ ...deps, interventions }),
    diffJob(deps),
    experimentJob({ ...deps, interventions }),
    independentJob({ ...deps, interventions }),
  ];
}
