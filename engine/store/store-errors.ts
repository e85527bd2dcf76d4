import { UserInputError } from '../errors.js';

/** The row is absent, or belongs to another tenant (indistinguishable on purpose). */
export function notFound(kind: 'panel' | 'persona' | 'world' | 'job', id: string): UserInputError {
  const examples = { panel: '/panel list', persona: '/panel show <name>', world: '/panel seat <name>', job: '/jobs' };
  return new UserInputError(`${kind}.not_found`, `No ${kind} "${id}" here.`, examples[kind]);
}

/** A panel with this name already exists in the tenant. */
export function panelExists(name: string): UserInputError {
  return new UserInputError(
    'panel.exists',
    `A panel named "${name}" already exists; pick another name or delete it first.`,
    `/panel create 12 US parents --name ${name}-2`,
  );
}
