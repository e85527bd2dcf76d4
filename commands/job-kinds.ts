import type { LanguageModel } from '../engine/llm/port.js';
import type { Store } from '../engine/store/ports.js';
import type { JobKind } from './jobs/job-types.js';
import { panelCreateJob } from './panels/panel-create-job.js';
import { askJob } from './session/ask-job.js';
import { loadInterventions } from './session/steering.js';

/** Every job kind the command layer runs, wired to the store and the model. */
export function jobKinds(deps: { store: Store; model: LanguageModel; maxPanelSize: number }): JobKind<any>[] {
  const interventions = loadInterventions(deps);
  return [panelCreateJob(deps), askJob({ ...deps, interventions })];
}
