import { describe, expect, it } from 'vitest';
import { categoryOf } from '../../../engine/factory/dimension-values.js';

describe('categoryOf with non-ASCII category names', () => {
  it('finds a country whose name starts or ends with an accented letter inside a residence', () => {
    expect(categoryOf({ name: 'Ana', residence: 'Lima, Perú' }, 'country', ['Perú', 'Chile'])).toBe('Perú');
    expect(
      categoryOf({ name: 'Luc', residence: 'Paris, Île-de-France, France' }, 'region', ['Île-de-France', 'Bretagne']),
    ).toBe('Île-de-France');
  });

  it('still requires a whole word, in any script', () => {
    expect(categoryOf({ name: 'Ana', residence: 'Lima, Perúana' }, 'country', ['Perú'])).toBeUndefined();
    expect(categoryOf({ name: 'Bo', residence: 'Austin, Texas' }, 'region', ['Tex'])).toBeUndefined();
  });
});
