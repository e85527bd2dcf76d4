import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeMentions } from '../../adapters/discord/index.js';
import { DiscordHarness, offlineModel, tempStore } from '../adapters/discord/harness.js';
import { InjectingModel } from '../doubles/injecting-model.js';

/** What a model or a user might write on Discord to ping people or disguise a link. */
const HOSTILE =
  'Hey @everyone and @here, ask <@123456> or <@!42> of <@&777> in <#555>: [Official docs](https://evil.example/login)';

/** Discord syntax that would notify, link a channel or show a masked link. */
const CONTROL = /@(everyone|here)\b|<@[!&]?\d|<#\d|(?<!\\)\]\(https?:/;

describe('Discord: the one outgoing-text rule', () => {
  it('neutralises broadcasts, user/role/channel mentions and masked links but keeps the words', () => {
    const safe = escapeMentions(HOSTILE);
    expect(safe).not.toMatch(CONTROL);
    expect(safe).toBe(
      'Hey @\u2060everyone and @\u2060here, ask <@\u200b123456> or <@\u200b!42> of <@\u200b&777> in <#\u200b555>: \\[Official docs\\](https://evil.example/login)',
    );
  });

  describe('through a full flow (real discord.js, fake Discord): persona answers and the question as posted', () => {
    let harness: DiscordHarness;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      const temp = await tempStore();
      cleanup = temp.cleanup;
      harness = await DiscordHarness.start({ store: temp.store, model: new InjectingModel(offlineModel(), HOSTILE) });
      await harness.panel('create', { count: 2, description: 'night-shift nurses' });
      await harness.panel('ask', { question: `Would you pay for it? ${HOSTILE}` });
    });
    afterAll(async () => {
      await harness?.stop();
      await cleanup?.();
    });

    it('no posted message, embed or interaction reply carries a live mention or masked link', () => {
      const personaPosts = harness.discord.messages.filter((message) => message.webhook_id);
      expect(personaPosts.length).toBe(2);
      for (const message of personaPosts) expect(message.content).toContain('\\[Official docs\\]');
      const question = harness.discord.messages.find((message) => JSON.stringify(message.embeds).includes('Would you'));
      expect(JSON.stringify(question?.embeds)).toContain('<@\u200b123456>');
      for (const message of harness.discord.messages) {
        expect(message.content).not.toMatch(CONTROL);
        expect(JSON.stringify(message.embeds)).not.toMatch(CONTROL);
        expect(message.mention_everyone).toBe(false);
      }
      for (const callback of harness.discord.callbacks)
        expect(JSON.stringify(callback.data ?? {})).not.toMatch(CONTROL);
    });
  });
});
