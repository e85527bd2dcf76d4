import { describe, expect, it } from 'vitest';
import {
  extractiveProfile,
  MAX_PROFILE_TOKENS,
  unsupportedFacts,
  writeCompactProfile,
} from '../../../../engine/agent/compact-profile/index.js';
import { countTokens } from '../../../../engine/llm/tokens.js';
import { ScriptedModel } from '../../../doubles/scripted-model.js';
import { libraryPersona } from '../../../fixtures/tinytroupe.js';
import { ADA } from '../fixtures.js';

const GOOD =
  'Ada Quist is a 41-year-old Dutch nurse at Utrecht hospital who bakes sourdough, rides her bike far and hates hidden fees.';

describe('compact profile', () => {
  it('finds numbers and names the spec does not contain', () => {
    expect(unsupportedFacts(GOOD, ADA)).toEqual([]);
    expect(unsupportedFacts('Ada Quist, 43, moved to Paris to work for Philips.', ADA)).toEqual([
      '43',
      'Paris',
      'Philips',
    ]);
  });

  it('keeps a draft grounded in the spec', async () => {
    const model = new ScriptedModel({ 'persona.profile': { profile: GOOD } });
    const made = await writeCompactProfile(model, ADA);
    expect(made).toMatchObject({ profile: GOOD, source: 'written', rejected: [] });
    expect(model.calls('persona.profile')).toHaveLength(1);
    expect(model.requests[0].promptCacheKey).toMatch(/^persona\.profile:[0-9a-f]{16}$/);
  });

  it('sends an inventing draft back once with the invented facts, and keeps the repair', async () => {
    const model = new ScriptedModel({
      'persona.profile': [{ profile: 'Ada Quist, 43, nurse in Paris.' }, { profile: GOOD }],
    });
    const made = await writeCompactProfile(model, ADA);
    expect(made).toMatchObject({ profile: GOOD, source: 'repaired', rejected: ['43', 'Paris'] });
    const repair = model.requests[1].messages.at(-1)?.content ?? '';
    expect(repair).toContain('These are not in the specification: 43, Paris.');
  });

  it('falls back to the spec’s own words when the repair still invents', async () => {
    const model = new ScriptedModel({ 'persona.profile': { profile: 'Ada Quist lives in Berlin.' } });
    const made = await writeCompactProfile(model, ADA);
    expect(made.source).toBe('extractive');
    expect(made.rejected).toEqual(['Berlin']);
    expect(made.profile).toBe(extractiveProfile(ADA));
    expect(unsupportedFacts(made.profile, ADA)).toEqual([]);
  });

  it('cuts a library persona to a few hundred tokens, inventing nothing', () => {
    const spec = libraryPersona('amara-okafor');
    const profile = extractiveProfile(spec);
    expect(countTokens(profile)).toBeLessThanOrEqual(MAX_PROFILE_TOKENS);
    expect(countTokens(profile)).toBeLessThan(countTokens(JSON.stringify(spec)));
    expect(profile.startsWith(`${spec.name}.`)).toBe(true);
    expect(unsupportedFacts(profile, spec)).toEqual([]);
  });
});
