import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';

describe('loadConfig errors never print a secret', () => {
  it('names a malformed token without echoing it (a user token pasted as the bot token)', () => {
    const secret = 'xoxp-1234567890-very-secret-user-token';
    let message = '';
    try {
      loadConfig({ SLACK_BOT_TOKEN: secret, SLACK_APP_TOKEN: 'xoxb-also-secret-wrong-kind' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/SLACK_BOT_TOKEN must be a bot token starting with xoxb-/);
    expect(message).toMatch(/SLACK_APP_TOKEN must be/);
    expect(message).not.toContain('very-secret');
    expect(message).not.toContain('also-secret');
  });

  it('still echoes non-secret values, which helps fixing them', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/got "eighty"/);
  });
});
