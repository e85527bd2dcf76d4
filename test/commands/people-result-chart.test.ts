import { describe, expect, it } from 'vitest';
import { peopleResultChart, peopleResultText } from '../../commands/poll-with-people/people-result.js';
import { renderVegaLitePng } from '../../engine/extraction/charts/index.js';
import { comparePeopleWithPanel, parsePoll, type PollAnswer } from '../../engine/extraction/polls/index.js';

const answer = (personaId: string, value: PollAnswer['value']): PollAnswer => ({
  personaId,
  personaName: personaId,
  value,
  reason: 'r',
});
type Row = { group: string; rating?: string; option?: string; start?: number; end?: number; share?: number };

describe('the people-beside-the-panel chart', () => {
  it('is diverging bars for Likert: each group centred on the midpoint, disagree left of 0', async () => {
    const poll = parsePoll({ kind: 'likert', question: 'I trust the brand' });
    // Panel ratings 3,3,4,5 → shares [0, 0, .5, .25, .25]; people 1,2 → [.5, .5, 0, 0, 0].
    const result = comparePeopleWithPanel(
      poll,
      [3, 3, 4, 5].map((value, index) => answer(`p${index}`, value)),
      ['1', '2'],
      new Map(),
    );
    const { spec, altText } = peopleResultChart(result);
    expect(altText).toContain('Diverging bars');
    const rows = (spec as { data: { values: Row[] } }).data.values;
    const panel = rows.filter((row) => row.group.startsWith('panel'));
    const people = rows.filter((row) => row.group.startsWith('people'));
    expect(panel.map((row) => row.rating)).toEqual(['1', '2', '3', '4', '5']);
    // The midpoint (3) straddles 0: half of its share on each side; the panel starts at −0.25, the people at −1.
    expect(panel[0].start).toBeCloseTo(-0.25, 12);
    expect(panel[2].start).toBeCloseTo(-0.25, 12);
    expect(panel[2].end).toBeCloseTo(0.25, 12);
    expect(panel[4].end).toBeCloseTo(0.75, 12);
    expect(people[0].start).toBeCloseTo(-1, 12);
    expect(people[4].end).toBeCloseTo(0, 12);
    const png = await renderVegaLitePng(spec);
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('is paired bars for a choice poll: one bar per option and group, the shares of each', () => {
    const poll = parsePoll({ kind: 'single-choice', question: 'Which name?', options: ['Nova', 'Orbit'] });
    const result = comparePeopleWithPanel(
      poll,
      [answer('p1', 'Nova'), answer('p2', 'Nova'), answer('p3', 'Orbit')],
      ['Orbit'],
      new Map(),
    );
    const { spec, altText } = peopleResultChart(result);
    expect(altText).toContain('Paired bars');
    const rows = (spec as { data: { values: Row[] } }).data.values;
    expect(rows.map((row) => [row.group, row.option, row.share])).toEqual([
      ['panel (n=3)', 'Nova', 2 / 3],
      ['panel (n=3)', 'Orbit', 1 / 3],
      ['people (n=1)', 'Nova', 0],
      ['people (n=1)', 'Orbit', 1],
    ]);
    expect((spec as { encoding: { xOffset: { field: string } } }).encoding.xOffset.field).toBe('group');
    const { text } = peopleResultText(result);
    expect(text).toContain('panel n = 3 · people n = 1');
    expect(text).toContain('Only 1 people voted');
  });
});
