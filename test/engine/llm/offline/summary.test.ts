import { describe, expect, it } from 'vitest';
import type { WorldEvent } from '../../../../engine/agent/events.js';
import {
  ResultsExtractor,
  extractIdeas,
  summarizeFocusGroup,
  transcriptLines,
  type FocusGroupSummary,
} from '../../../../engine/extraction/index.js';
import { offlineSummary, sentenceStance } from '../../../../engine/llm/offline/extraction/index.js';
import { extractionOfflineResponders } from '../../../../engine/llm/offline/index.js';
import { OfflineModel } from '../../../../engine/llm/offline/offline-model.js';
import { talksBy } from '../../extraction/fixtures.js';

/** The offline demo model's extraction responders: what these tests are about. */
const offlineModel = () => new OfflineModel({ responders: extractionOfflineResponders });

const QUESTION = 'What do you think of a tool-lending subscription for your neighbourhood?';
const POSITIVE = ['Priya Shah', 'Marco Rossi'];
const SKEPTIC = 'Helen Okafor';

/** Two personas keen on the price, one who does not trust it, one on the fence. */
const TURNS: [string, string][] = [
  [
    'Priya Shah',
    'I love that the monthly price is only five dollars. Buying a drill I use twice a year never made sense, so the low price is worth it. I would happily sign up tomorrow.',
  ],
  [
    'Marco Rossi',
    'Same here, the low price is a bargain compared with buying everything new. I would use it for weekend projects. If it had a pressure washer, I am in.',
  ],
  [
    'Helen Okafor',
    'I am not convinced. I doubt strangers will return borrowed gear in good shape, and I worry about who pays when a borrowed saw breaks. Trust is the whole problem with sharing schemes.',
  ],
  [
    'Sam Lee',
    'I am of two minds. The low price is fair, but it depends on how far the pickup point is. You should let members reserve gear a week ahead.',
  ],
  [
    'Priya Shah',
    'Helen, a damage deposit could cover that. For me the low price still wins, it is cheaper than one rental.',
  ],
  [
    'Marco Rossi',
    'I agree with Priya about the low price. What if the app showed photos of the borrowed gear before and after every loan?',
  ],
  [
    'Helen Okafor',
    'Photos would help a little, but I still do not trust strangers with my ladder. A damage deposit tends to fall apart when nobody checks the returns.',
  ],
  ['Sam Lee', 'I can see both sides. A damage deposit and photos would need to come first before I join.'],
];

function events(): WorldEvent[] {
  const list: WorldEvent[] = [];
  let seq = 1;
  const speakers = [...new Set(TURNS.map(([speaker]) => speaker))];
  for (const speaker of speakers)
    list.push({
      seq: seq++,
      agent: speaker,
      kind: 'stimulus',
      type: 'CONVERSATION',
      content: QUESTION,
      counterpart: 'facilitator',
    });
  for (const [speaker, content] of TURNS) {
    list.push({ seq: seq++, agent: speaker, kind: 'action', type: 'TALK', content });
    list.push({ seq: seq++, agent: speaker, kind: 'action', type: 'DONE', content: '' });
  }
  return list;
}

const QUOTE = /([A-Z][a-z]+ [A-Z][a-z]+): “([^”]+)”/g;

/** Every “…” quote in the summary's bullets and themes, with the persona it is attributed to. */
function quotesIn(summary: FocusGroupSummary): { persona: string; text: string }[] {
  const bullets = [...summary.agreements, ...summary.disagreements, ...summary.surprises, ...summary.recommendations];
  const fromBullets = bullets.flatMap((bullet) =>
    [...bullet.matchAll(QUOTE)].map((match) => ({ persona: match[1], text: match[2] })),
  );
  const fromObjections = summary.objections.flatMap((item) =>
    [...item.objection.matchAll(/“([^”]+)”/g)].map((match) => ({ persona: item.persona, text: match[1] })),
  );
  return [...summary.themes.flatMap((theme) => theme.quotes), ...fromBullets, ...fromObjections];
}

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

