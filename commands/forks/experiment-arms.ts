import type { PersonaRecord } from '../../engine/store/ports.js';
import { SeededRandom, hashString } from '../../engine/util/random.js';

/** Which personas take part in each arm. */
export interface ArmAssignment {
  A: PersonaRecord[];
  B: PersonaRecord[];
  design: 'between' | 'within';
}

/**
 * Assigns personas to the two arms: `within`, everyone in both; otherwise a seeded shuffle split in
 * half (A gets the extra one of an odd panel), so the same seed always gives the same split.
 *
 * @example
 *   assignArms(personas, { within: false, seed: 42 }).A.map((p) => p.name);
 */
export function assignArms(
  personas: readonly PersonaRecord[],
  options: { within: boolean; seed: number | string },
): ArmAssignment {
  if (options.within) return { A: [...personas], B: [...personas], design: 'within' };
  const shuffled = new SeededRandom(hashString(`experiment:${options.seed}`)).shuffle(personas);
  const half = Math.ceil(shuffled.length / 2);
  return { A: shuffled.slice(0, half), B: shuffled.slice(half), design: 'between' };
}
