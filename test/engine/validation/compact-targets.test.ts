import { describe, expect, it } from 'vitest';
import { TinyPerson } from '../../../engine/agent/tiny-person.js';
import { renderTargetContext } from '../../../engine/validation/targets.js';
import { ScriptedModel } from '../../doubles/scripted-model.js';
import { ADA } from '../agent/fixtures.js';

describe('judges read the compact profile when the persona has one', () => {
  const window = { firstN: 5, lastN: 5, includePersonas: true };
  it('uses the profile instead of the spec, and the spec without one', () => {
    const model = new ScriptedModel({});
    const compact = new TinyPerson({ spec: ADA, model, compactProfile: 'Ada Quist is a Dutch nurse.' });
    const full = new TinyPerson({ spec: ADA, model });
    const withProfile = renderTargetContext(compact, window);
    expect(withProfile).toContain('Compact profile of Ada Quist:\nAda Quist is a Dutch nurse.');
    expect(withProfile).not.toContain(JSON.stringify(ADA));
    expect(renderTargetContext(full, window)).toContain(`Persona specification of Ada Quist:\n${JSON.stringify(ADA)}`);
  });
});