describe('offline focus-group summary', () => {
  const lines = transcriptLines(events());
  const summary = offlineSummary(lines);
  const said = talksBy(events());
  const spokenWords = new Set(TURNS.flatMap(([, text]) => words(text)));

  it('keeps the offline header with persona and statement counts', () => {
    expect(summary.overview).toMatch(
      /^\(offline summary\) 4 persona\(s\) \(Priya Shah, Marco Rossi, Helen Okafor, Sam Lee\) made \d+ statement\(s\)/,
    );
  });

  it('names themes with whole words the personas said, none of them from the question', () => {
    const questionWords = new Set(words(QUESTION));
    expect(summary.themes.length).toBeGreaterThan(0);
    for (const theme of summary.themes) {
      for (const word of words(theme.theme)) {
        expect(spokenWords, `"${word}" in theme ${theme.theme}`).toContain(word);
        expect(questionWords, `"${word}" in theme ${theme.theme}`).not.toContain(word);
      }
    }
    expect(summary.themes.some((theme) => theme.theme.includes(' '))).toBe(true);
  });

  it('has no duplicate bullets and no list longer than four', () => {
    for (const list of [
      summary.agreements,
      summary.disagreements,
      summary.surprises,
      summary.recommendations,
      summary.objections.map((item) => JSON.stringify(item)),
      summary.themes.map((theme) => theme.theme),
    ]) {
      expect(new Set(list).size).toBe(list.length);
      expect(list.length).toBeLessThanOrEqual(4);
    }
  });

  it('reports a disagreement quoting a positive persona and the skeptic', () => {
    const quoting = summary.disagreements.map((bullet) => [...bullet.matchAll(QUOTE)].map((match) => match[1]));
    expect(quoting.some((names) => names.includes(SKEPTIC) && names.some((name) => POSITIVE.includes(name)))).toBe(
      true,
    );
  });

  it("reports the skeptic's trust objection and the positive personas' agreement", () => {
    expect(summary.objections.some((item) => item.persona === SKEPTIC && /^Trust/.test(item.objection))).toBe(true);
    expect(summary.agreements.some((bullet) => POSITIVE.every((name) => bullet.includes(`${name}: “`)))).toBe(true);
  });

  it('turns "should", "what if" and "would need" into recommendations', () => {
    expect(summary.recommendations.some((bullet) => bullet.includes('Marco Rossi') && bullet.includes('What if'))).toBe(
      true,
    );
    expect(summary.recommendations.some((bullet) => bullet.includes('Sam Lee'))).toBe(true);
  });

  it('quotes only sentences the named persona really said', () => {
    const quotes = quotesIn(summary);
    expect(quotes.length).toBeGreaterThan(5);
    for (const quote of quotes)
      expect(
        said.get(quote.persona)?.some((text) => text.includes(quote.text)),
        `${quote.persona}: ${quote.text}`,
      ).toBe(true);
  });

  it('is deterministic', () => {
    expect(offlineSummary(transcriptLines(events()))).toEqual(summary);
  });

  it('survives the real quote checker untouched through summarizeFocusGroup', async () => {
    const result = await summarizeFocusGroup(new ResultsExtractor({ model: offlineModel() }), {
      source: events(),
      focus: 'pressure washer',
    });
    expect(result.quoteCheck.dropped).toBe(0);
    expect(result.quoteCheck.repaired).toBe(0);
    // The focus is part of the topic, so it is no theme of its own.
    expect(result.summary.themes.map((theme) => theme.theme.toLowerCase())).not.toContain('pressure washer');
  });
});

describe('offline stances and ideas', () => {
  it('classifies sentences with the stance lexicon', () => {
    expect(sentenceStance('I would happily use it every day.')).toBe('positive');
    expect(sentenceStance('What puts me off is the fee.')).toBe('negative');
    expect(sentenceStance('It depends on the price.')).toBe('mixed');
    expect(sentenceStance('I have seen too many promises like that fall apart.')).toBe('negative');
    expect(sentenceStance('The shop opens at nine.')).toBe('neutral');
  });

  it('names ideas after their phrases and credits the proposer', async () => {
    const { ideas } = await extractIdeas(new ResultsExtractor({ model: offlineModel() }), { source: events() });
    const photos = ideas.find((idea) => idea.description.startsWith('What if the app showed photos'));
    expect(photos?.proposedBy).toBe('Marco Rossi');
    for (const idea of ideas) {
      expect(
        talksBy(events())
          .get(idea.proposedBy)
          ?.some((text) => text.includes(idea.description)),
      ).toBe(true);
      for (const word of words(idea.name))
        expect(
          TURNS.some(([, text]) => words(text).includes(word)),
          idea.name,
        ).toBe(true);
    }
  });
});

describe('offline summary on persona boilerplate', () => {
  it('does not list a general belief as an idea, nor "believe" or "keep" as themes', () => {
    const lines = transcriptLines([
      {
        seq: 1,
        agent: 'Ann Lee',
        kind: 'action',
        type: 'TALK',
        content: 'I believe people should keep more of what they earn. The monthly fee worries me.',
      },
      {
        seq: 2,
        agent: 'Bo Chan',
        kind: 'action',
        type: 'TALK',
        content: 'I believe families should eat together. The monthly fee is fine by me.',
      },
      {
        seq: 3,
        agent: 'Cy Diaz',
        kind: 'action',
        type: 'TALK',
        content: 'I believe we should keep it simple. What if the monthly fee came with a free first week?',
      },
    ]);
    const summary = offlineSummary(lines);
    expect(summary.recommendations.join('\n')).not.toMatch(/I believe/);
    expect(summary.recommendations.join('\n')).toMatch(/free first week/);
    const themes = summary.themes.map((theme) => theme.theme.toLowerCase());
    expect(themes).not.toContain('believe');
    expect(themes).not.toContain('keep');
  });
});

describe('offline summary ignores the reasons personas give about themselves', () => {
  it('does not make a theme of a shared hobby given as a reason ("I love long phone calls")', () => {
    const lines = transcriptLines([
      {
        seq: 1,
        agent: 'Ann Lee',
        kind: 'action',
        type: 'TALK',
        content:
          'Idea: a shared shift calendar for the group — I love long phone calls with old friends, so it becomes a social thing.',
      },
      {
        seq: 2,
        agent: 'Bo Chan',
        kind: 'action',
        type: 'TALK',
        content: 'A shared shift calendar would save me time. I am really into long phone calls with old friends.',
      },
      {
        seq: 3,
        agent: 'Cy Diaz',
        kind: 'action',
        type: 'TALK',
        content: 'I doubt a shift calendar stays accurate. I am someone who loves long phone calls with old friends.',
      },
    ]);
    const themes = offlineSummary(lines).themes.map((theme) => theme.theme.toLowerCase());
    expect(themes.some((theme) => /phone|friends|calls/.test(theme))).toBe(false);
    expect(themes.some((theme) => /shift|calendar/.test(theme))).toBe(true);
  });
});
