import type { PersonaSpec } from '../../../engine/agent/persona-spec.js';

export {
  HAS_TINYTROUPE,
  NEEDS_TINYTROUPE,
  TINYTROUPE_DIR,
  tinyTroupeSample as tinyTroupePersona,
} from '../../fixtures/tinytroupe.js';

/** A small persona written for these tests. */
export const ADA: PersonaSpec = {
  name: 'Ada Quist',
  age: 41,
  nationality: 'Dutch',
  occupation: { title: 'Nurse', organization: 'Utrecht hospital' },
  preferences: { likes: ['sourdough baking', 'long bike rides'], dislikes: ['hidden fees'] },
  beliefs: ['Public healthcare is worth paying for.'],
};

/** A fixed simulated clock. */
export function fixedClock(iso = '2025-03-04T10:00:00Z'): () => Date {
  return () => new Date(iso);
}
