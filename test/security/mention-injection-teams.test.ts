import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeTeamsText } from '../../adapters/teams/index.js';
import type { WireJson } from '../fakes/bot-connector.js';
import { Harness, cardOf, offlineModel, tempStore } from '../adapters/teams/harness.js';
import { InjectingModel } from '../doubles/injecting-model.js';

/** What a model or a user might write in Teams to mention people, inject markup or disguise a link. */
const HOSTILE = 'Hey <at>Pat Asker</at> and @everyone: [Official docs](https://evil.example/login) <b>now</b>';

/** Teams markup that would mention, format or show a masked link, unescaped. */
const CONTROL = /(?<!\\)<\/?(at|b)>|(?<!\\)\]\(https?:|@everyone\b/;

/** Every text a card shows (TextBlocks, facts), wherever it sits in the card. */
function cardTexts(node: unknown): string[] {
  if (!node || typeof node !== 'object') return [];
  const record = node as WireJson;
  const own = ['text', 'title', 'value'].flatMap((key) => (typeof record[key] === 'string' ? [record[key]] : []));
  return [...own, ...Object.values(record).flatMap(cardTexts)];
}

describe('Teams: the one outgoing-text rule', () => {
  it('neutralises <at> tags, HTML, broadcasts and markdown links but keeps the words', () => {
    const safe = safeTeamsText(HOSTILE);
    expect(safe).not.toMatch(CONTROL);
    expect(safe).toBe(
      'Hey &lt;at&gt;Pat Asker&lt;/at&gt; and @\u2060everyone: \\[Official docs\\](https://evil.example/login) &lt;b&gt;now&lt;/b&gt;',
    );
  });

  describe('through a full flow (real Teams SDK, fake connector): persona answers, the question, the error that quotes it', () => {
    let harness: Harness;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      const temp = await tempStore();
      cleanup = temp.cleanup;
      harness = await Harness.start({ store: temp.store, model: new InjectingModel(offlineModel(), HOSTILE) });
      await harness.mention('panel create 2 night-shift nurses');
      await harness.idle();
      await harness.mention(`panel ask Would you pay for it? ${HOSTILE}`);
      await harness.idle();
      await harness.mention(`persona ${HOSTILE}`);
      await harness.idle();
    });
    afterAll(async () => {
      await harness?.stop();
      await cleanup?.();
    });

    it('no activity text or card text carries a live <at> tag, markup or masked link', () => {
      const sent = harness.connector.activities.map((held) => held.activity);
      const personaCards = sent.filter((activity) => JSON.stringify(cardOf(activity) ?? {}).includes('evil.example'));
      expect(personaCards.length).toBeGreaterThanOrEqual(3);
      for (const activity of sent) {
        expect(String(activity.text ?? '')).not.toMatch(CONTROL);
        for (const text of cardTexts(cardOf(activity))) expect(text).not.toMatch(CONTROL);
      }
    });

    it("the notification preview (summary), the card's fallbackText and speak are made safe the same way", () => {
      const sent = harness.connector.activities.map((held) => held.activity);
      const previews = sent.flatMap((activity) => {
        const card = (cardOf(activity) ?? {}) as WireJson;
        return [activity.summary, card.fallbackText, card.speak].filter((text) => typeof text === 'string');
      });
      // Persona answers, the question and the error quoting it all reach a preview.
      expect(previews.filter((text) => String(text).includes('evil.example')).length).toBeGreaterThanOrEqual(9);
      for (const text of previews) expect(String(text)).not.toMatch(CONTROL);
    });
  });
});
