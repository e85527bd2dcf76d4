import { describe, expect, it } from 'vitest';
import { matchAddressee } from '../../commands/session/addressing.js';

describe('matchAddressee: which persona a follow-up names', () => {
  const panel = ['Megan Smith', 'Megan Scott', 'Ada Okafor', 'Ada', 'Tomás Ruiz'];

  it.each([
    ['@Megan Scott what do you pay now?', 'Megan Scott'],
    ['@megan smith, and you?', 'Megan Smith'],
    ['Ada Okafor: would you switch?', 'Ada Okafor'],
    ['@Ada how about you?', 'Ada'],
    ['@Tomás what would change your mind?', 'Tomás Ruiz'],
    ['tomás, any thoughts?', 'Tomás Ruiz'],
  ])('%s → %s', (text, expected) => {
    expect(matchAddressee(text, panel)).toBe(expected);
  });

  it.each([
    ['@Megan what do you think?'],
    ['What does everyone think about Megan Scott’s idea?'],
    ['email me at someone@example.com'],
    [''],
  ])('addresses nobody: %s', (text) => {
    expect(matchAddressee(text, panel)).toBeUndefined();
  });
});
