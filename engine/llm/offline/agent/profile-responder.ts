import type { CompletionRequest } from '../../port.js';
import type { PersonaSpec } from '../../../agent/persona-spec.js';
import { extractiveProfile } from '../../../agent/compact-profile/extractive-profile.js';

/** Offline `persona.profile`: the profile cut from the spec's own words (the demo model writes no prose of its own). */
export function respondProfile(request: CompletionRequest<unknown>): unknown {
  const persona = request.hints?.persona as PersonaSpec | undefined;
  return { profile: persona ? extractiveProfile(persona) : 'A simulated persona.' };
}
