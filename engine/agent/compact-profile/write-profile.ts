import type { CallAttribution, LanguageModel } from '../../llm/port.js';
import { personaCacheKey } from '../../llm/prompt-prefix.js';
import { countTokens } from '../../llm/tokens.js';
import type { PersonaSpec } from '../persona-spec.js';
import { extractiveProfile } from './extractive-profile.js';
import { unsupportedFacts } from './profile-facts.js';
import { PROFILE_TASK, ProfileSchema, profileMessages, profileRepairMessages } from './profile-prompt.js';

/** Where a stored profile came from: the model's draft, its one repair, or the spec's own words. */
export type ProfileSource = 'written' | 'repaired' | 'extractive';

/** A compact profile and how it was checked. */
export interface CompactProfile {
  profile: string;
  source: ProfileSource;
  /** Facts of rejected drafts that the spec did not contain (empty when the first draft passed). */
  rejected: string[];
  tokens: number;
}

/** Most tokens a profile may have ("a few hundred"); a longer draft is rejected like an inventing one. */
export const MAX_PROFILE_TOKENS = 400;

/**
 * Writes a persona's compact profile once (task `persona.profile`, on the small model when one is set) and
 * checks it against the spec: a draft naming a number or proper name the spec lacks, or longer than
 * `MAX_PROFILE_TOKENS`, is sent back once with the offending facts; if the repair still fails, the profile is
 * cut from the spec's own words instead (`extractiveProfile`), so a stored profile never invents.
 *
 * @example
 *   const { profile, source } = await writeCompactProfile(model, spec); // source: 'written'
 */
export async function writeCompactProfile(
  model: LanguageModel,
  spec: PersonaSpec,
  options: { signal?: AbortSignal; attribution?: CallAttribution } = {},
): Promise<CompactProfile> {
  const ask = async (messages: ReturnType<typeof profileMessages>) =>
    (
      await model.complete({
        task: PROFILE_TASK,
        messages,
        schema: ProfileSchema,
        temperature: 0.2,
        promptCacheKey: personaCacheKey(PROFILE_TASK, spec.name),
        signal: options.signal,
        attribution: options.attribution,
        hints: { persona: spec },
      })
    ).value.profile.trim();
  const problems = (draft: string) => {
    const invented = unsupportedFacts(draft, spec);
    return countTokens(draft) > MAX_PROFILE_TOKENS
      ? [...invented, `length over ${MAX_PROFILE_TOKENS} tokens`]
      : invented;
  };
  const draft = await ask(profileMessages(spec));
  const first = problems(draft);
  if (first.length === 0) return { profile: draft, source: 'written', rejected: [], tokens: countTokens(draft) };
  const repaired = await ask(profileRepairMessages(spec, draft, first));
  const second = problems(repaired);
  if (second.length === 0)
    return { profile: repaired, source: 'repaired', rejected: first, tokens: countTokens(repaired) };
  const fallback = extractiveProfile(spec);
  return {
    profile: fallback,
    source: 'extractive',
    rejected: [...new Set([...first, ...second])],
    tokens: countTokens(fallback),
  };
}
