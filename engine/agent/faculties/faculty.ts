import type { Action, Stimulus } from '../events.js';
import type { PersonaSpec } from '../persona-spec.js';
import type { RetrievedMemory } from '../memory/semantic.js';
import type { ActionDescription } from '../prompt/actions.js';

/** A document the agent wrote (WRITE_DOCUMENT), kept on the agent for export. */
export interface Artifact {
  title: string;
  content: string;
  author: string;
  /** Simulated time (ISO). */
  createdAt: string;
}

/** What a faculty may use of the agent executing it. */
export interface FacultyHost {
  readonly name: string;
  readonly spec: PersonaSpec;
  /** Semantic and episodic memories relevant to a query, best first. */
  recall(query: string, limit?: number, signal?: AbortSignal): Promise<RetrievedMemory[]>;
  addArtifact(artifact: Omit<Artifact, 'author' | 'createdAt'>): Artifact;
}

/** The outcome of a faculty action: stimuli the agent perceives next (e.g. recalled memories). */
export interface FacultyResult {
  stimuli?: Stimulus[];
}

/**
 * A plug-in mental faculty: adds actions and constraints to the prompt and executes its actions.
 *
 * @example
 *   const agent = new TinyPerson({ spec, model, faculties: [new RecallFaculty(), new WordProcessorFaculty()] });
 */
export interface Faculty {
  readonly name: string;
  readonly actions: readonly ActionDescription[];
  readonly constraints: readonly string[];
  execute(action: Action, agent: FacultyHost, signal?: AbortSignal): Promise<FacultyResult>;
  /** Serializable state (documents, settings); restored by the faculty's `fromState`. */
  toState?(): Record<string, unknown>;
}
