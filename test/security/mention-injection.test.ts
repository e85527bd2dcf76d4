import { describe, expect, it } from 'vitest';
import { renderReply } from '../../adapters/slack/index.js';
import type { Reply } from '../../commands/reply.js';
import { safeChatText } from '../../commands/safe-text.js';

const noAvatar = () => ({ emoji: 'adult' });

/** What a model or a user might write to ping everyone or disguise a link. */
const HOSTILE =
  'Hey <!channel> and <!here|here>, ask <@U0ADMIN> in <#C0SECRET>: <https://evil.example|Official docs> @everyone';

/** Slack control sequences: any of these in posted text would notify or link. */
const CONTROL = /<[!@#]|<https?:|@(everyone|here|channel)\b/;

describe('nothing pings or links by accident', () => {
  it('the shared rule neutralises mentions, broadcasts and labelled links but keeps the words', () => {
    const safe = safeChatText(HOSTILE);
    expect(safe).not.toMatch(CONTROL);
    expect(safe).toBe(
      'Hey &lt;!channel&gt; and &lt;!here|here&gt;, ask &lt;@U0ADMIN&gt; in &lt;#C0SECRET&gt;: &lt;https://evil.example|Official docs&gt; @\u2060everyone',
    );
  });

  const replies: [string, Reply][] = [
    ['a persona answer', { kind: 'text', text: HOSTILE, speaker: { kind: 'persona', name: 'Maya' } }],
    ['a plain bot text', { kind: 'text', text: HOSTILE }],
    ['a text with blocks', { kind: 'text', text: HOSTILE, blocks: [{ kind: 'section', text: HOSTILE }] }],
    ['a confirm prompt', { kind: 'confirm', text: HOSTILE, confirmId: 'c1' }],
  ];
  for (const [label, reply] of replies) {
    it(`escapes the Slack fallback text like the blocks: ${label}`, () => {
      const rendered = renderReply(reply, noAvatar);
      expect(rendered.text).not.toMatch(CONTROL);
      expect(rendered.text).toContain('&lt;@U0ADMIN&gt;');
      for (const block of rendered.blocks ?? []) expect(JSON.stringify(block)).not.toMatch(CONTROL);
    });
  }
});
