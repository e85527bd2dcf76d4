import type { ActingAgent } from '../agent/agent-port.js';
import type { WorldView } from '../world/world-port.js';
import { Proposition, type PropositionOptions } from './proposition.js';
import type { SimulationTarget } from './targets.js';

/** Options for a standard proposition: the model plus any override. */
export type StandardOptions = PropositionOptions;

const make =
  (claim: string, defaults: Partial<PropositionOptions>) =>
  (targets: SimulationTarget | readonly SimulationTarget[], options: StandardOptions) =>
    new Proposition(claim, targets, { ...defaults, ...options });

/** Claims of the standard propositions, exported so a wording change shows up as a diff. */
export const STANDARD_CLAIMS = {
  personaAdherence: `THE AGENT ADHERES TO ITS PERSONA SPECIFICATION: the agent's behavior seen in the trajectory is what one
would expect from its persona specification (personality, beliefs, preferences, style, occupation, background).
Actions that contradict the specification, or that a person so described would be unlikely to take, lower the score.`,
  hardPersonaAdherence: `THE AGENT ADHERES STRICTLY TO ITS PERSONA SPECIFICATION: every single action of the agent matches its
persona specification in content AND style. Be very demanding: any generic, assistant-like, overly helpful or
overly polite behavior that the persona would not show, any trait ignored, any out-of-character phrasing makes the
claim false or lowers the score sharply. A persona described as uncooperative must behave uncooperatively.`,
  selfConsistency: `THE AGENT IS SELF-CONSISTENT: regardless of its persona, the agent's behavior is consistent with itself over
time. It does not contradict what it said, believed or did earlier, does not change opinions or facts about itself
without a reason, and keeps the same voice.`,
  fluency: `THE AGENT IS FLUENT: the agent sounds natural, like a real person. It is not overly repetitive, does not reuse
the same formulas or sentence shapes, and does not employ formulaic or robotic language.`,
  taskCompletion: `THE AGENT COMPLETED THE TASK: the task given to the agent was carried out fully and well. The task: {{task}}`,
  divergence: `THE DISCUSSION DIVERGES: the variety of topics and ideas discussed by the agents increases over time; later
contributions bring new, different ideas instead of repeating or refining earlier ones.`,
  convergence: `THE DISCUSSION CONVERGES: the agents progressively agree, narrowing the discussion to a few shared
conclusions or decisions instead of opening new topics.`,
  quietRecently: `THE AGENT HAS BEEN QUIET RECENTLY: in the most recent events the agent has not talked (no TALK actions), only
listened or thought.`,
  actionPersonaAdherence: `THE NEXT AGENT ACTION ADHERES TO THE PERSONA SPECIFICATION: the agent's next action is consistent with its
persona specification; it is what one would expect from a person so described, in content and in style.
THE NEXT ACTION: {{action}}`,
  actionSelfConsistency: `THE NEXT AGENT ACTION IS SELF-CONSISTENT: the agent's next action does not contradict what the agent said,
believed or did before (in the trajectory or earlier in this same turn), regardless of the persona specification.
EARLIER ACTIONS IN THIS TURN: {{turn_so_far}}
THE NEXT ACTION: {{action}}`,
  actionFluency: `THE NEXT AGENT ACTION IS FLUENT: the agent's next action sounds natural, is not a repetition or near
repetition of its previous actions (including earlier actions in this same turn), and does not use formulaic language.
EARLIER ACTIONS IN THIS TURN: {{turn_so_far}}
THE NEXT ACTION: {{action}}`,
  actionSuitability: `THE NEXT AGENT ACTION IS SUITABLE: the agent's next action fits the situation: it responds to what was
just said or asked, makes sense at this moment, and moves the interaction forward.
THE NEXT ACTION: {{action}}`,
} as const;

/** The agent's behavior matches its persona (persona specs included in the context). */
export const personaAdherence = make(STANDARD_CLAIMS.personaAdherence, { includePersonas: true });
/** A stricter persona adherence: generic, assistant-like behavior fails. */
export const hardPersonaAdherence = make(STANDARD_CLAIMS.hardPersonaAdherence, { includePersonas: true });
/** The agent does not contradict itself over time (personas left out on purpose). */
export const selfConsistency = make(STANDARD_CLAIMS.selfConsistency, { includePersonas: false });
/** Natural, non-repetitive, non-formulaic language. */
export const fluency = make(STANDARD_CLAIMS.fluency, { includePersonas: false });
/** The task in `{{task}}` was carried out. */
export const taskCompletion = make(STANDARD_CLAIMS.taskCompletion, { includePersonas: false });
/** Topics in a world widen over time. */
export const divergence = (world: WorldView | readonly WorldView[], options: StandardOptions) =>
  make(STANDARD_CLAIMS.divergence, { includePersonas: false })(world, options);
/** Topics in a world narrow over time. */
export const convergence = (world: WorldView | readonly WorldView[], options: StandardOptions) =>
  make(STANDARD_CLAIMS.convergence, { includePersonas: false })(world, options);
/** The agent has not talked lately (short window by default). */
export const quietRecently = (agent: ActingAgent, options: StandardOptions) =>
  make(STANDARD_CLAIMS.quietRecently, { includePersonas: false, firstN: 0, lastN: 10 })(agent, options);

/** Names of the action-level checks used by action correction. */
export const ACTION_CHECK_NAMES = ['persona-adherence', 'self-consistency', 'fluency', 'suitability'] as const;
export type ActionCheckName = (typeof ACTION_CHECK_NAMES)[number];

/** Human-readable labels of the action-level checks (used in correction feedback). */
export const ACTION_CHECK_LABELS: Readonly<Record<ActionCheckName, string>> = {
  'persona-adherence': 'persona adherence',
  'self-consistency': 'self-consistency',
  fluency: 'fluency',
  suitability: 'suitability',
};

/**
 * Action-level propositions (`{{action}}` filled with the candidate action), by check name.
 *
 * @example
 *   const p = actionPropositions['fluency'](agent, { model });
 *   await p.score({ action: { type: 'TALK', content: 'Hi', target: '' } });
 */
export const actionPropositions: Readonly<
  Record<ActionCheckName, (agent: ActingAgent, options: StandardOptions) => Proposition>
> = {
  'persona-adherence': (agent, options) =>
    make(STANDARD_CLAIMS.actionPersonaAdherence, { includePersonas: true })(agent, options),
  'self-consistency': (agent, options) =>
    make(STANDARD_CLAIMS.actionSelfConsistency, { includePersonas: false })(agent, options),
  fluency: (agent, options) => make(STANDARD_CLAIMS.actionFluency, { includePersonas: false })(agent, options),
  suitability: (agent, options) => make(STANDARD_CLAIMS.actionSuitability, { includePersonas: true })(agent, options),
};
