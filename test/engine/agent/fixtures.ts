import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PersonaSpec } from '../../../engine/agent/persona-spec.js';

/** TinyTroupe's sample files, read from the shared folder beside the repository. */
export const TINYTROUPE_DIR = path.resolve(import.meta.dirname, '../../../../shared/fixtures/tinytroupe');

export function tinyTroupePersona(name: 'Lisa' | 'Oscar'): PersonaSpec {
  return JSON.parse(readFileSync(path.join(TINYTROUPE_DIR, `${name}.agent.json`), 'utf8')).persona as PersonaSpec;
}

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
