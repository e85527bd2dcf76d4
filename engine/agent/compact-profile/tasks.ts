/**
 * The cheap tasks that may read a persona's compact profile instead of its full spec. `agent.act` and
 * validation always read the full spec; extraction prompts carry no persona specs (only transcripts),
 * so they have nothing to compact and only move to the small model.
 *
 * - `poll`: poll answers (`poll.answer`)
 * - `judge`: action-correction scores and proposition judges that look at persona specs
 */
export const COMPACT_PROFILE_TASKS = ['poll', 'judge'] as const;

/** One task kind that can use the compact profile. */
export type CompactProfileTask = (typeof COMPACT_PROFILE_TASKS)[number];

/**
 * The default of `LLM_COMPACT_PROFILE`. Judges only read about a persona, so a faithful summary serves
 * them; poll answers speak as the persona, so they keep the full spec (whose prefix the provider caches)
 * until `npm run eval -- compact-profile` on a real model shows the answer distributions agree (low JSD)
 * for a deployment, which then sets `LLM_COMPACT_PROFILE=poll,judge`.
 */
export const DEFAULT_COMPACT_PROFILE_TASKS: readonly CompactProfileTask[] = Object.freeze(['judge']);
