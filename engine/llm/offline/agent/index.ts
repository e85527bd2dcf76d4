import type { OfflineResponders } from '../offline-model.js';
import { AGENT_TASKS } from '../../../agent/act-schema.js';
import { respondAct } from './act-responder.js';
import { respondConsolidate } from './consolidate-responder.js';
import { respondProfile } from './profile-responder.js';
import { PROFILE_TASK } from '../../../agent/compact-profile/profile-prompt.js';

/**
 * Offline answers for the agent's tasks: in-character turns (`agent.act`) and first-person
 * memories (`agent.consolidate`), compact profiles (`persona.profile`), deterministic per request.
 *
 * @example
 *   new OfflineModel({ responders: { ...agentOfflineResponders } });
 */
export const agentOfflineResponders: OfflineResponders = {
  [AGENT_TASKS.act]: respondAct,
  [AGENT_TASKS.regenerate]: respondAct,
  [AGENT_TASKS.consolidate]: respondConsolidate,
  [PROFILE_TASK]: respondProfile,
};
