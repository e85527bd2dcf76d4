import type { CompactProfileTask } from '../../engine/agent/compact-profile/tasks.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { Store } from '../../engine/store/ports.js';
import type { InterventionLoader } from './interventions.js';

/** What every job that runs a channel's panel session needs (ask, brainstorm, independent-then-discuss, forks). */
export interface SessionJobDeps {
  store: Store;
  model: LanguageModel;
  interventions: InterventionLoader;
  /** The tasks that read compact profiles (`LLM_COMPACT_PROFILE`); with `judge` the session's personas carry theirs. */
  compactProfile?: readonly CompactProfileTask[];
  /** Compact answers above this many personas (default `COMPACT_ABOVE`). */
  compactAnswersAbove?: number;
}
