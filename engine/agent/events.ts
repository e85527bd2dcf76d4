import { z } from 'zod';

/** Kinds of stimuli a persona perceives (TinyTroupe names). */
export const StimulusTypeSchema = z.enum(['CONVERSATION', 'SOCIAL', 'VISUAL', 'THOUGHT', 'INTERNAL_GOAL_FORMULATION']);
export type StimulusType = z.infer<typeof StimulusTypeSchema>;

/** A stimulus: `{type, content, source}`; `source` is a persona name, `facilitator`, `world`, … */
export interface Stimulus {
  type: StimulusType;
  content: string;
  source?: string;
}

/** Built-in action types; faculties add their own (RECALL, CONSULT, WRITE_DOCUMENT, …). */
export const CORE_ACTION_TYPES = ['TALK', 'THINK', 'REACH_OUT', 'DONE'] as const;

/** One action of a turn. `target` names the addressee for TALK / REACH_OUT. */
export const ActionSchema = z.object({
  type: z.string().min(1),
  content: z.string().default(''),
  target: z.string().default(''),
});
export type Action = z.infer<typeof ActionSchema>;

/**
 * One entry of the transcript and of episodic memory, in order. Persisted through the store
 * (`EventStore`), so everything said in a channel is kept with its persona, thread and time.
 */
export interface WorldEvent {
  /** Monotonic position within its world (assigned by the store). */
  seq?: number;
  /** The conversation (thread) this event belongs to, if any. */
  threadKey?: string;
  /** Simulated time (ISO string). */
  simTime?: string;
  /** The persona who acted or perceived; `facilitator` for the human asking. */
  agent: string;
  kind: 'stimulus' | 'action';
  type: string;
  content: string;
  /** For a stimulus: who it came from. For an action: its target. */
  counterpart?: string;
  createdAt?: string;
}
