import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { oneLineBio } from '../../commands/panels/panel-view.js';
import { HAS_TINYTROUPE, NEEDS_TINYTROUPE, TINYTROUPE_DIR } from '../fixtures/tinytroupe.js';

const persona = (file: string) => JSON.parse(readFileSync(path.join(TINYTROUPE_DIR, file), 'utf8')).persona;

describe.runIf(HAS_TINYTROUPE)(`oneLineBio: a roster line that reads like a person ${NEEDS_TINYTROUPE}`, () => {
  it('gives the facts, then a first trait and interest', () => {
    expect(oneLineBio(persona('Oscar.agent.json'))).toBe(
      '30, Male, Architect, Germany — fast-paced and like to get things done quickly; into modernist architecture and design',
    );
  });

  it('clips long phrases and still works for a bare persona', () => {
    const bio = oneLineBio(persona('Lisa.agent.json'));
    expect(
      bio.startsWith(
        '28, Female, Data Scientist, USA — curious and love to learn new things; into artificial intelligence',
      ),
    ).toBe(true);
    expect(bio.length).toBeLessThan(130);
    expect(oneLineBio({ name: 'Ada' })).toBe('no details yet');
  });
});
