import type { CallAttribution, LanguageModel } from '../llm/port.js';
import type { TurnReviewer } from './agent-port.js';
import type { WorldEvent } from './events.js';
import type { Faculty } from './faculties/faculty.js';
import type { MemoryOptions } from './memory/options.js';
import type { PersonaSpec } from './persona-spec.js';

/** What `TinyPerson` is built from. */
export interface TinyPersonOptions {
  spec: PersonaSpec;
  model: LanguageModel;
  faculties?: Faculty[];
  memory?: MemoryOptions;
  turnReviewer?: TurnReviewer;
  /** Simulated clock (the world's); stamps events and shows the date in the prompt. */
  clock?: () => Date;
  attribution?: CallAttribution;
  temperature?: number;
  /**
   * The persona's compact profile, given only where the deployment lets judges read it (`LLM_COMPACT_PROFILE`
   * has `judge`): action-correction judges then read it instead of the full spec. Turns always use the spec.
   */
  compactProfile?: string;
  /** Called for every event the agent stores (the world appends them to the EventStore). */
  onEvent?: (event: WorldEvent) => void;
}

/** Model calls this agent made. */
export interface AgentUsage {
  calls: number;
  inputTokens: number;
  outputTokens: number;
}
