import type { Faculty } from './faculty.js';
import { GroundingFaculty } from './grounding.js';
import { RecallFaculty } from './recall.js';
import { WordProcessorFaculty } from './word-processor.js';

/** A faculty as saved in agent state. */
export interface FacultyState {
  name: string;
  state: Record<string, unknown>;
}

/**
 * Rebuilds the built-in faculties from saved state; unknown names are skipped (pass custom
 * faculties to `TinyPerson.fromState` yourself).
 */
export function restoreFaculties(saved: readonly FacultyState[]): Faculty[] {
  const faculties: Faculty[] = [];
  for (const { name, state } of saved) {
    if (name === 'recall') faculties.push(RecallFaculty.fromState(state));
    else if (name === 'grounding') faculties.push(GroundingFaculty.fromState(state));
    else if (name === 'word-processor') faculties.push(new WordProcessorFaculty());
  }
  return faculties;
}
