import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../engine/errors.js';
import { applyFragments, loadAgentFile, loadFragmentFile, mergePersona } from '../../personas/index.js';
import { OWN_FORMAT_DIR } from '../fixtures/tinytroupe.js';

function thrown(fn: () => unknown): UserInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserInputError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe("fragment merge: TinyTroupe's merge_dicts, edge cases decided", () => {
  it('adds new keys, replaces null, merges objects, concatenates lists without duplicates', () => {
    expect(
      mergePersona({ a: null, b: { c: 1 }, l: ['x', 'y'] }, { a: 'set', b: { d: 2 }, l: ['y', 'z'], n: 5 }),
    ).toEqual({ a: 'set', b: { c: 1, d: 2 }, l: ['x', 'y', 'z'], n: 5 });
  });

  it('{age: 30} + {age: null}: refused, as TinyTroupe raises (a null never erases a value)', () => {
    const error = thrown(() =>
      mergePersona({ age: 30 }, { age: null }, { source: 'blank.fragment.json', target: 'Ada' }),
    );
    expect(error.code).toBe('persona.fragment_conflict');
    expect(error.message).toBe(
      'Fragment conflict at persona.age: Ada has 30 but blank.fragment.json sets it to null (TinyTroupe refuses this too). Remove the field from one of them, or use a list so both values are kept.',
    );
  });

  it('30 vs 30.0: the same JSON number, merged silently (TinyTroupe raises only because Python splits int and float)', () => {
    expect(mergePersona({ age: 30 }, JSON.parse('{"age": 30.0}'))).toEqual({ age: 30 });
  });

  it('list items that are equal objects with keys in another order are de-duplicated, as TinyTroupe does', () => {
    const merged = mergePersona(
      { relationships: [{ name: 'Bo', description: 'brother' }] },
      {
        relationships: [
          { description: 'brother', name: 'Bo' },
          { name: 'Eli', description: 'friend' },
        ],
      },
    );
    expect(merged.relationships).toEqual([
      { name: 'Bo', description: 'brother' },
      { name: 'Eli', description: 'friend' },
    ]);
  });

  it('[1, true] + [1.0] gives [1], as TinyTroupe’s Python equality gives (true == 1 == 1.0)', () => {
    expect(mergePersona({ l: [1, true] }, { l: JSON.parse('[1.0]') }).l).toEqual([1]);
    expect(mergePersona({ l: [0, 'a'] }, { l: [false, 'a', 'b'] }).l).toEqual([0, 'a', 'b']);
  });

  it('different values or kinds: a conflict naming the field, the persona and the fragment (never “the fragment from the fragment”)', () => {
    const scalar = thrown(() =>
      mergePersona({ age: 28 }, { age: 35 }, { source: 'older.fragment.json', target: 'Lisa' }),
    );
    expect(scalar.message).toContain('persona.age: Lisa has 28 but older.fragment.json has 35');
    const unnamed = thrown(() => mergePersona({ age: 28 }, { age: 35 }));
    expect(unnamed.message).toContain('the persona has 28 but the fragment has 35');
    expect(unnamed.message).not.toContain('the fragment from');
    const kind = thrown(() => mergePersona({ occupation: { title: 'Nurse' } }, { occupation: 'Pilot' }));
    expect(kind.message).toContain(
      'persona.occupation: the persona has an object ({"title":"Nurse"}) but the fragment has text ("Pilot")',
    );
    const bool = thrown(() => mergePersona({ smoker: 1 }, { smoker: true }));
    expect(bool.message).toContain('has a number (1) but the fragment has a boolean (true)');
    const nested = thrown(() =>
      mergePersona(
        { personality: { big_five: { openness: 'High' } } },
        { personality: { big_five: { openness: 'Low' } } },
      ),
    );
    expect(nested.message).toContain('persona.personality.big_five.openness');
  });

  it('applies the project’s own fragment to its own loose-format agent, idempotently', async () => {
    const ingrid = await loadAgentFile(path.join(OWN_FORMAT_DIR, 'population', 'Ingrid Bakke.agent.json'));
    const fragment = await loadFragmentFile(
      path.join(OWN_FORMAT_DIR, 'population', 'bargain-hunter.agent.fragment.json'),
    );
    const merged = applyFragments(ingrid, [fragment], ['bargain-hunter']);
    expect(merged.persona.preferences?.likes).toEqual([
      'Brown cheese on crispbread',
      'Punctual ferries',
      'Discount codes',
    ]);
    expect((merged.persona.behaviors as Record<string, unknown>).shopping).toEqual([
      'Buys from the co-op by the quay.',
      'Compares three shops before buying anything over 500 kroner.',
    ]);
    expect(applyFragments(merged, [fragment])).toEqual(merged);
    expect(ingrid.persona.beliefs).toHaveLength(2);
    const original = JSON.parse(
      await readFile(path.join(OWN_FORMAT_DIR, 'population', 'Ingrid Bakke.agent.json'), 'utf8'),
    );
    expect(ingrid).toEqual(original);
  });
});
